"""A Program read with mpmath: the probe's second reading at a point where float64 overflows.

x³/(x³ + 1) at 10¹¹⁰ is 1, but x³ overflows float64 on the way and the engine's reading is
undefined. At one point, and only where the float64 reading has a value missing, the probe asks
again here: the same table of operations (program/__init__.py), with the same real semantics as
compiling.py, evaluated in mpmath numbers, whose exponents do not overflow, and differentiated by
mpmath's finite differences at raised precision (`mpmath.diffs`, steps relative to x).

Nothing is invented: a step with no real value (√ of a negative, ln 0, a division by 0) gives no
reading at all, a value beyond float64 stays NaN, and each value is read at two precisions
(DIGITS) and kept only where both agree to float64's digits: a derivative whose digits were lost
to cancellation at the lower one differs at the higher one, and is NaN instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import mpmath

from explorer.model.program import CALLS, FOLDS, Op, Program

#: The two precisions, in decimal digits, whose readings must agree.
DIGITS = (200, 800)
#: Digits of the first look at f and its derivatives, which finds those beyond double precision.
SCREEN_DIGITS = 30
#: Significant digits of a value beyond double precision, as the readout shows it.
BEYOND_DIGITS = 6
#: An intermediate beyond 2^MAX_BITS is out of reach (e^(e^x) at x = 800 would take all memory).
MAX_BITS = 1 << 12
#: Readings at the two precisions agree when they differ by no more than this, relatively.
AGREEMENT = 1e-12

Number = mpmath.mpf
Node = Callable[[Number, Mapping[str, Number]], Number]


class NoReading(ArithmeticError):
    """A step has no real value, or is beyond reach: the probe keeps its float64 reading."""


def _real(value) -> Number:
    """`value` as a real mpf, or NoReading (a complex step: √−1, ln(−1), arcsin 2; NaN; too big)."""
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            raise NoReading(value)
        value = value.real
    if mpmath.isnan(value):
        raise NoReading(value)
    if mpmath.isfinite(value) and value != 0 and mpmath.mag(value) > MAX_BITS:
        raise NoReading("beyond reach")
    return value


def _checked(f: Callable) -> Callable[[Number], Number]:
    return lambda u: _real(f(u))


def _reciprocal(u: Number) -> Number:
    if u == 0:
        raise NoReading("division by zero")
    return 1 / u


def _sign(u: Number) -> Number:
    return mpmath.mpf(mpmath.sign(u))


def _softplus(u: Number) -> Number:
    return mpmath.log1p(mpmath.exp(u))


#: ("call", name, u), as compiling.py composes them (acot u = atan(1/u) …).
CALL: dict[str, Callable[[Number], Number]] = {name: _checked(f) for name, f in {
    "exp": mpmath.exp,
    "log": lambda u: mpmath.log(u) if u != 0 else mpmath.mpf("-inf"),
    "sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan,
    "sec": lambda u: _reciprocal(mpmath.cos(u)), "csc": lambda u: _reciprocal(mpmath.sin(u)),
    "cot": lambda u: mpmath.cos(u) * _reciprocal(mpmath.sin(u)),
    "asin": mpmath.asin, "acos": mpmath.acos, "atan": mpmath.atan,
    "acot": lambda u: mpmath.atan(_reciprocal(u)), "asec": lambda u: mpmath.acos(_reciprocal(u)),
    "acsc": lambda u: mpmath.asin(_reciprocal(u)),
    "sinh": mpmath.sinh, "cosh": mpmath.cosh, "tanh": mpmath.tanh,
    "sech": lambda u: _reciprocal(mpmath.cosh(u)), "csch": lambda u: _reciprocal(mpmath.sinh(u)),
    "coth": lambda u: _reciprocal(mpmath.tanh(u)),
    "asinh": mpmath.asinh, "acosh": mpmath.acosh, "atanh": mpmath.atanh,
    "acoth": lambda u: mpmath.atanh(_reciprocal(u)), "asech": lambda u: mpmath.acosh(_reciprocal(u)),
    "acsch": lambda u: mpmath.asinh(_reciprocal(u)),
    "Abs": abs, "sign": _sign, "floor": mpmath.floor, "ceiling": mpmath.ceil, "erf": mpmath.erf,
}.items()}
FOLD: dict[str, Callable[[Number, Number], Number]] = {"Min": min, "Max": max}
assert CALL.keys() == CALLS and FOLD.keys() == FOLDS, "program/__init__.py and this module name the same functions"


def _power(u: Number, p: int | float) -> Number:
    """torch.pow's real semantics: an integer p for any u, a fractional one for u ≥ 0 only."""
    if float(p).is_integer():
        if u == 0 and p < 0:
            raise NoReading("division by zero")
        return _real(u ** int(p))
    if u < 0:
        raise NoReading("a fractional power of a negative number")
    if u == 0:
        if p < 0:
            raise NoReading("division by zero")
        return mpmath.mpf(0)
    return _real(mpmath.power(u, p))


def _heaviside(u: Number, middle: float) -> Number:
    return mpmath.mpf(middle) if u == 0 else mpmath.mpf(1 if u > 0 else 0)


def _product(nodes: list[Node], x, p) -> Number:
    result = mpmath.mpf(1)
    for node in nodes:
        result = _real(result * node(x, p))
    return result


def _build(op: Op) -> Node:
    """The mpmath function of one operation of the table (its operands built first)."""
    if isinstance(op, float):
        return lambda x, p: _real(mpmath.mpf(op))
    name, args = op[0], op[1:]
    if name == "x":
        return lambda x, p: x
    if name == "param":
        return lambda x, p: p[args[0]]
    if name == "full":
        return lambda x, p: _real(mpmath.mpf(args[0]))
    if name == "add":
        constant, terms = mpmath.mpf(args[0]), [_build(t) for t in args[1]]
        return lambda x, p: _real(constant + mpmath.fsum(t(x, p) for t in terms))
    if name == "mul":
        coefficient, above, below = mpmath.mpf(args[0]), [_build(t) for t in args[1]], [_build(t) for t in args[2]]
        return lambda x, p: _real(coefficient * _product(above, x, p) * _reciprocal(_product(below, x, p)))
    if name == "fold":
        fold, nodes = FOLD[args[0]], [_build(t) for t in args[1]]

        def folded(x, p):
            result = nodes[0](x, p)
            for node in nodes[1:]:
                result = fold(result, node(x, p))
            return result

        return folded
    if name in ("pow", "exp_times", "exp_log"):
        return _two_operands(name, args)
    if name == "call":
        call, u = CALL[args[0]], _build(args[1])
        return lambda x, p: call(u(x, p))
    u = _build(args[0])
    unary = _UNARY[name](*args[1:])
    return lambda x, p: unary(u(x, p))


def _two_operands(name: str, args: tuple) -> Node:
    if name == "exp_times":  # exp(v·c), c = ln base (−inf for the base 0)
        v, c = _build(args[0]), mpmath.mpf(args[1])
        return lambda x, p: _real(mpmath.exp(v(x, p) * c))
    if name == "exp_log":  # exp(v·ln u)
        v, u = _build(args[0]), _build(args[1])
        return lambda x, p: _real(mpmath.exp(v(x, p) * CALL["log"](u(x, p))))
    u, v = _build(args[0]), _build(args[1])  # pow: u^v, v free of x
    return lambda x, p: _power(u(x, p), float(v(x, p)) if v(x, p) == int(v(x, p)) else v(x, p))


_UNARY: dict[str, Callable[..., Callable[[Number], Number]]] = {
    "reciprocal": lambda: _reciprocal,
    "square": lambda: lambda u: _real(u * u),
    "sqrt": lambda: lambda u: _power(u, 0.5),
    "power": lambda power: lambda u: _power(u, power),
    "abs_power": lambda power: lambda u: _power(abs(u), power),
    "odd_root": lambda power: lambda u: _sign(u) * _power(abs(u), power),
    "heaviside": lambda middle: lambda u: _heaviside(u, middle),
    "softplus": lambda: _checked(_softplus),
    "hypot": lambda c: lambda u: _real(mpmath.sqrt(u * u + c)),
}

#: Where a domain condition (model/domain.py, by its need's value) holds, for its operand u.
_INSIDE: dict[str, Callable[[Number], bool]] = {
    "nonzero": lambda u: u != 0,
    "positive": lambda u: u > 0,
    "nonnegative": lambda u: u >= 0,
    "unit": lambda u: abs(u) <= 1,
    "open_unit": lambda u: abs(u) < 1,
    "at_least_one": lambda u: u >= 1,
    "outside_unit": lambda u: abs(u) >= 1,
    "outside_open_unit": lambda u: abs(u) > 1,
}
_LARGEST = 1.7976931348623157e308


def _as_float(value: Number) -> float:
    """A float64 value, or NaN beyond double precision."""
    return float(value) if abs(value) <= _LARGEST else math.nan


def _agree(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= AGREEMENT * max(abs(a), abs(b))


def precise_values(program: Program, x: float, params: Mapping[str, float],
                   order: int) -> tuple[list[float] | None, dict[int, str]]:
    """f … f^(order) at x as float64 (NaN beyond double precision, or where the two precisions
    disagree), or None where f has no real value at x or the reading is out of reach; with the
    decimal text of the orders from the first one beyond double precision up (e^x at 800: every
    order "2.72637e+347"; x⁴ at 10¹⁰⁰: "1e+400", then f′'s "4e+300", which a double could hold but
    which lies above a missing f)."""
    body = _build(program.body)
    conditions = [(_build(op), _INSIDE[need]) for op, need, enforced in program.domain if enforced]
    readings = []
    try:
        with mpmath.workdps(SCREEN_DIGITS):
            point, values = mpmath.mpf(x), {name: mpmath.mpf(v) for name, v in params.items()}
            if not all(inside(operand(point, values)) for operand, inside in conditions):
                return None, {}
            reach, beyond = _within_double(body, point, values, order)
        if reach < 0:
            return [math.nan] * (order + 1), beyond
        for digits in DIGITS:
            with mpmath.workdps(digits):
                point = mpmath.mpf(x)
                values = {name: mpmath.mpf(v) for name, v in params.items()}
                if not all(inside(operand(point, values)) for operand, inside in conditions):
                    return None, {}
                f = lambda t, values=values: body(t, values)  # noqa: E731
                # steps relative to x (mpmath's own `relative` option scales them by 1/|x|)
                step = mpmath.ldexp(abs(point) if x != 0 else mpmath.mpf(1), -mpmath.mp.prec - 10)
                readings.append([_as_float(v) for v in mpmath.diffs(f, point, reach, h=step)])
    except (NoReading, ZeroDivisionError, ValueError, OverflowError):
        return None, {}
    agreed = [a if _agree(a, b) else math.nan for a, b in zip(*readings, strict=True)]
    return agreed + [math.nan] * (order - reach), beyond


def _within_double(body: Node, point, values, order: int) -> tuple[int, dict[int, str]]:
    """The highest order k ≤ `order` up to which f … f⁽ᵏ⁾ may fit in a double, from a first look at
    SCREEN_DIGITS (−1: f itself does not), and the first look's values above it as text. A value
    beyond double precision hides the ones above it (a missing f⁽ᵏ⁾ means a missing f⁽ᵏ⁺¹⁾), and
    those are not read at hundreds of digits, tens of milliseconds a point (e^x at 800, e^(x²)′ at
    26.6)."""
    step = mpmath.ldexp(abs(point) if point != 0 else mpmath.mpf(1), -mpmath.mp.prec - 10)
    rows = list(mpmath.diffs(lambda t: body(t, values), point, order, h=step))
    for k, value in enumerate(rows):
        if abs(value) > 2 * mpmath.mpf(_LARGEST):  # twice: the first look's own error cannot decide it
            return k - 1, {j: mpmath.nstr(v, BEYOND_DIGITS) for j, v in enumerate(rows) if j >= k}
    return order, {}
