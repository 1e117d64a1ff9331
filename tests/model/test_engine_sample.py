"""Engine.sample: shapes, parameters, constants, domains, chunks, and where curves break."""

import gc
import math
import os
import subprocess
import sys

import numpy as np
import pytest
import sympy
import torch
from sympy import Abs, ceiling, cos, exp, floor, log, sign, sin, sqrt, tan

from explorer.model.derivatives import derivatives
from explorer.model.engine import Engine
from explorer.model.function import Function, X, parameter_symbol
from explorer.model.program.compiling import compile_function

x = X
a, b = parameter_symbol("a"), parameter_symbol("b")


def fn(expr, *params):
    return Function(str(expr), expr, tuple(params))


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu")


def breaks(curves, order):
    """Segments i (between samples i and i+1) that are not drawn although both ends are finite."""
    row, joined = curves.values[order], curves.connected[order]
    finite = np.isfinite(row[:-1]) & np.isfinite(row[1:])
    return np.flatnonzero(finite & ~joined[:-1])


def test_shapes_and_grid(engine):
    curves = engine.sample(fn(x**2), -2, 2, 9, 3)
    assert curves.x.shape == (9,) and curves.values.shape == (4, 9) and curves.connected.shape == (4, 9)
    np.testing.assert_allclose(curves.x, np.linspace(-2, 2, 9))
    np.testing.assert_allclose(curves.values[1], 2 * curves.x)
    np.testing.assert_allclose(curves.values[2], 2.0)
    np.testing.assert_allclose(curves.values[3], 0.0)
    assert curves.order == 3 and not curves.connected[:, -1].any()


def test_constant_function_broadcasts(engine):
    curves = engine.sample(fn(sympy.Integer(5)), -1, 1, 7, 2)
    np.testing.assert_array_equal(curves.values, [[5.0] * 7, [0.0] * 7, [0.0] * 7])
    pi_curves = engine.sample(fn(sympy.pi), -1, 1, 3, 1)
    np.testing.assert_allclose(pi_curves.values[0], math.pi)


def test_parameter_only_function_broadcasts(engine):
    curves = engine.sample(fn(a**2, "a"), -1, 1, 5, 1, params={"a": 3.0})
    np.testing.assert_array_equal(curves.values, [[9.0] * 5, [0.0] * 5])


def test_nan_outside_domain(engine):
    curves = engine.sample(fn(log(x)), -2, 2, 5, 1)
    assert np.isnan(curves.values[:, :3]).all()  # -2, -1, 0 (log 0 = -inf is not a value)
    np.testing.assert_allclose(curves.values[:, 3:], [[0.0, math.log(2)], [1.0, 0.5]])
    roots = engine.sample(fn(sqrt(x)), -1, 1, 3, 1)
    assert np.isnan(roots.values[:, 0]).all() and roots.values[0, 2] == 1.0


def test_odd_roots_are_real(engine):
    curves = engine.sample(fn(x ** sympy.Rational(1, 3)), -8, 8, 3, 1)
    np.testing.assert_allclose(curves.values[0], [-2.0, 0.0, 2.0])
    two_thirds = engine.sample(fn(x ** sympy.Rational(2, 3)), -8, 8, 3, 0)
    np.testing.assert_allclose(two_thirds.values[0], [4.0, 0.0, 4.0])


def test_missing_parameters_default_to_one(engine):
    curves = engine.sample(fn(a * sin(b * x), "a", "b"), -1, 1, 5, 1, params={"a": 2.0})
    np.testing.assert_allclose(curves.values[0], 2 * np.sin(curves.x))


def test_batch_parameters_match_individual_calls(engine):
    f = fn(a * sin(b * x) + 1 / (x - a), "a", "b")
    batch_a, batch_b = np.array([0.5, 1.0, 2.0]), np.array([3.0, -1.0, 0.25])
    curves = engine.sample(f, -3, 3, 200, 2, params={"a": batch_a, "b": batch_b})
    assert curves.values.shape == (3, 3, 200) and curves.connected.shape == (3, 3, 200)
    for i in range(3):
        single = engine.sample(f, -3, 3, 200, 2, params={"a": batch_a[i], "b": batch_b[i]})
        np.testing.assert_array_equal(curves.values[i], single.values)
        np.testing.assert_array_equal(curves.connected[i], single.connected)


def test_scalar_and_batch_parameters_mix(engine):
    curves = engine.sample(fn(a * x + b, "a", "b"), 0, 1, 3, 1, params={"a": [1.0, 2.0], "b": 5.0})
    np.testing.assert_allclose(curves.values[:, 0], [[5.0, 5.5, 6.0], [5.0, 6.0, 7.0]])


def test_batches_of_different_lengths_are_refused(engine):
    with pytest.raises(ValueError, match="differ"):
        engine.sample(fn(a * x + b, "a", "b"), 0, 1, 3, 1, params={"a": [1.0, 2.0], "b": [1.0]})


def test_chunking_does_not_change_results():
    f = fn(tan(x) + Abs(x) * floor(x) + 1 / (1 - cos(x)))
    whole = Engine(device="cpu", chunk_size=1 << 20).sample(f, -7, 7, 3001, 3)
    chunked = Engine(device="cpu", chunk_size=97).sample(f, -7, 7, 3001, 3)
    np.testing.assert_array_equal(whole.values, chunked.values)
    np.testing.assert_array_equal(whole.connected, chunked.connected)


def test_a_million_points_in_chunks():
    curves = Engine(device="cpu", chunk_size=1 << 16).sample(fn(sin(x) * exp(-x**2 / 8)), -4, 4, 10**6, 3)
    assert curves.values.shape == (4, 10**6)
    expected = np.sin(curves.x[::9973]) * np.exp(-curves.x[::9973] ** 2 / 8)
    np.testing.assert_allclose(curves.values[0, ::9973], expected, rtol=1e-12, atol=1e-15)
    assert curves.connected[:, :-1].all()


def test_results_hold_no_autograd_graph():
    compiled = compile_function(fn(sin(x) ** 3))
    grid = torch.linspace(-1, 1, 50, dtype=torch.float64)
    first = derivatives(compiled.evaluate, grid, {}, 3)
    second = derivatives(compiled.evaluate, grid, {}, 3)
    for row, again in zip(first.rows, second.rows):
        assert not row.requires_grad and row.grad_fn is None
        assert torch.equal(row, again)
    assert not grid.requires_grad and grid.grad is None


def test_repeated_samples_are_identical(engine):
    f = fn(exp(sin(x)) * x**3)
    first, second = engine.sample(f, -2, 2, 101, 3), engine.sample(f, -2, 2, 101, 3)
    np.testing.assert_array_equal(first.values, second.values)


# ---- where curves break ---------------------------------------------------------------------------


@pytest.mark.parametrize("expr", [sin(x), exp(-x**2), x**3 - 3 * x, 1 / (1 + x**2), sqrt(x**2 + 1), Abs(x**2 + 1)],
                         ids=str)
def test_smooth_functions_never_break(engine, expr):
    curves = engine.sample(fn(expr), -4, 4, 801, 3)
    assert curves.connected[:, :-1].all()


def test_tan_breaks_at_each_pole(engine):
    curves = engine.sample(fn(tan(x)), -5, 5, 1000, 2)
    poles = np.array([-3, -1, 1, 3]) * math.pi / 2
    expected = np.searchsorted(curves.x, poles) - 1
    for order in range(3):
        np.testing.assert_array_equal(breaks(curves, order), expected)


def test_reciprocal_breaks_at_zero(engine):
    curves = engine.sample(fn(1 / x), -1, 1, 100, 1)
    np.testing.assert_array_equal(breaks(curves, 0), [49])
    np.testing.assert_array_equal(breaks(curves, 1), [49])  # −1/x² → −∞ on both sides: still a pole


def test_rational_breaks_at_both_poles(engine):
    curves = engine.sample(fn(1 / (x**2 - 1)), -3, 3.1, 1000, 1)
    poles = np.searchsorted(curves.x, [-1, 1]) - 1
    for order in range(2):
        np.testing.assert_array_equal(breaks(curves, order), poles)


def test_pole_on_a_sample_leaves_a_gap(engine):
    curves = engine.sample(fn(1 / (x**2 - 1)), -3, 3, 7, 1)  # samples at -1 and 1
    assert np.isnan(curves.values[:, [2, 4]]).all()
    assert not curves.connected[:, [1, 2, 3, 4]].any() and curves.connected[:, [0, 5]].all()


def test_repeated_root_denominator_breaks(engine):
    curves = engine.sample(fn(1 / (x**2 - 2 * x + 1)), -2, 3, 1000, 1)
    np.testing.assert_array_equal(breaks(curves, 0), np.searchsorted(curves.x, [1]) - 1)


def test_touching_denominator_breaks(engine):
    curves = engine.sample(fn(1 / (1 - cos(x))), -7, 7, 1000, 0)
    np.testing.assert_array_equal(breaks(curves, 0), np.searchsorted(curves.x, [-2 * math.pi, 0, 2 * math.pi]) - 1)


def test_floor_breaks_f_and_so_its_derivative(engine):
    """f′ = 0 either side of a jump of floor, but it does not exist at the jump: its curve breaks there too."""
    curves = engine.sample(fn(floor(x)), -2.5, 2.5, 1001, 1)
    np.testing.assert_array_equal(breaks(curves, 0), np.searchsorted(curves.x, [-2, -1, 0, 1, 2]) - 1)
    assert len(breaks(curves, 1)) == 0
    # f′ is 0 between the jumps and does not exist on them (the integers are samples of this grid)
    on_jump = np.isin(curves.x, [-2, -1, 0, 1, 2])
    assert on_jump.sum() == 5
    assert np.isnan(curves.values[1][on_jump]).all()
    np.testing.assert_array_equal(curves.values[1][~on_jump], 0.0)


def test_ceiling_breaks_at_sample_on_the_jump(engine):
    curves = engine.sample(fn(ceiling(x)), -1, 1, 5, 0)  # x = -1, -0.5, 0, 0.5, 1
    # ceiling is left-continuous: a sample on a jump (ceil(-1) = -1, ceil(0) = 0) joins its left
    # neighbour only.
    np.testing.assert_array_equal(curves.connected[0], [False, True, False, True, False])


def test_sign_breaks_at_zero(engine):
    curves = engine.sample(fn(sign(x)), -1, 1, 100, 1)
    np.testing.assert_array_equal(breaks(curves, 0), [49])
    np.testing.assert_array_equal(breaks(curves, 1), [49])  # f′ = 0 either side, but none at the jump


def test_sign_with_a_sample_on_the_jump_isolates_it(engine):
    curves = engine.sample(fn(sign(x)), -1, 1, 5, 0)
    np.testing.assert_array_equal(curves.connected[0], [True, False, False, True, False])


def test_abs_kink_breaks_only_the_derivative(engine):
    curves = engine.sample(fn(Abs(x)), -1, 1, 100, 2)
    assert len(breaks(curves, 0)) == 0
    np.testing.assert_array_equal(breaks(curves, 1), [49])
    np.testing.assert_array_equal(breaks(curves, 2), [49])  # |x|″ is 0 on both sides, and none at 0


def test_x_abs_x_breaks_only_the_second_derivative(engine):
    curves = engine.sample(fn(x * Abs(x)), -1, 1, 100, 3)
    assert len(breaks(curves, 0)) == 0 and len(breaks(curves, 1)) == 0  # f′ = 2|x| is continuous
    np.testing.assert_array_equal(breaks(curves, 2), [49])
    np.testing.assert_array_equal(breaks(curves, 3), [49])  # where f″ does not exist, nor does f‴


def test_cube_root_breaks_its_derivative_at_the_vertical_tangent(engine):
    curves = engine.sample(fn(x ** sympy.Rational(1, 3)), -1, 1, 100, 1)
    assert len(breaks(curves, 0)) == 0
    np.testing.assert_array_equal(breaks(curves, 1), [49])


def test_log_abs_breaks_at_zero(engine):
    curves = engine.sample(fn(log(Abs(x))), -1, 1, 100, 1)
    np.testing.assert_array_equal(breaks(curves, 0), [49])


def test_batch_breaks_follow_each_parameter(engine):
    curves = engine.sample(fn(1 / (x - a), "a"), -2, 2, 400, 0, params={"a": np.array([-1.0, 0.5])})
    for i, pole in enumerate([-1.0, 0.5]):
        row = curves.values[i, 0]
        cut = np.flatnonzero(np.isfinite(row[:-1]) & np.isfinite(row[1:]) & ~curves.connected[i, 0, :-1])
        np.testing.assert_array_equal(cut, np.searchsorted(curves.x, [pole]) - 1)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_matches_cpu():
    f = fn(tan(x) * exp(-x**2) + Abs(x))
    cpu = Engine(device="cpu").sample(f, -3, 3, 5000, 3)
    gpu = Engine(device="cuda")
    assert gpu.device == "cuda" and gpu.dtype == torch.float64
    cuda = gpu.sample(f, -3, 3, 5000, 3)
    np.testing.assert_allclose(cuda.values, cpu.values, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(cuda.connected, cpu.connected)
    gc.collect()


MEMORY_SCRIPT = """
import os, re, sys, sympy
sys.path.insert(0, os.getcwd())
from explorer.model.engine import Engine
from explorer.model.function import X, Function
f = Function("f", sympy.exp(-X**2 / 8) * sympy.sin(3 * X) + sympy.tan(X) / (1 + X**2))
engine = Engine(device="cpu")
engine.sample(f, -4, 4, 1000, 3)
def kib(field):
    return int(re.search(field + r":\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
open("/proc/self/clear_refs", "w").write("5")
before = kib("VmRSS")
curves = engine.sample(f, -4, 4, 10**6, 3)
print((kib("VmHWM") - before) * 1024, curves.values.nbytes + curves.x.nbytes + curves.connected.nbytes)
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/clear_refs"), reason="needs Linux's resettable peak RSS")
def test_a_million_points_stay_within_a_small_multiple_of_the_result():
    # The naive recipe (whole-grid nested autograd, every order attached) needs several hundred MB here.
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT], capture_output=True, text=True, check=True,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
                          env={**os.environ, "MALLOC_MMAP_THRESHOLD_": "131072"})
    peak, result = map(int, done.stdout.split())
    assert peak < result + 48 * 2**20, (peak / 2**20, result / 2**20)


def test_a_reversed_range_breaks_at_the_same_places(engine):
    forward = engine.sample(fn(sign(x) + 1 / (x - 0.3)), -1, 1, 100, 1)
    backward = engine.sample(fn(sign(x) + 1 / (x - 0.3)), 1, -1, 100, 1)
    np.testing.assert_array_equal(backward.connected[:, :-1], forward.connected[:, -2::-1])
    assert (~forward.connected[0, :-1]).sum() == 2


def test_a_big_grid_skips_guards_proven_never_critical(engine, monkeypatch):
    """1/(1 + x²) cannot break: on a big grid its guard is not scanned, and the curve is the same."""
    from explorer.model.special_points import breaks

    function = fn(1 / (1 + x**2) + 1 / (x - 0.5))
    small = engine.sample(function, -4, 4, 2001, 1)
    scanned = []
    original = breaks._find_candidates
    monkeypatch.setattr(breaks, "_find_candidates", lambda g, *args: scanned.append(g) or original(g, *args))
    big = engine.sample(function, -4, 4, breaks.PROVE_MIN_N + 1, 1)
    assert [g.source.expr for g in scanned] == [x - 0.5]
    assert not big.connected[0][np.searchsorted(big.x, 0.5) - 1]
    # the pole is a sample of both grids (missing): the segments on either side of it are not drawn
    assert big.connected[0].sum() == len(big.x) - 3
    assert small.connected[0].sum() == len(small.x) - 3
    # Its program alone has no sympy to prove anything with: every guard is scanned, same curve.
    scanned.clear()
    unproven = engine.sample(function.program, -4, 4, breaks.PROVE_MIN_N + 1, 1)
    assert len(scanned) == 2 and all(g.source is None for g in scanned)
    np.testing.assert_array_equal(unproven.connected, big.connected)
    np.testing.assert_array_equal(unproven.values, big.values)
