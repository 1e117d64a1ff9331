"""A domain edge is reached by every row, whether or not a sample lands on it.

Truth (sympy): √x exists for x ≥ 0 and its slope 1/(2√x) for x > 0 only, climbing past any bound as
x → 0⁺; x·√x has f′ = (3/2)√x at 0 but f″ = 3/(4√x) does not exist there; √(1 − x²) ends at ±1. On
[−4, 4] a grid of n samples has one at 0 when n is odd, and at ±1 when 8 divides n − 1.
"""

import numpy as np
import pytest
import sympy

from explorer.model.engine import Engine
from explorer.model.parsing import parse
from explorer.views.edge_points import with_edges

x = sympy.Symbol("x", real=True)
SIZES = [3, 1001, 1104, 1108, 1109, 1119, 1134, 3600, 3601]


def _edges_of(formula):
    """The edges of the real domain of `formula` on [−4, 4], from sympy."""
    domain = sympy.calculus.util.continuous_domain(formula, x, sympy.Interval(-4, 4))
    return sorted(float(point) for point in domain.boundary if abs(point) < 4)


@pytest.mark.parametrize("text, formula", [("sqrt x", sympy.sqrt(x)), ("x sqrt x", x * sympy.sqrt(x)),
                                           ("sqrt(1 - x^2)", sympy.sqrt(1 - x**2))])
@pytest.mark.parametrize("n", SIZES)
def test_every_row_reaches_the_edge(text, formula, n):
    curves = Engine(device="cpu").sample(parse(text), -4, 4, n, 2)
    truth = _edges_of(formula)
    assert curves.edges.x.tolist() == truth  # exactly: the grid is closed in on to the double
    for order in range(3):
        derivative = sympy.diff(formula, x, order)
        line_x, line_y, joins = with_edges(curves.x, curves.values[order], curves.connected[order],
                                           curves.edges, order)
        drawn = joins[:-1] & np.isfinite(line_y[:-1]) & np.isfinite(line_y[1:])
        ends = np.concatenate((line_x[:-1][drawn], line_x[1:][drawn]))
        for edge in truth:
            assert np.min(np.abs(ends - edge)) == 0.0, (order, edge)  # a drawn line reaches it
        for edge, value in zip(curves.edges.x, curves.edges.values[order]):
            side = 1 if formula.subs(x, edge + sympy.Rational(1, 1000)).is_real else -1
            limit = sympy.limit(derivative, x, edge, "+" if side > 0 else "-")
            if limit.is_finite:
                assert value == pytest.approx(float(limit), abs=1e-6)
            else:  # climbs off any plot, the way the limit goes
                assert abs(value) > 1e7 and np.sign(value) == (1 if limit > 0 else -1)
