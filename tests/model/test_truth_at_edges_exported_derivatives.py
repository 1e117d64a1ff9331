"""A sampled derivative that does not exist is missing, never autograd's subgradient (issue family 11).

`export "|x|" --orders 1 --xrange 0 2` wrote f′(0) = 0. Wherever a sample is a point at which
f^(k) does not exist (the one-sided derivatives of f^(k−1) differ, or f^(k−1) jumps), the
CurveSet holds NaN, and the CSV an empty cell. Truth: each function as its two smooth pieces
beside the special point p (sympy differentiates each), and its value at p.
"""

import csv
import io

import pytest
import sympy

from explorer.export.tables import curves_csv
from explorer.model.function import X
from explorer.model.parsing import parse

#: (text, piece left of p, piece right of p, f(p), p, x range)
CASES = [
    ("|x|", -X, X, 0, 0, (0.0, 2.0)),
    ("|x-1|", 1 - X, X - 1, 0, 1, (0.0, 2.0)),
    ("floor(x)", sympy.Integer(0), sympy.Integer(1), 1, 1, (0.5, 1.5)),
    ("ceil(x)", sympy.Integer(0), sympy.Integer(1), 0, 0, (-0.5, 0.5)),
    ("sign(x)", sympy.Integer(-1), sympy.Integer(1), 0, 0, (-1.0, 1.0)),
    ("x|x|", -X**2, X**2, 0, 0, (-1.0, 1.0)),
    ("|x|^3", -X**3, X**3, 0, 0, (-1.0, 1.0)),
]
ORDERS = 3


def first_missing(left: sympy.Expr, right: sympy.Expr, value, p) -> int:
    """The lowest order k for which f^(k) does not exist at p."""
    if left.subs(X, p) != value or right.subs(X, p) != value:
        return 1  # f jumps: f′ does not exist
    for k in range(1, ORDERS + 1):
        if sympy.diff(left, X, k).subs(X, p) != sympy.diff(right, X, k).subs(X, p):
            return k
    return ORDERS + 1


@pytest.mark.parametrize(("text", "left", "right", "value", "p", "xrange"), CASES, ids=[c[0] for c in CASES])
def test_a_derivative_that_does_not_exist_is_an_empty_cell(engine, text, left, right, value, p, xrange):
    curves = engine.sample(parse(text), *xrange, 9, ORDERS)
    rows = list(csv.reader(io.StringIO(curves_csv(curves, range(1, ORDERS + 1)))))[1:]
    missing_from = first_missing(left, right, value, p)
    assert missing_from <= ORDERS
    seen_p = False
    for row in rows:
        x = float(row[0])
        if x == p:
            seen_p = True
            assert float(row[1]) == value
            for k in range(1, ORDERS + 1):
                assert (row[k + 1] == "") == (k >= missing_from), (text, k, row)
                if k < missing_from:
                    assert float(row[k + 1]) == float(sympy.diff(right, X, k).subs(X, p))
        else:
            piece = left if x < p else right
            for k in range(0, ORDERS + 1):
                assert float(row[k + 1]) == pytest.approx(float(sympy.diff(piece, X, k).subs(X, x)), abs=1e-12)
    assert seen_p  # the special point is a sample, as a round number of the grid must be
