"""The whitelist: every name and symbol the parser knows, and the sympy constructor behind it.

Nothing outside these tables can reach sympy: a word that is not here is either split into
one-letter parameters or rejected, so no text typed by a user is ever looked up dynamically.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from explorer.model.function import X


def _cube_root(arg: sympy.Expr) -> sympy.Expr:
    # Pow(arg, 1/3), not real_root: the engine decides how to evaluate odd roots of negatives.
    return sympy.Pow(arg, sympy.Rational(1, 3))


def _fourth_root(arg: sympy.Expr) -> sympy.Expr:
    return sympy.Pow(arg, sympy.Rational(1, 4))


def _absolute_value(arg: sympy.Expr) -> sympy.Expr:
    """|arg|, with its e^z and b^z factors (b > 0) left as they are: they are positive.

    sympy writes |e^z| as e^(re z) when it cannot prove z real (z built from a^x, √x, ln x…)
    and expands re z term by term: |e^((a^x+1)(b^x+1)…)| doubled its work with each factor
    (ten took 1.2 s), and re, im and atan2 are nothing the engine evaluates. For the real z
    the engine computes, |e^z| is e^z; where z is known real, sympy answers the same.
    """
    slope = linear_slope(arg)
    if slope is not None:
        # What sympy's Abs.eval makes of c·x + d (c, d ≠ 0 rational; x real, so no sign is
        # known): |c·x + d| with the sign taken out when c < 0, as its signsimp does, without
        # its assumption queries and term sorting (0.5 ms each: |x-1|+…+|x-138| took 85 ms).
        return sympy.Abs(-arg if slope < 0 else arg, evaluate=False)
    factors = sympy.Mul.make_args(arg)
    positive = [factor for factor in factors if _is_positive_power(factor)]
    if not positive:
        return sympy.Abs(arg)
    rest = [factor for factor in factors if not _is_positive_power(factor)]
    return sympy.Mul(*positive) * sympy.Abs(sympy.Mul(*rest))


def linear_slope(arg: sympy.Expr) -> sympy.Rational | None:
    """c when `arg` is c·x + d with rational c, d ≠ 0 (sympy keeps d first), else None."""
    if not (arg.is_Add and len(arg.args) == 2 and arg.args[0].is_Rational):
        return None
    coefficient, variable = arg.args[1].as_coeff_Mul()
    return coefficient if variable is X and coefficient.is_Rational else None


def _is_positive_power(factor: sympy.Expr) -> bool:
    """e^z, or b^z with a positive number b."""
    if isinstance(factor, sympy.exp):
        return True
    return bool(factor.is_Pow and factor.base.is_number and factor.base.is_positive)


def _log10(arg: sympy.Expr) -> sympy.Expr:
    return sympy.log(arg, 10)


def _log2(arg: sympy.Expr) -> sympy.Expr:
    return sympy.log(arg, 2)


#: Function words -> the sympy constructor applied to their one argument.
FUNCTIONS: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
    "sec": sympy.sec, "csc": sympy.csc, "cosec": sympy.csc, "cot": sympy.cot,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    "asec": sympy.asec, "acsc": sympy.acsc, "acot": sympy.acot,
    "arcsin": sympy.asin, "arccos": sympy.acos, "arctan": sympy.atan,
    "arcsec": sympy.asec, "arccsc": sympy.acsc, "arccot": sympy.acot,
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "sech": sympy.sech, "csch": sympy.csch, "coth": sympy.coth,
    "asinh": sympy.asinh, "acosh": sympy.acosh, "atanh": sympy.atanh,
    "asech": sympy.asech, "acsch": sympy.acsch, "acoth": sympy.acoth,
    "arsinh": sympy.asinh, "arcosh": sympy.acosh, "artanh": sympy.atanh,
    "arsech": sympy.asech, "arcsch": sympy.acsch, "arcoth": sympy.acoth,
    "arcsinh": sympy.asinh, "arccosh": sympy.acosh, "arctanh": sympy.atanh,
    "arcsech": sympy.asech, "arccsch": sympy.acsch, "arccoth": sympy.acoth,
    "exp": sympy.exp, "ln": sympy.log, "log": sympy.log, "log10": _log10, "log2": _log2,
    "sqrt": sympy.sqrt, "cbrt": _cube_root, "root4": _fourth_root,
    "abs": _absolute_value, "sign": sympy.sign, "sgn": sympy.sign,
    "floor": sympy.floor, "ceil": sympy.ceiling, "ceiling": sympy.ceiling,
}

#: `sin^-1 x` is arcsin x, as textbooks write it; only these functions have that reading.
INVERSES: dict[str, str] = {
    "sin": "asin", "cos": "acos", "tan": "atan", "sec": "asec", "csc": "acsc", "cosec": "acsc",
    "cot": "acot", "sinh": "asinh", "cosh": "acosh", "tanh": "atanh", "sech": "asech",
    "csch": "acsch", "coth": "acoth",
}

#: Functions whose sympy constructor evaluates a constant argument numerically (to decide a
#: jump or a sign); the builder bounds that argument first so the evaluation stays cheap.
NUMERIC_ON_CONSTANTS = frozenset({"abs", "sign", "sgn", "floor", "ceil", "ceiling"})

CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi}

#: Greek letter names that are parameters. Not "pi" (a constant), not "xi" (so that a run of
#: letters starting with x always starts with the variable) and not "omicron" (looks like o).
GREEK_NAMES = frozenset({
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
})

#: Multi-letter words recognised inside a run of letters (matched case-insensitively).
WORDS = frozenset(name for name in FUNCTIONS if name.isalpha()) | {"pi"} | GREEK_NAMES
LONGEST_WORD = max(len(word) for word in WORDS)

#: Greek characters typed directly; they read as the matching name above.
GREEK_LETTERS: dict[str, str] = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon",
    "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}

#: Single characters with a fixed meaning: operators typed from a keyboard or pasted from a page.
SYMBOLS: dict[str, str] = {
    "+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "·": "*", "⋅": "*", "×": "*", "∗": "*",
    "/": "/", "÷": "/", "∕": "/", "^": "^", "=": "=", "|": "|", "∣": "|",
    "(": "(", ")": ")", "[": "(", "]": ")", "{": "(", "}": ")",
}

#: The closing bracket for each opening one (pairs must match: "(x]" is an error).
CLOSING = {"(": ")", "[": "]", "{": "}"}

#: The characters `str.splitlines` ends a line at: a function is one line, so none may appear.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")

#: Root signs read as function words.
ROOT_SIGNS = {"√": "sqrt", "∛": "cbrt", "∜": "root4"}
#: The root functions: sympy's powers, whose constant values the builder leaves to the engine.
ROOTS = frozenset(ROOT_SIGNS.values())

SUPERSCRIPT_DIGITS = {ch: str(i) for i, ch in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
SUPERSCRIPT_SIGNS = {"⁻": "-", "⁺": "+"}
