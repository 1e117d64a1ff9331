"""Where a removable singularity may be: the real zeros of the typed denominators, found once when lowering.

Near a hole (sin(x)/x at 0, (x³ − 8)/(x − 2) at 2) the typed formula divides two numbers that both
vanish, and its derivatives lose a digit per order for every digit of closeness (model/removable.py
evaluates f there from its power series about the hole instead). The engine needs to know where to
look, and only sympy can say that exactly: the zeros of a polynomial denominator (exact, even where
they are no double: x − π), and 0 where a transcendental denominator vanishes there (eˣ − 1, sin x).
Whether a zero is a hole or a pole is for the engine to find (the numerator's series), here only
candidates are listed. Kept cheap on purpose: it runs on every keystroke, so no solving beyond
polynomial roots of low degree, and a zero whose place depends on a slider only where sympy writes
it in closed form.
"""

from __future__ import annotations

import sympy

from explorer.model.domain import Need
from explorer.model.function import Function, X
from explorer.model.program import Op

#: Polynomial denominators up to this degree have their roots taken (in radicals).
MAX_ROOT_DEGREE = 4
#: At most this many candidates per function: a hole per denominator is the lesson's case.
MAX_CANDIDATES = 8
#: Digits of a root computed before it is split into the double nearest it and the rest.
DIGITS = 30


def hole_candidates(function: Function, lower_expression) -> tuple[tuple[Op, float], ...]:
    """(place, rest) for each candidate: `place` is the double nearest the zero (or, where the zero
    moves with a slider, its lowered expression), `rest` what the double misses of it (π − the
    double nearest π), so that x − zero = (x − place) − rest keeps its digits near the zero."""
    found: dict[tuple, None] = {}
    for condition in function.domain:
        if condition.need is not Need.NONZERO or X not in condition.expr.free_symbols:
            continue
        for zero in _real_zeros(condition.expr):
            found[_split(zero, lower_expression)] = None
            if len(found) >= MAX_CANDIDATES:
                return tuple(found)
    return tuple(found)


def _real_zeros(expr: sympy.Expr) -> list[sympy.Expr]:
    """Lines and parabolas by their formulas (sympy.roots costs milliseconds on every keystroke),
    cubics and quartics by sympy.roots, and 0 for a transcendental denominator that vanishes there."""
    if expr == X or (expr.is_Pow and expr.base == X and expr.exp.is_Integer and expr.exp > 0):
        return [sympy.S.Zero]  # x, x³: the commonest denominators, without any algebra
    constant, rest = expr.as_independent(X, as_Add=True)
    coefficient, variable = rest.as_independent(X, as_Add=False)
    if variable == X:
        return [-constant / coefficient]  # x − 2, x − π, x − a
    parameters = expr.free_symbols - {X}
    if expr.is_positive or expr.is_negative:
        return []  # x² + 1: sympy's assumptions see it at once
    if not expr.is_polynomial(X):
        return [sympy.S.Zero] if expr.subs(X, 0) == 0 else []
    c = expr.subs(X, 0)
    slope = expr.diff(X)
    b = slope.subs(X, 0)
    curvature = slope.diff(X)
    if curvature == 0:
        return [-c / b] if b != 0 else []
    if curvature.diff(X) == 0:
        a = curvature / 2
        discriminant = sympy.expand(b**2 - 4 * a * c)
        if discriminant.is_negative:
            return []
        zeros = {(-b - sympy.sqrt(discriminant)) / (2 * a), (-b + sympy.sqrt(discriminant)) / (2 * a)}
        return [zero for zero in zeros if _maybe_real(zero, parameters)]
    if parameters:
        return []
    try:
        poly = sympy.Poly(expr, X)
        if poly.degree() > MAX_ROOT_DEGREE:
            return []
        return [zero for zero in sympy.roots(poly) if _maybe_real(zero, parameters)]
    except (sympy.PolynomialError, ValueError, NotImplementedError):
        return []


def _maybe_real(zero: sympy.Expr, parameters: set) -> bool:
    if parameters:
        return not zero.has(sympy.I)  # √(a) may be real for some sliders: the engine checks it
    return zero.is_real is True


def _split(zero: sympy.Expr, lower_expression) -> tuple[Op, float]:
    if zero.free_symbols:
        return lower_expression(zero), 0.0
    value = sympy.N(zero, DIGITS)
    place = float(value)
    return place, float(value - sympy.Float(place, DIGITS))
