"""Fused kernels (torch.compile): the same numbers as the eager engine and as sympy's exact
derivatives, built only in the background, used by `sample` once ready, and never a dead end."""

import gc
import weakref
from concurrent.futures import CancelledError

import numpy as np
import pytest
import sympy
import torch

from explorer.model import fusion
from explorer.model.engine import Engine
from explorer.model.function import Function, X
from explorer.model.fusion import FUSE_MIN_N, FUSION_ENV, unavailable_reason
from explorer.model.program.compiling import compile_function
from tests.model.corpus import CASES
from tests.model.test_exact_derivatives import assert_close, exact_rows

needs_fusion = pytest.mark.skipif(unavailable_reason("cpu") is not None,
                                  reason=f"fused kernels unavailable: {unavailable_reason('cpu')}")

#: Poles, domain edges, kinks, jumps, parameters, a constant, a variable exponent: every way
#: the eager path marks values missing must come out the same.
AGREEMENT = ("tan(x) + 1/x", "ln(x) sqrt(1 - x)", "abs(x^2 - 1)", "floor(x) + x^(1/3)", "a sin(b x)",
             "5", "x^x")

#: A sample of the exact-derivative corpus, one per family (each kernel takes seconds to compile).
FUSED_EXACT = ("seed quartic", "sec", "acos x/2", "log(x)/x", "x^(-1/3)", "sin exp cos x^2", "x^x",
               "a sin(b x)")


def _eager_and_fused(text: str, n: int = 2001, order: int = 3):
    from explorer.model import parse

    function = parse(text)
    params = dict.fromkeys(function.parameters, 1.5)
    fused = Engine(device="cpu")
    assert fused.fuse(function, order).result(timeout=120) is True
    assert fused.fusion_state(function, order) == "fused"
    eager = Engine(device="cpu", fuse=False)
    return (eager.sample(function, -3, 3, n, order, params=params or None),
            fused.sample(function, -3, 3, n, order, params=params or None))


@needs_fusion
@pytest.mark.parametrize("text", AGREEMENT)
def test_fused_rows_match_the_eager_engine(text):
    eager, fused = _eager_and_fused(text)
    np.testing.assert_array_equal(np.isnan(fused.values), np.isnan(eager.values))
    np.testing.assert_allclose(fused.values, eager.values, rtol=1e-12, atol=1e-12, equal_nan=True)
    np.testing.assert_array_equal(fused.connected, eager.connected)


@needs_fusion
@pytest.mark.parametrize("case", [c for c in CASES if c.name in FUSED_EXACT], ids=lambda c: c.name)
def test_fused_rows_match_exact_derivatives(case):
    engine = Engine(device="cpu")
    function = case.function()
    assert engine.fuse(function, 3).result(timeout=120) is True
    curves = engine.sample(function, *case.interval, 41, 3, params=case.params)
    assert_close(curves.values, exact_rows(case, curves.x), curves.x, case.name)


@needs_fusion
def test_sample_uses_a_ready_kernel(monkeypatch):
    from explorer.model import parse

    function = parse("e^(sin x)")
    engine = Engine(device="cpu")
    engine.fuse(function, 2).result(timeout=120)

    def no_eager(*args, **kwargs):
        raise AssertionError("the eager path ran although a fused kernel was ready")

    monkeypatch.setattr(engine, "_rows", no_eager)
    curves = engine.sample(function, 0, 1, 5, 2)
    expected = np.exp(np.sin(curves.x))
    np.testing.assert_allclose(curves.values[0], expected, rtol=1e-14)
    np.testing.assert_allclose(curves.values[1], np.cos(curves.x) * expected, rtol=1e-14)


@needs_fusion
def test_a_new_grid_length_never_recompiles():
    from explorer.model import parse

    function = parse("x sin(x)")
    engine = Engine(device="cpu")
    engine.fuse(function, 2).result(timeout=120)
    kernel = engine._kernels.ready(compile_function(function), 2)
    with torch.compiler.set_stance("fail_on_recompile"):
        for n in (2, 3, 777, 65536):
            rows = kernel(torch.linspace(0, 1, n, dtype=torch.float64), {})
            assert rows.shape == (3, n)


def test_only_big_grids_sampled_again_start_a_kernel_by_themselves():
    from explorer.model import parse

    function = parse("cos(x)^2")
    engine = Engine(device="cpu")
    for _ in range(3):
        engine.sample(function, 0, 1, 4000, 1)
    assert engine.fusion_state(function, 1) in ("eager", "unavailable")
    engine.sample(function, 0, 1, FUSE_MIN_N, 1)  # a one-off big grid pays for no kernel …
    assert engine.fusion_state(function, 1) in ("eager", "unavailable")
    engine.sample(function, 0, 1, FUSE_MIN_N, 1)  # … a function sampled big again gets one
    assert engine.fusion_state(function, 1) in ("compiling", "fused", "unavailable")
    if engine.fusion_state(function, 1) != "unavailable":
        assert engine.fuse(function, 1).result(timeout=120) is True
        assert engine.fusion_state(function, 1) == "fused"


def test_turned_off_by_the_environment(monkeypatch):
    from explorer.model import parse

    monkeypatch.setenv(FUSION_ENV, "off")
    engine = Engine(device="cpu")
    function = parse("x^2")
    assert "turned off" in engine.fusion_unavailable
    assert engine.fuse(function, 2).result() is False
    assert engine.fusion_state(function, 2) == "unavailable"
    curves = engine.sample(function, -1, 1, FUSE_MIN_N, 2)
    np.testing.assert_allclose(curves.values[2], 2.0)


def test_a_failed_compile_leaves_the_eager_path(monkeypatch):
    from explorer.model import parse

    def cannot_compile(*args):
        raise RuntimeError("no compiler today")

    monkeypatch.setattr(fusion, "build_kernel", cannot_compile)
    monkeypatch.setattr(fusion, "unavailable_reason", lambda device: None)
    monkeypatch.delenv(FUSION_ENV, raising=False)
    from explorer.model import engine as engine_module

    monkeypatch.setattr(engine_module, "unavailable_reason", lambda device: None)
    engine = Engine(device="cpu")
    function = parse("x^3")
    assert engine.fuse(function, 1).result(timeout=30) is False
    assert engine.fusion_state(function, 1) == "failed"
    curves = engine.sample(function, -1, 1, 3, 1)
    np.testing.assert_allclose(curves.values[1], [3.0, 0.0, 3.0])


@needs_fusion
def test_a_kernel_that_fails_is_dropped_and_the_result_is_still_right():
    from explorer.model import parse

    function = parse("x^3")
    engine = Engine(device="cpu")
    engine.fuse(function, 1).result(timeout=120)
    compiled = compile_function(function)

    def broken(x, params):
        raise RuntimeError("kernel crashed")

    engine._kernels._kernels[compiled][1] = broken
    curves = engine.sample(function, -1, 1, 3, 1)
    np.testing.assert_allclose(curves.values[1], [3.0, 0.0, 3.0])
    assert engine.fusion_state(function, 1) == "failed"


@needs_fusion
def test_a_kernel_does_not_keep_its_function_alive():
    function = Function("sinh x", sympy.sinh(X))
    engine = Engine(device="cpu")
    engine.fuse(function, 1).result(timeout=120)
    compiled = weakref.ref(compile_function(function))
    del function
    gc.collect()
    assert compiled() is None


@needs_fusion
def test_a_request_whose_function_is_gone_before_its_turn_is_cancelled():
    from explorer.model import parse

    engine = Engine(device="cpu")
    busy, gone, last = parse("cosh(x) + x"), parse("x^4 + x"), parse("x^5 + x")
    first = engine.fuse(busy, 3)           # the worker starts on this one at once …
    queued = engine.fuse(gone, 3)          # … so this one waits in the queue
    del gone
    gc.collect()
    assert engine.fuse(last, 3).result(timeout=120) is True
    assert first.result(timeout=120) is True
    with pytest.raises(CancelledError):
        queued.result(timeout=120)
