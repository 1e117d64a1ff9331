"""Exact forms of a feature's x, where sympy confirms one cheaply: x = 1/3, x = −1 + √15/3, x = π/2.

A guess comes from the float itself (sympy's nsimplify, with π among the constants) and is kept only
if the expression that vanishes there (f for a zero, f′ for an extremum, f″ for an inflection, a
guard at a special point) evaluates to 0 at the guess to 40 digits. Only for a parsed Function (the
engine's process may hold a Program alone, without sympy) whose parameters have values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

#: A guess more complicated than this (sympy's count_ops) is not offered as an exact form.
MAX_OPS = 8
DIGITS = 40
#: … or longer than this as text.
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
        try:
            guess = sympy.Integer(0) if abs(x) < 1e-11 else sympy.nsimplify(
                x, [sympy.pi], tolerance=1e-11 * max(1.0, abs(x)), rational=False)
        except (ValueError, TypeError, RecursionError):
            return None
        if (guess.free_symbols or sympy.count_ops(guess) > MAX_OPS or len(str(guess)) > MAX_LENGTH
                or not guess.is_real):
            return None
        value = float(guess)
        if not math.isclose(value, x, rel_tol=1e-9, abs_tol=1e-12):
            return None
        checks = [self._row(k) for k in sorted(rows)]
        checks += [g - sympy.floor(g.subs(self._x, guess) + sympy.Rational(1, 2)) if integer else g
                   for g, integer in (self._guards[i] for i in sorted(guards))]
        for expression in checks:
            try:
                at = sympy.N(expression.subs(self._x, guess), DIGITS)
            except (ValueError, TypeError, ZeroDivisionError, RecursionError):
                continue
            if at.is_number and at.is_finite is not False and abs(complex(at)) < 10.0 ** (8 - DIGITS):
                return str(guess), value
        return None
