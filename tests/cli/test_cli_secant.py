"""`slope-explorer secant`: the contract's JSON object, CSV, and one-line errors; truth from mpmath."""

import csv
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import mpmath
import pytest

from explorer.cli import main

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"x0", "f", "derivative", "kind", "left_slope", "right_slope", "rows", "best_h"}
mpmath.mp.dps = 40


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _json(capsys, *args) -> dict:
    assert main(["secant", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_real_command_prints_the_contract_object():
    done = run_cli("secant", "sin x", "--x0", "pi/2", "--h", "0.1", "1e-4")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == KEYS
    assert out["x0"] == float(mpmath.pi / 2) and out["f"] == 1.0 and out["kind"] == "smooth"
    assert out["derivative"] == pytest.approx(0.0, abs=1e-15)
    assert [row["h"] for row in out["rows"]] == [0.1, 1e-4]
    assert set(out["rows"][0]) == {"h", "forward", "backward", "central"}
    assert set(out["best_h"]) == {"forward", "central"}
    x0, h = mpmath.mpf(out["x0"]), mpmath.mpf("0.1")
    assert out["rows"][0]["forward"] == pytest.approx(float((mpmath.sin(x0 + h) - 1) / h), rel=1e-12)
    assert out["rows"][0]["central"] == pytest.approx(0.0, abs=1e-15)


def test_default_steps_are_1_to_1e_minus_16(capsys):
    out = _json(capsys, "x^2", "--x0", "1")
    assert [row["h"] for row in out["rows"]] == [10.0 ** -k for k in range(17)]
    assert out["rows"][0] == {"h": 1.0, "forward": 3.0, "backward": 1.0, "central": 2.0}
    assert out["derivative"] == 2.0


def test_sin_at_1_errors_and_best_h(capsys):
    out = _json(capsys, "sin x", "--x0", "1")
    exact = mpmath.cos(1)
    for row in out["rows"]:
        if 1e-6 <= row["h"] <= 1e-2:
            error = abs(mpmath.mpf(row["forward"]) - exact)
            assert abs(error / (mpmath.sin(1) * row["h"] / 2) - 1) < 0.1
    eps = sys.float_info.epsilon
    assert math.sqrt(eps) / 10 <= out["best_h"]["forward"] <= math.sqrt(eps) * 10
    assert eps ** (1 / 3) / 10 <= out["best_h"]["central"] <= eps ** (1 / 3) * 10


def test_corner_vertical_and_undefined_write_null_not_nan(capsys):
    corner = _json(capsys, "|x|", "--x0", "0")
    assert corner["kind"] == "corner" and corner["derivative"] is None
    assert (corner["left_slope"], corner["right_slope"]) == (-1.0, 1.0)
    assert all(row["forward"] == 1.0 and row["backward"] == -1.0 for row in corner["rows"])
    vertical = _json(capsys, "x^(1/3)", "--x0", "0", "--h", "1e-3", "1e-6")
    assert vertical["kind"] == "vertical" and vertical["derivative"] is None
    assert vertical["left_slope"] is None and vertical["right_slope"] is None  # +inf: null, as --help says
    assert vertical["rows"][1]["forward"] == pytest.approx(1e4)
    undefined = _json(capsys, "ln x", "--x0", "-1", "--h", "0.5")
    assert undefined["kind"] == "undefined" and undefined["f"] is None
    assert undefined["rows"][0] == {"h": 0.5, "forward": None, "backward": None, "central": None}
    assert all(isinstance(value, float) for value in undefined["best_h"].values())


def test_negative_h_and_parameters(capsys):
    out = _json(capsys, "a x^2", "--x0", "-pi", "--h", "-0.5", "--param", "a=2")
    x0, h = mpmath.mpf(out["x0"]), mpmath.mpf(-0.5)
    forward = (2 * (x0 + h) ** 2 - 2 * x0 ** 2) / h
    assert out["rows"][0]["forward"] == pytest.approx(float(forward), rel=1e-14)


def test_csv_has_the_h_table_with_errors(capsys):
    assert main(["secant", "x^2", "--x0", "1", "--h", "1", "0.5", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["h", "forward", "backward", "central", "forward_error", "backward_error",
                             "central_error"]
    assert [float(rows[0][key]) for key in rows[0]] == [1.0, 3.0, 1.0, 2.0, 1.0, 1.0, 0.0]
    assert float(rows[1]["forward_error"]) == 0.5


@pytest.mark.parametrize("args, words", [
    (["x", "--x0", "0", "--h", "0"], "h must not be 0"),
    (["x", "--x0", "banana"], "is not a number"),
    (["x"], "--x0"),
    (["x +", "--x0", "1"], "bad function"),
    (["a x", "--x0", "1", "--param", "b=1"], "unknown parameter b"),
    (["x", "--x0", "1e300"], "--x0 must lie between"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, args, words):
    assert main(["secant", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("slope-explorer: ") and words in err


def test_help_documents_null_for_infinite_slopes(capsys):
    assert main(["secant", "--help"]) == 0
    out = capsys.readouterr().out
    assert "null" in out and "infinite one-sided slope" in out and "--x0" in out
