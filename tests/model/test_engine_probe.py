"""Engine.probe: values, one-sided slopes and the kind of point, and the partials."""

import math

import pytest
import sympy
import torch
from sympy import Abs, floor, log, sign, sin, sqrt, tan

from explorer.model.engine import Engine, pick_device
from explorer.model.function import Function, X, parameter_symbol
from explorer.model.readings import PointKind

x = X
y = parameter_symbol("y")
inf, nan = math.inf, math.nan


def fn(expr, *params):
    return Function(str(expr), expr, tuple(params))


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu")


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-9, abs=1e-12)


def test_seed_quartic_slope(engine):
    reading = engine.probe(fn(5 * x**4 + 3 * x**3 + 7 * x**2 + 9 * x - 5), 2.0)
    assert reading.slope == 233.0 and reading.value == 145.0 and reading.kind is PointKind.SMOOTH
    assert reading.left_slope == reading.right_slope == 233.0


@pytest.mark.parametrize("x0", [-3.5, -1.0, 0.0, 0.25, 2.0, 7.0])
def test_square_slope_is_two_x(engine, x0):
    reading = engine.probe(fn(x**2), x0, order=3)
    assert reading.values == (x0 * x0, 2 * x0, 2.0, 0.0)


def test_partials_of_two_variables(engine):
    reading = engine.probe(fn(x**2 + y**3, "y"), 2.0, params={"y": 3.0})
    assert reading.slope == 4.0 and reading.partials == {"y": 27.0}


def test_partials_by_autograd_match_calculus(engine):
    a, b = parameter_symbol("a"), parameter_symbol("b")
    reading = engine.probe(fn(a * sin(b * x), "a", "b"), 0.7, params={"a": 2.0, "b": 3.0})
    assert reading.partials["a"] == pytest.approx(math.sin(2.1), rel=1e-14)
    assert reading.partials["b"] == pytest.approx(2.0 * 0.7 * math.cos(2.1), rel=1e-14)
    assert reading.slope == pytest.approx(6.0 * math.cos(2.1), rel=1e-14)


def test_missing_parameter_defaults_to_one(engine):
    assert engine.probe(fn(y * x, "y"), 2.0).values == (2.0, 1.0)


# (expression, x, kind, values f f′ f″, left slope, right slope)
SPECIAL_POINTS = [
    (Abs(x), 0.0, PointKind.CORNER, (0.0, nan, nan), -1.0, 1.0),
    (x ** sympy.Rational(1, 3), 0.0, PointKind.VERTICAL, (0.0, nan, nan), inf, inf),
    (x ** sympy.Rational(2, 3), 0.0, PointKind.CUSP, (0.0, nan, nan), -inf, inf),
    (sqrt(x), 0.0, PointKind.VERTICAL, (0.0, nan, nan), nan, inf),
    (log(x), -1.0, PointKind.UNDEFINED, (nan, nan, nan), nan, nan),
    (log(x), 0.0, PointKind.UNDEFINED, (nan, nan, nan), nan, inf),
    (tan(x), math.pi / 2, PointKind.UNDEFINED, (nan, nan, nan), inf, inf),
    (1 / x, 0.0, PointKind.UNDEFINED, (nan, nan, nan), -inf, -inf),
    (sign(x), 0.0, PointKind.DISCONTINUOUS, (0.0, nan, nan), 0.0, 0.0),
    (floor(x), 1.0, PointKind.DISCONTINUOUS, (1.0, nan, nan), 0.0, 0.0),
    (x * Abs(x), 0.0, PointKind.SMOOTH, (0.0, 0.0, nan), 0.0, 0.0),
    (Abs(x), 2.0, PointKind.SMOOTH, (2.0, 1.0, 0.0), 1.0, 1.0),
    (sin(x) / x, 0.0, PointKind.UNDEFINED, (nan, nan, nan), 0.0, 0.0),
    (Abs(x) ** 3, 0.0, PointKind.SMOOTH, (0.0, 0.0, 0.0), 0.0, 0.0),
    (x ** sympy.Rational(3, 2), 0.0, PointKind.SMOOTH, (0.0, 0.0, nan), nan, 0.0),
    (sympy.acos(x), 1.0, PointKind.VERTICAL, (0.0, nan, nan), -inf, nan),
]


@pytest.mark.parametrize("expr, x0, kind, values, left, right", SPECIAL_POINTS,
                         ids=[f"{e} at {p:g}" for e, p, *_ in SPECIAL_POINTS])
def test_special_points(engine, expr, x0, kind, values, left, right):
    reading = engine.probe(fn(expr), x0, order=2)
    assert reading.kind is kind
    assert all(same(got, want) for got, want in zip(reading.values, values)), reading.values
    assert same(reading.left_slope, left) and same(reading.right_slope, right), reading
    assert same(reading.slope, values[1])


def key(reading):
    """A reading as comparable values (NaN included)."""
    return (repr(reading.x), tuple(map(repr, reading.values)), reading.kind, repr(reading.left_slope),
            repr(reading.right_slope), {name: repr(v) for name, v in reading.partials.items()})


def test_probe_many_reads_each_point_as_probe_does(engine):
    """One batch, special points among smooth ones (each special one looked at on its own)."""
    for expr, x0, *_ in SPECIAL_POINTS:
        xs = [x0 - 0.5, x0 - 1e-3, x0, x0 + 1e-7, x0 + 0.75, nan, inf]
        function = fn(expr + y * x, "y")
        many = engine.probe_many(function, xs, order=2, params={"y": 0.5})
        assert [key(r) for r in many] == [key(engine.probe(function, p, order=2, params={"y": 0.5})) for p in xs]
    assert engine.probe_many(fn(x**2), [], order=1) == []


def test_undefined_point_has_no_partials(engine):
    reading = engine.probe(fn(log(x - y), "y"), 1.0, params={"y": 1.0})
    assert reading.kind is PointKind.UNDEFINED and math.isnan(reading.partials["y"])


def test_points_near_but_not_at_a_kink_are_smooth(engine):
    reading = engine.probe(fn(Abs(x)), 1e-6)
    assert reading.kind is PointKind.SMOOTH and reading.slope == 1.0


def test_order_zero_still_reports_the_slope(engine):
    reading = engine.probe(fn(x**3), 2.0, order=0)
    assert reading.values == (8.0, 12.0)


def test_probe_refuses_a_batch(engine):
    with pytest.raises(ValueError, match="batch"):
        engine.probe(fn(x * y, "y"), 1.0, params={"y": [1.0, 2.0]})


def test_threads_option_sets_torch_threads_only_when_asked():
    before = torch.get_num_threads()
    try:
        Engine(device="cpu")
        assert torch.get_num_threads() == before
        Engine(device="cpu", threads=1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_device_choice_without_accelerators():
    if torch.cuda.is_available():
        expected = "cuda"
    else:
        expected = "mps" if torch.backends.mps.is_available() else "cpu"
    assert Engine().device == pick_device() == expected
    assert Engine(device="cpu").dtype == torch.float64


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_probe_matches_cpu():
    f = fn(Abs(x) + sin(x))
    for x0 in (0.0, 0.5):
        gpu, cpu = Engine(device="cuda").probe(f, x0), Engine(device="cpu").probe(f, x0)
        assert gpu.kind is cpu.kind and gpu.left_slope == pytest.approx(cpu.left_slope)
