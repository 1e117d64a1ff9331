"""An isolated value is defined and discontinuous, not "undefined" (issue family 5).

floor(sin x) is 1 at π/2 and 0 on either side: f exists there and jumps. Truth: mpmath at 40
digits at the point (as sympy's exact value) and beside it.
"""

import math

import mpmath
import pytest
import sympy

from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind

mpmath.mp.dps = 40

CASES = [
    ("floor(sin x)", sympy.floor(sympy.sin(X)), sympy.pi / 2),
    ("floor(cos x)", sympy.floor(sympy.cos(X)), 0),
    ("ceil(-cos x)", sympy.ceiling(-sympy.cos(X)), 0),
    ("floor(1 - x^2)", sympy.floor(1 - X**2), 0),
    ("floor(cos(x)^2)", sympy.floor(sympy.cos(X) ** 2), sympy.pi),
    ("floor(cos x)", sympy.floor(sympy.cos(X)), 2 * sympy.pi),
]


@pytest.mark.parametrize(("text", "expr", "at"), CASES, ids=[f"{c[0]} at {c[2]}" for c in CASES])
def test_an_isolated_value_is_a_discontinuity(engine, text, expr, at):
    value = expr.subs(X, at)
    beside = [expr.subs(X, at + d) for d in (sympy.Rational(-1, 1000), sympy.Rational(1, 1000))]
    assert value.is_Integer and all(b.is_Integer and b != value for b in beside)
    reading = engine.probe(parse(text), float(at), order=2)
    assert reading.kind is PointKind.DISCONTINUOUS
    assert reading.value == int(value)
    assert all(math.isnan(v) for v in reading.values[1:])
