"""f, f′, f″, f‴ from the engine against sympy's exact derivatives evaluated with mpmath at 50 digits."""

import math
import zlib

import mpmath
import numpy as np
import pytest
import sympy
import torch

from explorer.model.derivatives import derivatives
from explorer.model.engine import Engine
from explorer.model.function import X, parameter_symbol
from explorer.model.program.compiling import compile_function
from tests.model.corpus import CASES, Case, real_reference

#: Relative tolerance per derivative order, and the absolute floor used near zero values.
RTOL = (1e-9, 1e-9, 1e-9, 1e-7)
ATOL = (1e-12, 1e-12, 1e-11, 1e-9)


def exact_rows(case: Case, points: np.ndarray) -> np.ndarray:
    """f … f‴ at `points` from sympy.diff + mpmath (dps 50); NaN where the value is not real."""
    expr = real_reference(case.expr).subs({parameter_symbol(k): sympy.Float(v, 30) for k, v in case.params.items()})
    rows = [expr]
    for _ in range(3):
        rows.append(sympy.diff(rows[-1], X).replace(sympy.DiracDelta, lambda *args: sympy.S.Zero))
    functions = [sympy.lambdify(X, row, modules="mpmath") for row in rows]
    out = np.full((4, len(points)), math.nan)
    with mpmath.workdps(50):
        for j, point in enumerate(points):
            for k, f in enumerate(functions):
                try:
                    value, left, right = (_real(f(mpmath.mpf(float(point)) + d)) for d in (0, -1e-30, 1e-30))
                except ZeroDivisionError:  # x^(-1/3) at 0
                    break
                if value is None:
                    continue
                if k and (left is None or right is None or abs(left - right) > 1e-20):
                    break  # a kink of f^(k-1) (2|x| at 0): sympy's sign(0) = 0 is no derivative
                out[k, j] = float(value)
    return out


def _real(value):
    value = mpmath.mpmathify(value)
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > 1e-40 * max(1, abs(value.real)):
            return None
        value = value.real
    return value


def assert_close(engine_rows: np.ndarray, exact: np.ndarray, points: np.ndarray, name: str):
    for k in range(4):
        exists = np.isfinite(exact[k])
        assert np.isfinite(engine_rows[k][exists]).all(), f"{name}: f^({k}) missing where it exists"
        error = np.abs(engine_rows[k][exists] - exact[k][exists])
        allowed = RTOL[k] * np.abs(exact[k][exists]) + ATOL[k]
        worst = np.argmax(error / allowed) if error.size else 0
        assert (error <= allowed).all(), (
            f"{name}: f^({k}) at x={points[exists][worst]!r}: {engine_rows[k][exists][worst]!r} "
            f"vs exact {exact[k][exists][worst]!r}")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_grid_matches_exact_derivatives(case: Case):
    curves = Engine(device="cpu").sample(case.function(), *case.interval, 41, 3, params=case.params)
    assert_close(curves.values, exact_rows(case, curves.x), curves.x, case.name)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_random_points_match_exact_derivatives(case: Case):
    rng = np.random.default_rng(zlib.crc32(case.name.encode()))
    points = np.concatenate([rng.uniform(*case.interval, 15), case.points])
    compiled = compile_function(case.function())
    params = {k: torch.tensor(v, dtype=torch.float64) for k, v in case.params.items()}
    rows = derivatives(compiled.evaluate, torch.tensor(points, dtype=torch.float64), params, 3).rows
    assert_close(torch.stack(rows).numpy(), exact_rows(case, points), points, case.name)


def test_reference_treats_odd_roots_as_real():
    # The reference itself must follow the engine's promise, or the comparisons above mean nothing.
    case = next(c for c in CASES if c.name == "cbrt")
    assert exact_rows(case, np.array([-8.0]))[:2, 0] == pytest.approx([-2.0, 1 / 12])
