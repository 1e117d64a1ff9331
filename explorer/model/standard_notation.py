"""A parsed function written back in standard notation, so a student sees how the text was read:
`1/2x` as 1/(2x), `sin x^2` as sin(x²), `sinx` as sin(x), `2^-x` as 2⁻ˣ … as plain unicode text.

A small printer over sympy's own (`StrPrinter`): small integer powers as superscripts, square roots
as √, |u| for the absolute value, ln, π and e, a number's product with what follows as juxtaposition
(2x), other products with a middle dot, and the minus sign. It names nothing the parser would not
read back the same way, but it is for reading, not for typing.
"""

from __future__ import annotations

import re

import sympy
from sympy.printing.precedence import precedence
from sympy.printing.pretty.pretty_symbology import pretty_symbol
from sympy.printing.str import StrPrinter

MINUS = "\u2212"
SUPERSCRIPTS = str.maketrans("0123456789-", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b")
#: A coefficient followed by a product's next factor: written 2x, 3π, 2√x, 2(x + 1), not 2·x.
_JUXTAPOSED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\u00b7(?=[^\d\u00b7\s])")
#: A product's single-letter factor: written bx and πx, but a·sin(x) (not "asin").
_LETTERS = re.compile(r"(?<![A-Za-z])([A-Za-z\u0370-\u03ff])\u00b7(?=[A-Za-z\u0370-\u03ff](?![A-Za-z(]))")


class _StandardPrinter(StrPrinter):
    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.as_base_exp()
        if exponent == sympy.Rational(1, 2):
            return "\u221a" + self._wrap(base)
        if exponent == -1:
            return f"1/{self.parenthesize(base, precedence(expr), strict=False)}"
        if exponent.is_Integer and 1 < abs(int(exponent)) < 100 and base is not sympy.E:
            return self.parenthesize(base, precedence(expr), strict=True) + str(int(exponent)).translate(SUPERSCRIPTS)
        shown_base = "e" if base is sympy.E else self.parenthesize(base, precedence(expr), strict=True)
        shown_exponent = self._print(exponent)
        if not (exponent.is_Atom and not exponent.is_Rational or exponent.is_Integer and exponent >= 0):
            shown_exponent = f"({shown_exponent})"
        return f"{shown_base}^{shown_exponent}"

    def _wrap(self, expr) -> str:
        shown = self._print(expr)
        return shown if expr.is_Atom else f"({shown})"

    def _print_exp(self, expr):
        return f"e^{self._wrap(expr.args[0])}"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "\u03c0"

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_log(self, expr):
        if len(expr.args) == 1:
            return f"ln({self._print(expr.args[0])})"
        return f"log({', '.join(self._print(arg) for arg in expr.args)})"

    def _print_Symbol(self, expr):
        return pretty_symbol(expr.name)  # theta as θ

    def _print_Mul(self, expr):
        return super()._print_Mul(expr).replace("*", "\u00b7")


def standard_notation(expr: sympy.Expr) -> str:
    """`expr` (a Function's sympy tree) as a student would write it on paper, in one line."""
    shown = _StandardPrinter().doprint(expr)
    shown = _LETTERS.sub(r"\1", _JUXTAPOSED.sub(r"\1", shown))
    return shown.replace("-", MINUS)
