"""Functions the model tests share: sympy expressions with an interval where all of f … f‴ exist.

Built directly with sympy (not through the parser), so the engine's tests do not depend on it.
`real_reference` turns an expression into the real-valued form the engine promises (odd roots of
negative numbers are real), which is what the exact derivatives are taken of.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy import (
    Abs,
    Rational,
    acos,
    acosh,
    acot,
    acoth,
    acsc,
    acsch,
    asec,
    asech,
    asin,
    asinh,
    atan,
    atanh,
    cos,
    cosh,
    cot,
    coth,
    csc,
    csch,
    exp,
    log,
    sec,
    sech,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)

from explorer.model.function import Function, X, parameter_symbol

x = X
a, b = parameter_symbol("a"), parameter_symbol("b")


@dataclass(frozen=True)
class Case:
    name: str
    expr: sympy.Expr
    #: An interval on which f, f′, f″, f‴ all exist (checked on a grid and at random points).
    interval: tuple[float, float]
    params: dict[str, float] = field(default_factory=dict)
    #: Points that must be checked exactly (exponent 0 or 1, …).
    points: tuple[float, ...] = ()

    def function(self) -> Function:
        return Function(self.name, self.expr, tuple(self.params))


CASES: tuple[Case, ...] = (
    # polynomials
    Case("seed quartic", 5 * x**4 + 3 * x**3 + 7 * x**2 + 9 * x - 5, (-3, 3), points=(2.0,)),
    Case("x^2", x**2, (-5, 5)),
    Case("degree 7", x**7 - 3 * x**5 + x, (-2, 2)),
    Case("factored", (x - 1) * (x + 2) ** 2, (-4, 3)),
    # rational
    Case("1/x right", 1 / x, (0.1, 4)),
    Case("1/x left", 1 / x, (-4, -0.1)),
    Case("1/(x^2-1)", 1 / (x**2 - 1), (-0.9, 0.9)),
    Case("(x^2-1)/(x^2+1)", (x**2 - 1) / (x**2 + 1), (-4, 4)),
    Case("x/(x-2)", x / (x - 2), (2.2, 6)),
    # trigonometry
    Case("sin", sin(x), (-6, 6)),
    Case("cos 2x", cos(2 * x), (-4, 4)),
    Case("tan", tan(x), (-1.4, 1.4)),
    Case("sec", sec(x), (-1.4, 1.4)),
    Case("csc", csc(x), (0.2, 3)),
    Case("cot", cot(x), (0.2, 3)),
    Case("sin^2", sin(x) ** 2, (-4, 4)),
    Case("x sin x", x * sin(x), (-4, 4)),
    # inverse trigonometry
    Case("asin", asin(x), (-0.9, 0.9)),
    Case("acos x/2", acos(x / 2), (-1.8, 1.8)),
    Case("atan 3x", atan(3 * x), (-3, 3)),
    Case("acot right", acot(x), (0.1, 5)),
    Case("acot left", acot(x), (-5, -0.1)),
    Case("asec", asec(x), (1.1, 4)),
    Case("acsc", acsc(x), (-4, -1.1)),
    # exponentials and logarithms
    Case("exp", exp(x), (-5, 5)),
    Case("gauss", exp(-x**2), (-3, 3)),
    Case("log", log(x), (0.05, 5)),
    Case("x log x", x * log(x), (0.05, 5)),
    Case("log(x^2+1)", log(x**2 + 1), (-4, 4)),
    Case("log(x)/x", log(x) / x, (0.2, 5)),
    # roots (odd roots are real on both sides of 0)
    Case("sqrt", sqrt(x), (0.01, 4)),
    Case("sqrt(1-x^2)", sqrt(1 - x**2), (-0.95, 0.95)),
    Case("cbrt", x ** Rational(1, 3), (-8, 8), points=(-8.0, -1.0, 8.0)),
    Case("x^(2/3)", x ** Rational(2, 3), (-8, 8), points=(-8.0,)),
    Case("x^(5/3)", x ** Rational(5, 3), (-3, 3)),
    Case("x^(-1/3)", x ** Rational(-1, 3), (-3, 3)),
    Case("(x^2+1)^(3/2)", (x**2 + 1) ** Rational(3, 2), (-3, 3)),
    # hyperbolic
    Case("sinh", sinh(x), (-3, 3)),
    Case("cosh", cosh(x), (-3, 3)),
    Case("tanh", tanh(x), (-3, 3)),
    Case("sech", sech(x), (-3, 3)),
    Case("csch", csch(x), (0.2, 3)),
    Case("coth", coth(x), (-3, -0.2)),
    Case("asinh", asinh(x), (-4, 4)),
    Case("acosh", acosh(x), (1.1, 4)),
    Case("atanh", atanh(x), (-0.9, 0.9)),
    Case("acoth", acoth(x), (1.1, 4)),
    Case("asech", asech(x), (0.1, 0.9)),
    Case("acsch", acsch(x), (0.2, 3)),
    # compositions four deep
    Case("sin exp cos x^2", sin(exp(cos(x**2))), (-2, 2)),
    Case("log sqrt exp sin", log(1 + sqrt(1 + exp(sin(x)))), (-4, 4)),
    Case("atan tanh sin^2", atan(tanh(sin(x) ** 2 + 1)), (-3, 3)),
    Case("exp sin log", exp(sin(log(x**2 + 1))), (-4, 4)),
    # variable exponents, at the points where the exponent is 0 or 1
    Case("x^x", x**x, (0.05, 3), points=(1.0,)),
    Case("(1+x^2)^x", (1 + x**2) ** x, (-2, 2), points=(0.0, 1.0)),
    Case("(x+2)^x", (x + 2) ** x, (-1.5, 3), points=(0.0, 1.0)),
    Case("2^x", 2**x, (-4, 4), points=(0.0, 1.0)),
    Case("x^sin x", x ** sin(x), (0.1, 3), points=(1.0,)),
    # absolute value away from its kink
    Case("|x| right", Abs(x), (0.1, 3), points=(2.0,)),
    Case("|x| left", Abs(x), (-3, -0.1)),
    Case("x|x|", x * Abs(x), (-3, 3)),
    Case("|x^2-4|", Abs(x**2 - 4), (-1.9, 1.9)),
    Case("|sin x|", Abs(sin(x)), (0.1, 3)),
    # parameters
    Case("a sin(b x)", a * sin(b * x), (-3, 3), {"a": 2.0, "b": 3.0}),
    Case("x^a", x**a, (0.1, 3), {"a": 2.5}),
)


def real_reference(expr: sympy.Expr) -> sympy.Expr:
    """`expr` with every odd root written as a real root: b^(p/q), q odd -> sign(b)^p·|b|^(p/q)."""

    def real_root(base, exponent):
        if exponent.is_Rational and not exponent.is_Integer and exponent.q % 2 == 1:
            return sympy.sign(base) ** exponent.p * Abs(base) ** exponent
        return sympy.Pow(base, exponent)

    return expr.replace(lambda e: isinstance(e, sympy.Pow), lambda e: real_root(*e.args))
