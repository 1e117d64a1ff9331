"""sympy -> program -> torch: whitelist, constants, real roots, domains, variable exponents, caching."""

import gc
import math

import pytest
import sympy
import torch
from sympy import Abs, Rational, exp, log, pi, sin, sqrt

from explorer.model.function import Function, X, parameter_symbol
from explorer.model.program import CompileError
from explorer.model.program.compiling import compile_body, compile_function
from explorer.model.program.lowering import constant_value, lower_expression
from explorer.model.special_points.guards import Guard, collect_guards

x = X
a = parameter_symbol("a")


def run(expr, points, **params):
    evaluate = compile_body(lower_expression(expr))
    grid = torch.tensor(points, dtype=torch.float64)
    return evaluate(grid, {k: torch.tensor(v, dtype=torch.float64) for k, v in params.items()}).tolist()


def test_constants_broadcast_to_the_grid():
    assert run(sympy.Integer(5), [1.0, 2.0, 3.0]) == [5.0, 5.0, 5.0]
    assert run(pi + 1, [0.0, 0.0]) == [math.pi + 1] * 2
    assert run(a**2, [0.0, 1.0], a=3.0) == [9.0, 9.0]


def test_constant_values_that_are_not_real_are_nan():
    assert math.isnan(constant_value(sympy.zoo)) and math.isnan(constant_value(sqrt(-1)))
    assert constant_value(sympy.oo) == math.inf and constant_value(log(-1) * 0 + 2) == 2.0


def test_odd_roots_are_real_and_even_roots_are_not():
    assert run(x ** Rational(1, 3), [-8.0, 27.0]) == pytest.approx([-2.0, 3.0])
    assert run(x ** Rational(2, 3), [-8.0]) == pytest.approx([4.0])
    assert run(x ** Rational(-1, 3), [-8.0]) == pytest.approx([-0.5])
    assert all(math.isnan(v) for v in run(sqrt(x) + x ** Rational(3, 4), [-1.0, -4.0]))
    assert math.isnan(run(log(x), [-1.0])[0]) and run(log(x), [0.0]) == [-math.inf]  # the engine drops ±inf


def test_variable_exponents():
    assert run(x**x, [1.0, 2.0]) == pytest.approx([1.0, 4.0])
    assert run(2**x, [-1.0, 3.0]) == pytest.approx([0.5, 8.0])
    assert math.isnan(run(x**x, [0.0])[0])  # 0^0 as a limit of x^x: a removable gap, like sin(x)/x
    assert run(x**a, [-2.0], a=3.0) == [-8.0]  # an integer slider value keeps the whole cubic


def test_reciprocal_trig_and_hyperbolic():
    values = run(sympy.sec(x) + sympy.csc(x) + sympy.cot(x) + sympy.coth(x) + sympy.acot(x), [0.5])
    expected = 1 / math.cos(0.5) + 1 / math.sin(0.5) + 1 / math.tan(0.5) + 1 / math.tanh(0.5) + math.atan(2)
    assert values == pytest.approx([expected])


def test_piecewise_primitives():
    assert run(sympy.floor(x) + sympy.ceiling(x) + sympy.sign(x) + Abs(x), [-1.5, 0.0, 2.5]) == \
        [-2 - 1 - 1 + 1.5, 0.0, 2 + 3 + 1 + 2.5]
    assert run(sympy.Max(x, 0) + sympy.Min(x, 1) + sympy.Heaviside(x), [0.0, 2.0]) == [0.5, 2.0 + 1.0 + 1.0]
    assert run(sympy.Heaviside(x, 1), [-1.0, 0.0]) == [0.0, 1.0]


def test_unsupported_expressions_are_refused_with_a_message():
    with pytest.raises(CompileError, match="gamma"):
        lower_expression(sympy.gamma(x))
    with pytest.raises(CompileError):
        lower_expression(sympy.Function("f")(x))


@pytest.mark.parametrize("op", [("eval", "print(1)"), ("call", "system", ("x",)), ("fold", "getattr", ()), ()])
def test_a_program_runs_only_operations_of_its_table(op):
    with pytest.raises(CompileError):
        compile_body(op)


def test_compiled_form_is_cached_per_function_object():
    first, second = Function("sin x", sin(x)), Function("sin x", sin(x))
    assert compile_function(first) is compile_function(first)
    assert compile_function(first) is not compile_function(second)


def test_cache_does_not_keep_functions_alive():
    import weakref

    function = Function("e^x", exp(x))
    compile_function(function)
    ref = weakref.ref(function)
    del function
    gc.collect()
    assert ref() is None


GUARD_CASES = [
    (sin(x) * exp(x) + x**3, set()),
    (1 / x + sympy.tan(x), {Guard(x), Guard(sympy.cos(x))}),
    (1 / (x**2 - 2 * x + 1), {Guard(x - 1)}),
    (sympy.floor(2 * x), {Guard(2 * x, integer=True)}),
    (Abs(x - a), {Guard(a - x)}),
    (1 / a + x, set()),
]


@pytest.mark.parametrize("expr, guards", GUARD_CASES, ids=[str(expr) for expr, _ in GUARD_CASES])
def test_guards(expr, guards):
    assert set(collect_guards(expr)) == guards


@pytest.mark.parametrize("expr, never", [
    (1 + x**2, True), (exp(x) + 1, True), (x**2 + a**2 + 1, True), (-(x**2) - 1, True),
    (x**2 + a**2, False),  # zero at x = a = 0
    (x - 1, False),
])
def test_guards_sympy_proves_never_critical(expr, never):
    assert Guard(expr).never_critical is never
    assert Guard(expr, integer=True).never_critical is False


@pytest.mark.parametrize(("text", "expected"), [
    ("(-8)^(1/3)", -2.0), ("(-8)^(2/3)", 4.0), ("(-1)^(1/3) x", -1.0), ("(-32)^(-1/5)", -0.5),
])
def test_odd_roots_of_negative_constants_are_real(text, expected):
    """sympy folds (-8)^(1/3) to 2·(-1)^(1/3), a complex number; students mean the real root, as for x^(1/3)."""
    from explorer.model import Engine, parse

    assert Engine().probe(parse(text), 1.0).value == pytest.approx(expected, rel=1e-12)
