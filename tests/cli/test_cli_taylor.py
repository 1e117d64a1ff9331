"""`slope-explorer taylor`: the contract's JSON object, one-sided lists, CSV, bad input (one line, exit 2);
the real command in a subprocess and in this process through explorer.cli.main. Truth from sympy."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

from explorer.cli import main

ROOT = Path(__file__).resolve().parents[2]
X = sympy.Symbol("x")


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def series_truth(expr, x0, degree):
    h = sympy.Symbol("h")
    series = sympy.series(expr.subs(X, x0 + h), h, 0, degree + 1).removeO()
    return [float(sympy.N(series.coeff(h, k), 40)) for k in range(degree + 1)]


def test_real_command_prints_the_contract_object():
    done = run_cli("taylor", "ln(1+x)", "--at", "0", "--degree", "20")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["at"] == 0.0 and answer["degree"] == 20 and answer["kind"] == "smooth"
    assert isinstance(answer["coefficients"], list) and len(answer["coefficients"]) == 21
    assert answer["coefficients"] == pytest.approx(series_truth(sympy.log(1 + X), 0, 20), rel=1e-12, abs=1e-15)
    assert answer["left_coefficients"] is None and answer["right_coefficients"] is None
    assert answer["radius"] == pytest.approx(1.0, rel=2e-2)


def _json(capsys, *argv):
    assert main(["taylor", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_at_accepts_pi_over_two(capsys):
    answer = _json(capsys, "sin x", "--at", "pi/2", "--degree", "6")
    assert answer["at"] == math.pi / 2
    truth = series_truth(sympy.sin(X), sympy.pi / 2, 6)
    assert answer["coefficients"] == pytest.approx(truth, abs=1e-15)


def test_the_quartic_at_two(capsys):
    c = _json(capsys, "5x^4+3x^3+7x^2+9x-5", "--at", "2", "--degree", "8")["coefficients"]
    assert c == [145.0, 233.0, 145.0, 43.0, 5.0, 0.0, 0.0, 0.0, 0.0]


def test_parameters(capsys):
    c = _json(capsys, "a e^(b x)", "--at", "0", "--degree", "3", "--param", "a=2", "b=-1")["coefficients"]
    assert c == pytest.approx([2.0, -2.0, 1.0, -1 / 3], rel=1e-15)


def test_corner_gives_one_sided_lists(capsys):
    answer = _json(capsys, "|x|", "--at", "0", "--degree", "4")
    assert answer["kind"] == "corner" and answer["coefficients"] is None
    assert answer["left_coefficients"] == [0.0, -1.0, 0.0, 0.0, 0.0]
    assert answer["right_coefficients"] == [0.0, 1.0, 0.0, 0.0, 0.0]
    assert answer["radius"] is None and answer["radius_note"]


def test_a_side_without_a_polynomial_is_null(capsys):
    answer = _json(capsys, "sqrt(x)", "--at", "0", "--degree", "3")
    assert answer["kind"] == "vertical" and answer["left_coefficients"] is None and answer["right_coefficients"] is None


def test_csv(capsys):
    assert main(["taylor", "|x|", "--at", "0", "--degree", "2", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "k,coefficient,left_coefficient,right_coefficient", "0,,0.0,0.0", "1,,-1.0,1.0", "2,,0.0,0.0"]


@pytest.mark.parametrize("argv, words", [
    (["sin x", "--at", "0", "--degree", "21"], "degree from 0 to 20"),
    (["sin x", "--at", "0", "--degree", "-1"], "degree"),
    (["sin x", "--at", "zero", "--degree", "2"], "--at"),
    (["sin(", "--at", "0", "--degree", "2"], "missing ')'"),
    (["sin x", "--degree", "2"], "--at"),
    (["sin x", "--at", "0"], "--degree"),
    (["a x", "--at", "0", "--degree", "2", "--param", "b=1"], "b"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, words):
    assert main(["taylor", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1 and words in captured.err


def test_help_names_the_degree():
    done = run_cli("taylor", "--help")
    assert done.returncode == 0 and "--degree" in done.stdout and "pi/2" in done.stdout


def test_export_of_a_session_with_the_tool_shows_tn(tmp_path, qapp):
    from PySide6.QtGui import QImage

    from explorer.app.document_file import save_document
    from explorer.app.state import DocumentState

    counts = []
    for shown in (False, True):
        session = tmp_path / f"s{shown}.slope"
        save_document(DocumentState(text="sin x", x0=0.0, orders=(), show_tangent=False, show_taylor=shown,
                                    taylor_degree=3), session)
        out = tmp_path / f"s{shown}.png"
        assert main(["export", "--open", str(session), "-o", str(out), "--size", "800x600"]) == 0
        image = QImage(str(out))
        counts.append(sum(1 for i in range(0, image.width(), 2) for j in range(0, image.height(), 2)
                          if image.pixelColor(i, j).name() == "#f03e9c"))
    assert counts[0] == 0 and counts[1] > 100
