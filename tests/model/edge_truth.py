"""Truth for the edge-case tests, computed without the code under test: mpmath at 40 digits on the
formula as typed (a Python function of mpmath numbers, nothing folded), and sympy's limits."""

from __future__ import annotations

import math

import mpmath
import sympy

from explorer.model.function import X

mpmath.mp.dps = 40


class NotReal(ArithmeticError):
    """A step of the formula has no real value (√−1, ln(−1), arcsin 2)."""


def real(value):
    """`value` if it is a real number, else NotReal: a formula on real numbers stops at its first
    non-real step (√(−1)·√(−1) is not −1)."""
    if isinstance(value, mpmath.mpc) and value.imag != 0:
        raise NotReal(value)
    if not mpmath.isfinite(value):
        raise NotReal(value)
    return mpmath.re(value)


def sqrt(u):
    return real(mpmath.sqrt(u))


def log(u):
    return real(mpmath.log(u)) if u != 0 else real(mpmath.inf)


def asin(u):
    return real(mpmath.asin(u))


def acos(u):
    return real(mpmath.acos(u))


def typed_value(formula, x: float) -> float | None:
    """The formula as typed, evaluated at the double x with 40 digits: None where it does not exist
    (a division by zero, a step with no real value, an infinite result). Roots, logarithms and
    inverse sines in `formula` should be this module's, which stop at a non-real step."""
    try:
        value = formula(mpmath.mpf(x))
    except (ZeroDivisionError, NotReal):
        return None
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            return None
        value = value.real
    if not mpmath.isfinite(value):
        return None
    return float(value)


def one_sided(expr: sympy.Expr, at, side: str) -> float:
    """sympy's one-sided limit of expr at `at` ('+' or '-'), as a float (±inf for ±oo, NaN if none)."""
    value = sympy.limit(expr, X, at, side)
    if value in (sympy.oo, -sympy.oo):
        return math.inf if value == sympy.oo else -math.inf
    if value.is_real is not True or value.has(sympy.AccumBounds):
        return math.nan
    return float(value)


def one_sided_slope(expr: sympy.Expr, at, side: str) -> float:
    """The one-sided derivative of expr at `at`: sympy's limit of the difference quotient."""
    h = sympy.Symbol("h", positive=True)
    step = h if side == "+" else -h
    quotient = (expr.subs(X, at + step) - expr.subs(X, at)) / step
    value = sympy.limit(quotient, h, 0, "+")
    if value in (sympy.oo, -sympy.oo):
        return math.inf if value == sympy.oo else -math.inf
    return float(value)


def one_sided_partial(expr: sympy.Expr, symbol: sympy.Symbol, point: dict, side: str) -> float:
    """The one-sided derivative of expr along `symbol` at `point` (every symbol's value, exact):
    sympy's limit of the difference quotient in that symbol alone, the others held at their values
    (±inf for ±oo, NaN where there is none)."""
    h = sympy.Symbol("h", positive=True)
    step = h if side == "+" else -h
    moved = dict(point)
    moved[symbol] = point[symbol] + step
    quotient = (expr.subs(moved) - expr.subs(point)) / step
    value = sympy.limit(quotient, h, 0, "+")
    if value in (sympy.oo, -sympy.oo):
        return math.inf if value == sympy.oo else -math.inf
    if value.is_real is not True or value.has(sympy.AccumBounds):
        return math.nan
    return float(value)
