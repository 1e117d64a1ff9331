"""Two poles inside one sampling step still break the curve (issue family 13, pole pairs).

1/(x² − 10⁻⁶) has poles at ±10⁻³: on the default view's grid both lie between two samples,
where the denominator has the same sign, so no sign change shows them. Truth: the poles from
sympy's solve; the curve must not be drawn across the step that holds them, and is drawn
everywhere else.
"""

import numpy as np
import pytest
import sympy

from explorer.model.function import X
from explorer.model.parsing import parse

CASES = [
    ("1/(x^2 - 10^(-6))", X**2 - sympy.Rational(1, 10**6)),
    ("1/((x-1)^2 - 10^(-8))", (X - 1) ** 2 - sympy.Rational(1, 10**8)),
    ("x/(x^2 - 4*10^(-6)) + sin x", X**2 - sympy.Rational(4, 10**6)),
]


@pytest.mark.parametrize(("text", "denominator"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("n", [1200, 1000, 3600])
def test_a_pair_of_poles_in_one_step_breaks_the_curve(engine, text, denominator, n):
    poles = [float(p) for p in sympy.solve(denominator, X)]
    curves = engine.sample(parse(text), -10, 10, n, 1)
    holding = {int(np.searchsorted(curves.x, p)) - 1 for p in poles}
    assert len(holding) == 1  # both poles between the same two samples: the trap itself
    for k in (0, 1):
        row, joined = curves.values[k], curves.connected[k]
        finite = np.isfinite(row[:-1]) & np.isfinite(row[1:])
        broken = set(np.flatnonzero(finite & ~joined[:-1]).tolist())
        assert broken == holding, (k, broken, holding)


def tan_poles(scale, lo, hi):
    """The poles of tan(scale·x) in (lo, hi), from sympy's periodic solution set (π/2 + kπ)/scale."""
    k_lo = sympy.ceiling((lo * scale - sympy.pi / 2) / sympy.pi)
    k_hi = sympy.floor((hi * scale - sympy.pi / 2) / sympy.pi)
    return [float((sympy.pi / 2 + k * sympy.pi) / scale) for k in range(int(k_lo), int(k_hi) + 1)]


@pytest.mark.parametrize(("lo", "hi", "n"), [(-0.5, 0.5, 1000), (-1, 1, 701), (-2, 2, 1500), (0.3, 0.35, 999)])
def test_every_pole_of_tan_1000x_breaks_the_curve_where_it_can_be_seen(engine, lo, hi, n):
    """A pole and its neighbour fall within a step or two of each other; each still breaks f and f′."""
    curves = engine.sample(parse("tan(1000x)"), lo, hi, n, 1)
    poles = tan_poles(1000, lo, hi)
    holding = np.searchsorted(curves.x, poles) - 1
    assert len(poles) > 10
    for k in (0, 1):
        shown = ~curves.unresolved[k] if curves.unresolved is not None else np.ones(n - 1, bool)
        across = [i for i in holding if shown[i] and curves.connected[k][i]]
        assert across == [], (k, across[:5])


def test_tan_1000x_on_the_default_view_is_never_a_line_across_a_pole(engine):
    """Too fast for the grid: every step that holds a pole is drawn as the band, not as a stroke."""
    curves = engine.sample(parse("tan(1000x)"), -4, 4, 1000, 1)
    holding = np.searchsorted(curves.x, tan_poles(1000, -4, 4)) - 1
    for k in (0, 1):
        stroked = curves.connected[k][holding] & ~curves.unresolved[k][holding]
        assert not stroked.any()
