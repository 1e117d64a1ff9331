"""Two poles inside one sampling step still break the curve (issue family 13, pole pairs).

1/(x² − 10⁻⁶) has poles at ±10⁻³: on the default view's grid both lie between two samples,
where the denominator has the same sign, so no sign change shows them. Truth: the poles from
sympy's solve; the curve must not be drawn across the step that holds them, and is drawn
everywhere else.
"""

import numpy as np
import pytest
import sympy

from explorer.model.engine import Engine
from explorer.model.function import X
from explorer.model.parsing import parse

CASES = [
    ("1/(x^2 - 10^(-6))", X**2 - sympy.Rational(1, 10**6)),
    ("1/((x-1)^2 - 10^(-8))", (X - 1) ** 2 - sympy.Rational(1, 10**8)),
    ("x/(x^2 - 4*10^(-6)) + sin x", X**2 - sympy.Rational(4, 10**6)),
]


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu", fuse=False)


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
