"""A corner far from 0 is a corner (issue family 12): the probe's first steps, relative to |x₀|,
span several periods of |sin x| at ±1000π; the slopes are judged where the sequence settles.
Truth: sympy's one-sided limits of the derivative of |sin x| at kπ."""

import math

import pytest
import sympy

from explorer.model.engine import Engine
from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.edge_truth import one_sided


@pytest.mark.parametrize("k", [1000, -1000, 300, 1])
def test_abs_sin_far_out_is_a_corner(k):
    slope = sympy.diff(sympy.Abs(sympy.sin(X)), X)
    left, right = one_sided(slope, k * sympy.pi, "-"), one_sided(slope, k * sympy.pi, "+")
    reading = Engine(device="cpu", fuse=False).probe(parse("|sin x|"), k * math.pi, order=1)
    assert reading.kind is PointKind.CORNER
    assert reading.left_slope == pytest.approx(left, rel=1e-9)
    assert reading.right_slope == pytest.approx(right, rel=1e-9)
