"""One way to read points with the tools' data: `read_with_tools` serves a job's reading, a probe and a
drag's batch read ahead alike, one ToolRequest for every x or one per x, checked against sympy."""

import pytest
import sympy

from explorer.app.tool_requests import NO_TOOLS, SecantRequest, ToolRequest, read_with_tools
from explorer.model import parse
from explorer.model.taylor import TaylorRequest

X = sympy.Symbol("x")
F = sympy.sin(X) + X**3 / 3


def taylor_truth(x0: float, degree: int) -> list[float]:
    point = sympy.Rational(x0)
    series = sympy.series(F.subs(X, point + X), X, 0, degree + 1).removeO()
    return [float(sympy.N(series.coeff(X, k), 30)) for k in range(degree + 1)]


def forward_truth(x0: float, h: float) -> float:
    point, step = sympy.Rational(x0), sympy.Rational(h)
    return float(sympy.N((F.subs(X, point + step) - F.subs(X, point)) / step, 30))


def test_a_batch_with_a_request_per_x_carries_each_points_own_tools(real_engine):
    """One x₀ at two h (a drag of Q), another x with a Taylor polynomial of another degree, and one
    without tools: each reading carries exactly what its own request asked for."""
    function = parse("sin(x) + x^3/3")
    t4, t6 = TaylorRequest(4), TaylorRequest(6)
    xs = [0.5, 0.5, 1.25, 2.0]
    tools = [ToolRequest(t4, SecantRequest(0.125)), ToolRequest(t4, SecantRequest(0.25)), ToolRequest(t6), NO_TOOLS]
    readings = read_with_tools(real_engine, function, xs, 2, {}, tools)
    assert [reading.x for reading in readings] == xs
    for reading, h in zip(readings[:2], (0.125, 0.25), strict=True):
        assert reading.secant.h == h and reading.secant.x0 == 0.5
        assert reading.secant.quotients.forward == pytest.approx(forward_truth(0.5, h), rel=1e-12)
        assert list(reading.taylor.coefficients) == pytest.approx(taylor_truth(0.5, 4), rel=1e-12, abs=1e-15)
    assert readings[2].secant is None
    assert list(readings[2].taylor.coefficients) == pytest.approx(taylor_truth(1.25, 6), rel=1e-12, abs=1e-15)
    assert readings[3].secant is None and readings[3].taylor is None
    assert readings[3].values[2] == pytest.approx(float(sympy.diff(F, X, 2).subs(X, 2)), rel=1e-12)


def test_one_request_for_every_x_reads_as_one_request_each(real_engine):
    function = parse("sin(x) + x^3/3")
    shared = ToolRequest(TaylorRequest(3), SecantRequest(-0.5))
    xs = [-1.0, 0.0, 1.5]
    once = read_with_tools(real_engine, function, xs, 1, {}, shared)
    single = [read_with_tools(real_engine, function, (x,), 1, {}, shared)[0] for x in xs]
    for a, b, x in zip(once, single, xs, strict=True):
        assert a.values == b.values and a.taylor.coefficients == b.taylor.coefficients
        assert a.secant.quotients == b.secant.quotients
        assert a.secant.quotients.forward == pytest.approx(forward_truth(x, -0.5), rel=1e-12)
