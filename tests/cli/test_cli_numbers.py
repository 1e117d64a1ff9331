"""Numbers on the command line as a student types them: `pi/2`, `-pi`, `-6e7`, `sqrt(2)/2`."""

import json
import math

import mpmath
import pytest

from explorer.cli import main
from explorer.model.parsing.errors import ParseError
from explorer.model.parsing.numbers import read_number

mpmath.mp.dps = 40


@pytest.mark.parametrize("text, truth", [
    ("pi/2", mpmath.pi / 2), ("-pi", -mpmath.pi), ("sqrt(2)/2", mpmath.sqrt(2) / 2), ("e^-1", mpmath.e ** -1),
    ("1/3", mpmath.mpf(1) / 3), ("2pi/3", 2 * mpmath.pi / 3), ("ln 2", mpmath.log(2)), ("-6e7", mpmath.mpf(-6e7)),
    (" 0.1 ", mpmath.mpf("0.1")),
])
def test_a_typed_number_is_the_float_nearest_its_exact_value(text, truth):
    assert read_number(text) == float(truth)  # mpmath rounds the 40-digit truth once, to nearest


@pytest.mark.parametrize("text, why", [
    ("x", "depend on x"), ("a + 1", "depend on a"), ("1/0", "division by zero"), ("inf", "finite"),
    ("nan", "finite"), ("asin(3)", "real"), ("10^400", "too large"), ("", "empty"),
])
def test_what_is_not_a_number_says_why(text, why):
    with pytest.raises(ParseError, match=why):
        read_number(text)


def _table(capsys, *argv):
    assert main(["table", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_table_reads_points_written_as_expressions_and_negative(capsys):
    rows = _table(capsys, "sin x", "--at", "-pi", "pi/2", "-pi/2", "--order", "1")
    xs = [row["x"] for row in rows]
    assert xs == [-math.pi, math.pi / 2, -math.pi / 2]
    assert [row["f"] for row in rows][1:] == [1.0, -1.0]


def test_a_negative_function_first_and_negative_points_after_it(capsys):
    rows = _table(capsys, "-x^2", "--at", "-3", "-pi")
    assert [row["f"] for row in rows] == pytest.approx([-9.0, -math.pi ** 2], rel=1e-15)


def test_export_takes_a_negative_range_in_scientific_notation(tmp_path):
    out = tmp_path / "wide.csv"
    assert main(["export", "x", "--xrange", "-6e7", "6e7", "--x0", "-pi", "-o", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert float(rows[1].split(",")[0]) == -6e7 and float(rows[-1].split(",")[0]) == 6e7


def test_a_bad_number_is_one_line_naming_the_option(capsys):
    assert main(["table", "x", "--at", "pi/x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--at" in err and "'pi/x' is not a number" in err
