"""Exact forms of a feature's x, where sympy confirms one cheaply: x = 1/3, x = −1 + √15/3, x = π/2.

A guess comes from the float itself (`guesses`: a fraction, a fraction of π, or a quadratic
irrational (k ± √m)/c with small integers, found from the float's digits alone) and is kept only
if the expression that vanishes there (f for a zero, f′ for an extremum, f″ for an inflection, a
guard at a special point) evaluates to 0 at the guess to 40 digits. Only for a parsed Function (the
engine's process may hold a Program alone, without sympy) whose parameters have values.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from fractions import Fraction

#: The largest denominators tried: of a fraction, of a fraction of π, of (k ± √m)/c and of m.
MAX_DENOMINATOR, MAX_PI_DENOMINATOR, MAX_C, MAX_M_DENOMINATOR = 1000, 48, 12, 100
#: How close the float must be to a guess to try it (relative to max(1, |x|)).
CLOSE = 1e-11
DIGITS = 40
#: A guess longer than this as text is not offered.
MAX_LENGTH = 24


class ExactForms:
    """Confirms guesses against f, f′, f″ and the guards of one function with its parameters' values."""

    def __init__(self, function, params: Mapping[str, float] | None):
        import sympy

        from explorer.model.function import X, parameter_symbol

        self._sympy, self._x = sympy, X
        values = {parameter_symbol(name): sympy.nsimplify(float((params or {}).get(name, 1.0)))
                  for name in function.parameters}
        expr = function.expr.subs(values)
        self._rows = {0: expr}
        self._expr = expr
        self._guards = [(g.expr.subs(values), g.integer) for g in function.guards]

    def _row(self, k: int):
        if k not in self._rows:
            self._rows[k] = self._sympy.diff(self._expr, self._x, k)
        return self._rows[k]

    def form(self, x: float, rows: set[int], guards: set[int]) -> tuple[str, float] | None:
        """(exact text, nearest double) of x, or None where no cheap guess is confirmed."""
        sympy = self._sympy
        checks = [self._row(k) for k in sorted(rows)]
        # floor u and ceiling u: u is the integer nearest to it at x
        checks += [g - round(float(g.subs(self._x, x))) if integer else g
                   for g, integer in (self._guards[i] for i in sorted(guards))]
        for guess in guesses(x, sympy):
            text = str(guess)
            if len(text) > MAX_LENGTH:
                continue
            for expression in checks:
                try:
                    at = sympy.N(expression.subs(self._x, guess), DIGITS)
                except (ValueError, TypeError, ZeroDivisionError, RecursionError):
                    continue
                if at.is_number and at.is_finite is not False and abs(complex(at)) < 10.0 ** (8 - DIGITS):
                    return text, float(guess)
        return None


def guesses(x: float, sympy) -> Iterator:
    """Simple exact numbers within CLOSE of x, simplest first: p/q, p/q·π, (k ± √m)/c."""
    close = CLOSE * max(1.0, abs(x))
    fraction = Fraction(x).limit_denominator(MAX_DENOMINATOR)
    if abs(x - fraction) <= close:
        yield sympy.Rational(fraction.numerator, fraction.denominator)
        return
    of_pi = Fraction(x / math.pi).limit_denominator(MAX_PI_DENOMINATOR)
    if of_pi and abs(x - float(of_pi) * math.pi) <= close:
        yield sympy.Rational(of_pi.numerator, of_pi.denominator) * sympy.pi
    for c in range(1, MAX_C + 1):
        y = c * x
        for k in range(math.floor(y) - 12, math.ceil(y) + 13):
            square = Fraction((y - k) ** 2).limit_denominator(MAX_M_DENOMINATOR)
            if square and abs(abs(y - k) - math.sqrt(square)) <= c * close:
                root = sympy.sqrt(sympy.Rational(square.numerator, square.denominator))
                yield (k + (root if y > k else -root)) / c
