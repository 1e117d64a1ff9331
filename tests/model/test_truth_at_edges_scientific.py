"""Scientific notation is never read silently as Euler's number or a parameter E (issue family 8).

`1e-3 x` read as typed is e − 3x, and `1E-3` is a slider E minus 3: each such form is refused at
the e with the power of ten it was meant as, while e and E used as themselves still read.
"""

import pytest
import sympy

from explorer.model.function import X, parameter_symbol
from explorer.model.parsing import ParseError, parse


@pytest.mark.parametrize(("text", "column", "hint"), [
    ("1e-3 x", 1, "1*10^(-3)"),
    ("1E-3", 1, "1*10^(-3)"),
    ("1e3", 1, "1*10^3"),
    ("2.5e+4x", 3, "2.5*10^4"),
    (".5e-2 + x", 2, ".5*10^(-2)"),
    ("x + 3E7", 5, "3*10^7"),
    ("1e−3", 1, "1*10^(-3)"),
])
def test_scientific_notation_is_refused_with_its_power_of_ten(text, column, hint):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.column == column
    assert hint in caught.value.message
    assert "not a power of ten" in caught.value.message


@pytest.mark.parametrize(("text", "expected"), [
    ("2e-x", 2 * sympy.E - X),
    ("2ex", 2 * sympy.E * X),
    ("3e x", 3 * sympy.E * X),
    ("2e - 3", 2 * sympy.E - 3),
    ("2E x", 2 * parameter_symbol("E") * X),
])
def test_e_that_is_not_scientific_notation_still_reads(text, expected):
    assert sympy.simplify(parse(text).expr - expected) == 0
