"""`slope-explorer features`: the JSON and CSV contract of issue #16, checked against independent
mathematics (sympy), through the real command and in-process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

from explorer.cli import main

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["x", "y", "kinds", "left_slope", "right_slope", "exact", "endpoint"]


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_json_is_one_object_sorted_by_x_with_the_kinds_named():
    done = run_cli("features", "x^3 - 3x", "--xrange", "-3", "3")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"function", "x_range", "features"}
    assert out["function"] == "x^3 - 3x" and out["x_range"] == [-3.0, 3.0]
    features = out["features"]
    assert all(list(f) == KEYS for f in features)
    x = sympy.Symbol("x")
    truth = sorted(float(r) for r in sympy.solve(x**3 - 3 * x, x)) + [-1.0, 1.0]
    assert [f["x"] for f in features] == pytest.approx(sorted(truth), abs=1e-12)
    assert [f["kinds"] for f in features] == [["zero"], ["maximum"], ["zero", "inflection"], ["minimum"], ["zero"]]
    assert [f["exact"] for f in features] == ["-sqrt(3)", "-1", "0", "1", "sqrt(3)"]
    assert features[1]["y"] == pytest.approx(2.0) and features[3]["y"] == pytest.approx(-2.0)
    assert all(f["left_slope"] is None and f["right_slope"] is None and f["endpoint"] is False for f in features)


def test_a_corner_has_its_one_sided_slopes_and_a_hole_no_value(capsys):
    assert main(["features", "abs(3x - 1)", "--xrange", "-1", "1"]) == 0
    (corner,) = json.loads(capsys.readouterr().out)["features"]
    assert corner["exact"] == "1/3" and corner["x"] == 1 / 3
    assert (corner["left_slope"], corner["right_slope"]) == pytest.approx((-3.0, 3.0))
    assert corner["kinds"] == ["zero", "minimum", "corner"]
    assert main(["features", "sin(x)/x", "--xrange", "-1", "1"]) == 0
    (hole,) = json.loads(capsys.readouterr().out)["features"]
    assert hole == {"x": 0.0, "y": None, "kinds": ["hole"], "left_slope": None, "right_slope": None,
                    "exact": "0", "endpoint": False}


def test_csv_has_a_header_of_the_same_keys(capsys):
    assert main(["features", "x^(2/3)", "--xrange", "-pi", "2", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [KEYS, ["0.0", "0.0", "zero;minimum;cusp", "-inf", "inf", "0", "false"]]


def test_parameters_and_endpoints(capsys):
    assert main(["features", "a x - 2", "--xrange", "1", "3", "--param", "a=2"]) == 0
    (zero,) = json.loads(capsys.readouterr().out)["features"]
    assert zero["x"] == 1.0 and zero["endpoint"] is True and zero["kinds"] == ["zero"]


@pytest.mark.parametrize("argv", [
    ["features", "x^2", "--xrange", "2", "1"],
    ["features", "x^+", "--xrange", "0", "1"],
    ["features", "x^2"],
    ["features", "x^2", "--xrange", "0", "1", "--param", "q=1"],
    ["features", "x^2", "--xrange", "0", "1", "--format", "xml"],
])
def test_bad_input_is_one_line_and_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("slope-explorer: ")


def test_bad_input_through_the_real_command():
    done = run_cli("features", "x^2", "--xrange", "1", "-1")
    assert done.returncode == 2 and done.stdout == "" and done.stderr.count("\n") == 1


def test_help_names_the_command(capsys):
    assert main(["--help"]) == 0
    assert "features FUNCTION --xrange A B" in capsys.readouterr().out
    assert main(["features", "--help"]) == 0
    assert "JSON" in capsys.readouterr().out
