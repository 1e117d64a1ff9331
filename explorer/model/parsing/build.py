"""Safe construction of the sympy tree: the only place the parser calls sympy.

sympy evaluates as it builds: 9^9^9 would become an integer of 370 million digits and
floor(e^(e^100)) an endless numeric evaluation. Each constructor here first bounds what sympy
will compute (exact numbers stay under MAX_DIGITS digits, a constant fed to a function under
10^MAX_MAGNITUDE_DIGITS) and afterwards rejects a constant that is undefined (1/0, ln 0) or not
real (√-1), so the engine only ever receives a real function of x it can evaluate.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import sympy

from explorer.model.domain import WORD_NEEDS, Condition, call_conditions
from explorer.model.parsing.errors import ParseError
from explorer.model.parsing.limits import (
    MAX_DIGITS,
    MAX_MAGNITUDE_DIGITS,
    MAX_ROOT_BASE_DIGITS,
    MAX_STEP_ARGUMENT_DIGITS,
)
from explorer.model.parsing.words import FUNCTIONS, NUMERIC_ON_CONSTANTS, ROOTS, linear_slope

_LOG10_2 = math.log10(2)
_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)
_MAGNITUDE_LIMIT = sympy.Float(10) ** MAX_MAGNITUDE_DIGITS
_STEP_ARGUMENT_LIMIT = sympy.Float(10) ** MAX_STEP_ARGUMENT_DIGITS


#: Hyperbolic functions whose realness sympy decides by splitting the argument into real and
#: imaginary parts (`as_real_imag`), multiplying out every integer power in it.
_SPLIT_BY_SYMPY = (sympy.sinh, sympy.cosh, sympy.tanh)
#: What one such split costs, per compound node of the argument and square of its largest
#: integer exponent: |tanh(sin(x^x)^2)| took 31 ms, ^3 45 ms, ^9 75 ms, ^99 2 s.
_SPLIT_WEIGHT = 4
#: What sympy's power of a power costs when it cannot simply multiply the exponents (√((x^x+1)^30),
#: √(x^(2x)) took 7 to 10 ms each: it decides the branch with floor, arg and log of the base).
_POWER_OF_POWER = 10


def power_work(base: sympy.Expr, exponent: sympy.Expr) -> int:
    """The work of base^exponent: its operands', more for a root or power of a power."""
    extra = _POWER_OF_POWER if _is_compound_power(base) and not exponent.is_integer else 0
    return work(base) + work(exponent) + extra


def apply_work(name: str, argument: sympy.Expr) -> int:
    """The work of the function `name` of `argument`: the roots are powers."""
    extra = _POWER_OF_POWER if name in ROOTS and _is_compound_power(argument) else 0
    return work(argument) + extra


def _is_compound_power(expr: sympy.Expr) -> bool:
    """A power other than of an atom to a number (x^(1/2)^(1/2) is simply x^(1/4))."""
    return bool(expr.is_Pow and (expr.base.args or not expr.exp.is_number))


def work(expr: sympy.Expr) -> int:
    """What sympy inspects when it is handed `expr`, in compound nodes: 1 for a sum, a product
    or a power, 2 for a function application or |…| (whose assumptions sympy derives from its
    argument's). An atom (a number, x, a parameter), or one alone to a numeric power (x², √x),
    it answers at once: free.

    A sinh, cosh or tanh of an argument sympy cannot prove real (x^x, √x, ln x) costs more: to
    answer whether it is real, sympy expands the argument's real and imaginary parts, which grow
    with its size and the square of the largest integer exponent in it.
    """
    if expr.is_Pow and not expr.base.args and expr.exp.is_number:
        return 0  # x², √x, a⁻¹ alone: answered from what is known of the atom
    total = 0
    for node in sympy.preorder_traversal(expr):
        if not node.args:
            continue
        total += 2 if isinstance(node, sympy.Function) else 1
        if isinstance(node, _SPLIT_BY_SYMPY) and node.args[0].is_extended_real is not True:
            exponent = _largest_integer_exponent(node.args[0])
            total += _SPLIT_WEIGHT * max(work(node.args[0]), 1) * exponent**2
    return total


def _largest_integer_exponent(expr: sympy.Expr) -> int:
    exponents = (
        abs(int(node.exp)) for node in sympy.preorder_traversal(expr)
        if node.is_Pow and node.exp.is_Integer
    )
    return max(exponents, default=1)


def immediate(name: str, argument: sympy.Expr) -> bool:
    """Whether `apply(name, argument)` asks sympy to evaluate nothing: |c·x + d| is built as it
    stands (see `words`), so a long sum of such bars costs no work."""
    return name == "abs" and linear_slope(argument) is not None


def add(terms: Sequence[sympy.Expr], column: int) -> sympy.Expr:
    return _checked(lambda: sympy.Add(*terms), column, "this sum")


def multiply(factors: Sequence[sympy.Expr], column: int) -> sympy.Expr:
    return _checked(lambda: sympy.Mul(*factors), column, "this product")


def reciprocal(value: sympy.Expr, column: int, source: str) -> sympy.Expr:
    if value == 0:
        message = "division by zero" if source == "0" else f"division by zero: {source} is 0"
        raise ParseError(message, column)
    return power(value, sympy.S.NegativeOne, column, f"1/({source})")


def power(base: sympy.Expr, exponent: sympy.Expr, column: int, source: str) -> sympy.Expr:
    """base^exponent, refused before sympy would build a huge exact number."""
    if base == 0 and exponent.is_negative:
        raise ParseError(f"division by zero: {source} divides by 0", column)
    if exponent.is_Rational:
        if abs(exponent) > 1 and _result_digits(base, exponent) > MAX_DIGITS:
            raise ParseError(f"number too large: {source}", column)
        if not exponent.is_integer and _largest_digits(base) > MAX_ROOT_BASE_DIGITS:
            raise ParseError(f"number too large for a root: {source}", column)
    if base is sympy.E:
        return _checked(lambda: sympy.exp(exponent), column, source)
    return _checked(lambda: sympy.Pow(base, exponent), column, source)


def apply(name: str, argument: sympy.Expr, column: int, source: str) -> sympy.Expr:
    """The whitelisted function `name` of `argument`."""
    constructor: Callable[[sympy.Expr], sympy.Expr] = FUNCTIONS[name]

    def build() -> sympy.Expr:
        if name in NUMERIC_ON_CONSTANTS and argument.is_number and not argument.is_Rational:
            _check_magnitude(argument, column, source, _STEP_ARGUMENT_LIMIT)
        return constructor(argument)

    result = _checked(build, column, source)
    if name not in ROOTS:  # an odd root of a negative is real to the engine, complex to sympy
        _refuse_complex_value(argument, result, column, source)
    return result


def conditions(name: str, argument: sympy.Expr) -> list[Condition]:
    """What the function `name` asks of its argument as typed (model/domain.py)."""
    return call_conditions(name if name in WORD_NEEDS else FUNCTIONS[name], argument)


def _refuse_complex_value(
    argument: sympy.Expr, result: sympy.Expr, column: int, source: str
) -> None:
    """asin(3), atanh(2): a real number outside the function's real domain.

    sympy keeps these unevaluated (no I to spot), and every later step on such a complex
    constant costs it a numeric evaluation: |asin(3)^3| took 0.4 s.
    """
    if argument.is_number and argument.is_extended_real and result.is_extended_real is False:
        raise ParseError(f"{source} is not a real number", column)


def _checked(build: Callable[[], sympy.Expr], column: int, source: str) -> sympy.Expr:
    try:
        result = build()
        if result.has(*_UNDEFINED):
            raise ParseError(f"{source} is undefined", column)
        if result.has(sympy.I):
            raise ParseError(f"{source} is not a real number", column)
        if result.is_number and not result.is_Rational:
            _check_magnitude(result, column, source)
    except ParseError:
        raise
    except (ArithmeticError, ValueError, TypeError, RecursionError) as error:
        # sympy's own limits (precision exhausted, integer-to-text conversion) on odd constants.
        raise ParseError(f"cannot compute {source}", column) from error
    if _largest_coefficient_digits(result) > MAX_DIGITS:
        raise ParseError(f"number too large: {source}", column)
    return result


def _check_magnitude(
    value: sympy.Expr, column: int, source: str, limit: sympy.Float = _MAGNITUDE_LIMIT
) -> None:
    approximate = value.evalf(5)
    if approximate.is_Float and abs(approximate) > limit:
        raise ParseError(f"number too large: {source}", column)


def _digits(number: sympy.Rational) -> float:
    """About log10 of the larger of numerator and denominator (0 for ±1), from bit lengths."""
    return (max(abs(number.p), number.q).bit_length() - 1) * _LOG10_2


def _largest_digits(expr: sympy.Expr) -> float:
    """Digits of the largest exact number in `expr` (`atoms` includes `expr` itself)."""
    return max((_digits(atom) for atom in expr.atoms(sympy.Rational)), default=0.0)


def _largest_coefficient_digits(expr: sympy.Expr) -> float:
    """Digits of the numbers sympy keeps at the top of a sum or product (where they grow)."""
    if expr.is_Rational:
        return _digits(expr)
    if expr.is_Add or expr.is_Mul:
        return max((_digits(arg) for arg in expr.args if arg.is_Rational), default=0.0)
    return 0.0


def _result_digits(base: sympy.Expr, exponent: sympy.Rational) -> float:
    """Digits of the exact numbers base^exponent would produce (estimated before computing)."""
    largest = _largest_digits(base)
    if largest == 0.0:
        return 0.0
    size = abs(exponent)
    return largest * (float(size) if _digits(size) < 300 else math.inf)
