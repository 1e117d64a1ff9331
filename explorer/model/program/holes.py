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

#: Polynomial denominators up to this degree have their roots taken (sympy.roots, in radicals).
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
    parameters = expr.free_symbols - {X}
    try:
        if expr.is_polynomial(X):
            poly = sympy.Poly(expr, X)
            if not 1 <= poly.degree() <= (2 if parameters else MAX_ROOT_DEGREE):
                return []
            return [zero for zero in sympy.roots(poly) if _maybe_real(zero, parameters)]
    except (sympy.PolynomialError, ValueError, NotImplementedError):
        return []
    return [sympy.S.Zero] if expr.subs(X, 0) == 0 else []


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
