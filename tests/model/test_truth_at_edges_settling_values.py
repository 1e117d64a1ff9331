"""f's own one-sided limits that settle like h·ln h (issue family 4, for values): x^x at 0 is still
1 − 2·10⁻⁸ at h = 10⁻⁹ and √x·ln x −6.6·10⁻⁴, so the last number is no limit. The probe's
left/right values and the features' limits (a hole's, a domain edge's, a jump's sides) are sympy's
one-sided limits, or undecided (NaN / None) where sympy is not at hand: never the unsettled number.
Truth: sympy's limits of the expression as typed."""

import math

import pytest
import sympy

from explorer.model.features.result import FeatureKind as K
from explorer.model.features.search import find_features
from explorer.model.function import X
from explorer.model.parsing import parse
from tests.model.edge_truth import one_sided

SLOW = [
    # text, expr, the feature at 0
    ("x^x", X**X, K.DOMAIN_EDGE),
    ("sqrt(x) ln x", sympy.sqrt(X) * sympy.log(X), K.DOMAIN_EDGE),
    ("x ln|x|", X * sympy.log(sympy.Abs(X)), K.HOLE),
    ("x^2 ln|x|", X**2 * sympy.log(sympy.Abs(X)), K.HOLE),
    ("sqrt|x| ln|x| + 2", sympy.sqrt(sympy.Abs(X)) * sympy.log(sympy.Abs(X)) + 2, K.HOLE),
    ("x^x + floor(x)", X**X + sympy.floor(X), K.DOMAIN_EDGE),
]
IDS = [case[0] for case in SLOW]


@pytest.fixture
def patient_sympy(monkeypatch):
    """sympy's limits given all the time they need: what is tested is the answer, not its speed."""
    from explorer.model.special_points import exact_limits

    monkeypatch.setattr(exact_limits, "DEADLINE_S", 120.0)


def truth(expr, kind):
    """(left, right) limits of f at 0; NaN left of a domain edge, where f has no real values (sympy's
    limit from the left would be a complex branch's)."""
    right = one_sided(expr, 0, "+")
    return (math.nan if kind is K.DOMAIN_EDGE else one_sided(expr, 0, "-")), right


def at_zero(feature_set):
    return next(f for f in feature_set.features if f.x == 0.0)


@pytest.mark.parametrize(("text", "expr", "kind"), SLOW, ids=IDS)
def test_the_probe_reads_fs_one_sided_limits_exactly(engine, patient_sympy, text, expr, kind):
    left, right = truth(expr, kind)
    reading = engine.probe(parse(text), 0.0, order=1)
    for got, want in ((reading.left_value, left), (reading.right_value, right)):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want, abs=1e-15)


@pytest.mark.parametrize(("text", "expr", "kind"), SLOW, ids=IDS)
def test_features_report_the_exact_limit_not_the_last_number(engine, patient_sympy, text, expr, kind):
    left, right = truth(expr, kind)
    feature = at_zero(find_features(engine, parse(text), -1.0, 1.0, exact=False))
    assert kind in feature.kinds
    if kind is K.HOLE:
        assert feature.limit == pytest.approx(left, abs=1e-15) and left == pytest.approx(right, abs=1e-15)
    elif math.isnan(left):  # a domain edge with f on the right only
        assert feature.limit == pytest.approx(right, abs=1e-15)


@pytest.mark.parametrize(("text", "expr", "kind"), SLOW, ids=IDS)
def test_without_sympy_the_unsettled_limits_are_undecided(engine, text, expr, kind):
    """A program alone cannot ask sympy: the limits are left out (None, NaN), never 1 − 2·10⁻⁸."""
    program = parse(text).program
    feature = at_zero(find_features(engine, program, -1.0, 1.0, exact=False))
    assert kind in feature.kinds and feature.limit is None
    reading = engine.probe(program, 0.0, order=1)
    left, right = truth(expr, kind)
    for got, want in ((reading.left_value, left), (reading.right_value, right)):
        assert math.isnan(got) or got == want  # a side that settled exactly (0 from the left) may stay
    assert "too slowly" in reading.undecided
