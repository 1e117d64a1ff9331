"""A Program (model/program/) read as power series: the same table of operations the compiler
turns into torch closures, here turned into series arithmetic (series.py).

Two ways of reading it:

- `smooth` (side 0), for many points at once: every operation as at an ordinary point, and a
  mask of the points where some operation sat on its critical set (|u| or √u at u = 0, a
  denominator at 0, floor at an integer …, to within the rounding of x₀, as the engine's guards
  judge it). There the series says nothing; the point is read again one side at a time.
- one-sided (side −1 or +1, one point): at a critical operation the side decides. |u| is ±u as u's
  leading coefficient says on that side, sign and floor are the constant they take there, a
  quotient of two series that vanish cancels their common power of h (sin x / x at 0), and u^r at
  u = 0 is a series where the power of h it starts with is a whole number (√(x²) is ±x, √x has
  none). Where a side has no power series at all, `NoSeries` is raised.

A series here is (coefficients, known): shifting by a power of h loses coefficients at the top,
and `known` says how many are still right; the caller pads and tries again when too few are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import torch

from explorer.model.program import Op
from explorer.model.taylor import series as s

Tensor = torch.Tensor
#: x₀ is on an operation's critical set when its argument, moved this many units in the last place
#: of x₀ either way, changes by at least its value (the engine's SPECIAL_ULPS, engine.py).
SPECIAL_ULPS = 4
#: A coefficient this small against the series' largest is a rounding leftover, not a leading term.
LEADING_NOISE = 1e-13


class NoSeries(ArithmeticError):
    """This side of x₀ has no power series (a pole, a fractional power, outside the domain)."""


Series = tuple[Tensor, int]


class Walk:
    """One reading of a program at points x₀ (a tensor), to `length` coefficients, on one side."""

    def __init__(self, x0: Tensor, params: Mapping[str, Tensor], length: int, side: int = 0):
        self.x0, self.params, self.length, self.side = x0, params, length, side
        self.delta = SPECIAL_ULPS * _ulps(x0)
        #: Points where an operation sat on its critical set (side 0 only).
        self.critical = torch.zeros(x0.shape[0], dtype=torch.bool, device=x0.device)

    def run(self, body: Op) -> Series:
        if isinstance(body, float):
            return self._constant(torch.full_like(self.x0, body))
        return self._op(body)

    # ---- helpers ---------------------------------------------------------------------------

    def _constant(self, values: Tensor) -> Series:
        return s.constant(values.expand(self.x0.shape).to(self.x0.dtype), self.length), self.length

    def _near(self, u: Tensor) -> Tensor:
        """Where u₀ is 0 to within the rounding of x₀ (the engine's test on its guards)."""
        change = u[:, 1].abs() * self.delta if self.length > 1 else torch.zeros_like(self.delta)
        if self.length > 2:
            change = change + u[:, 2].abs() * self.delta ** 2
        return u[:, 0].abs() <= change

    def _at_critical(self, u: Tensor) -> bool:
        """Record (side 0) or report (one side) whether u₀ is 0 for the purpose of a critical operation."""
        near = self._near(u)
        if self.side == 0:
            self.critical |= near
            return False
        return bool(near[0])

    def _leading(self, u: Tensor, known: int) -> tuple[int, float] | None:
        """(m, sign of u on this side) for u's leading term u_m·h^m, u₀ taken as 0; None if u ≡ 0."""
        row = u[0, 1:known].tolist()
        scale = max((abs(c) for c in row), default=0.0)
        for m, c in enumerate(row, start=1):
            if c != 0 and abs(c) > LEADING_NOISE * scale:
                return m, math.copysign(1.0, c) * (self.side ** m)
        return None

    def _shift_down(self, u: Tensor, known: int, m: int) -> Series:
        """u / h^m for a series whose first m coefficients vanish."""
        out = torch.zeros_like(u)
        out[:, :self.length - m] = u[:, m:]
        return out, known - m

    def _shift_up(self, u: Tensor, known: int, q: int) -> Series:
        """u · h^q."""
        out = torch.zeros_like(u)
        if q < self.length:
            out[:, q:] = u[:, :self.length - q]
        return out, min(self.length, known + q)

    # ---- operations ------------------------------------------------------------------------

    def _op(self, op: tuple) -> Series:
        name = op[0]
        if name == "x":
            return s.variable(self.x0, self.length), self.length
        if name == "param":
            return self._constant(self.params[op[1]])
        if name == "full":
            return self._constant(torch.full_like(self.x0, op[1]))
        return getattr(self, "_" + name)(*op[1:])

    def _add(self, constant: float, terms: tuple) -> Series:
        parts = [self._op(t) for t in terms]
        total = parts[0][0].clone()
        for part, _ in parts[1:]:
            total = total + part
        total[:, 0] += constant
        return total, min(known for _, known in parts)

    def _product(self, ops: tuple) -> Series:
        parts = [self._op(t) for t in ops]
        result, known = parts[0]
        for part, part_known in parts[1:]:
            result, known = s.mul(result, part), min(known, part_known)
        return result, known

    def _mul(self, coefficient: float, numerator: tuple, denominator: tuple) -> Series:
        top = self._product(numerator) if numerator else self._constant(torch.ones_like(self.x0))
        if denominator:
            top = self._quotient(top, self._product(denominator))
        return top[0] * coefficient, top[1]

    def _quotient(self, a: Series, b: Series) -> Series:
        (top, top_known), (bottom, bottom_known) = a, b
        known = min(top_known, bottom_known)
        if self._at_critical(bottom):
            lead = self._leading(bottom, bottom_known)
            if lead is None:
                raise NoSeries("division by zero")
            m = lead[0]
            top_lead = self._leading(top, top_known)
            if abs(top[0, 0]) > LEADING_NOISE * top.abs().max() or (top_lead is not None and top_lead[0] < m):
                raise NoSeries("a pole")
            top, _ = self._shift_down(top, known, m)
            bottom, known = self._shift_down(bottom, known, m)
        return s.div(top, bottom), known

    def _reciprocal(self, u: Op) -> Series:
        return self._quotient(self._constant(torch.ones_like(self.x0)), self._op(u))

    def _square(self, u: Op) -> Series:
        value, known = self._op(u)
        return s.mul(value, value), known

    def _sqrt(self, u: Op) -> Series:
        return self._real_power(self._op(u), 0.5, "even")

    def _power(self, u: Op, p: int | float) -> Series:
        base = self._op(u)
        if float(p).is_integer():
            return self._integer_power(base, int(p))
        return self._real_power(base, float(p), "even")

    def _integer_power(self, base: Series, n: int) -> Series:
        value, known = base
        if n >= 0:
            return s.integer_power(value, n), known
        return self._quotient(self._constant(torch.ones_like(self.x0)), (s.integer_power(value, -n), known))

    def _abs_power(self, u: Op, p: float) -> Series:
        return self._real_power(self._op(u), float(p), "abs")

    def _odd_root(self, u: Op, p: float) -> Series:
        return self._real_power(self._op(u), float(p), "odd")

    def _pow(self, u: Op, v: Op) -> Series:
        exponent = float(self._op(v)[0][0, 0])  # free of x: one value for every point
        base = self._op(u)
        if exponent.is_integer():
            return self._integer_power(base, int(exponent))
        return self._real_power(base, exponent, "even")

    def _real_power(self, base: Series, r: float, kind: str) -> Series:
        """u^r for a fractional r: `kind` "even" (u ≥ 0 only), "abs" (|u|^r), "odd" (sign(u)|u|^r)."""
        value, known = base
        if not self._at_critical(value):
            sign = torch.sign(value[:, :1]) if kind != "even" else torch.ones_like(value[:, :1])
            result = s.power(value * sign, r)
            return (result * sign if kind == "odd" else result), known
        lead = self._leading(value, known)
        if lead is None:
            if r > 0:
                return self._constant(torch.zeros_like(self.x0))
            raise NoSeries("a power of zero")
        m, sign = lead
        q = m * r
        if sign < 0 and kind == "even" or abs(q - round(q)) > 1e-9 or q < 0:
            raise NoSeries("no power series on this side")
        q = int(round(q))
        rest, rest_known = self._shift_down(value, known, m)
        rest_sign = math.copysign(1.0, float(rest[0, 0]))
        result = s.power(rest * rest_sign, r) * float(self.side) ** q
        if kind == "odd":
            result = result * sign
        return self._shift_up(result, rest_known, q)

    def _exp_times(self, v: Op, c: float) -> Series:
        value, known = self._op(v)
        return s.exp(value * c), known

    def _exp_log(self, v: Op, u: Op) -> Series:
        exponent, exponent_known = self._op(v)
        logarithm, known = self._log(self._op(u))
        return s.exp(s.mul(exponent, logarithm)), min(known, exponent_known)

    def _log(self, base: Series) -> Series:
        value, known = base
        if self._at_critical(value):
            raise NoSeries("the logarithm of zero")
        return s.log(value), known

    def _step(self, u: Tensor, known: int, integer: bool, take) -> Series:
        """A piecewise-constant function of u: `take(u₀)` where u is not on a jump, else the
        constant it takes on this side (`take` of a value just past u₀ that way)."""
        at = u[:, 0] - torch.round(u[:, 0]) if integer else u[:, 0]
        offset = u.clone()
        offset[:, 0] = at
        if not self._at_critical(offset):
            return self._constant(take(u[:, 0]))
        lead = self._leading(offset, known)
        centre = torch.round(u[:, 0]) if integer else torch.zeros_like(u[:, 0])
        if lead is None:
            return self._constant(take(centre))
        return self._constant(take(centre + 0.25 * lead[1]))

    def _heaviside(self, u: Op, middle: float) -> Series:
        value, known = self._op(u)

        def h(v: Tensor) -> Tensor:
            return torch.where(v == 0, torch.full_like(v, middle), (torch.sign(v) + 1) * 0.5)

        return self._step(value, known, False, h)

    def _fold(self, name: str, operands: tuple) -> Series:
        result, known = self._op(operands[0])
        for operand in operands[1:]:
            other, other_known = self._op(operand)
            difference = result - other
            known = min(known, other_known)
            if self._at_critical(difference):
                lead = self._leading(difference, known)
                first = lead is None or (lead[1] > 0) == (name == "Max")
                result = result if first else other
            else:
                keep = (difference[:, :1] >= 0) == (name == "Max")
                result = torch.where(keep, result, other)
        return result, known

    def _softplus(self, u: Op) -> Series:
        """ln(1 + eᵘ) from its slope σ(u) = 1/(1 + e⁻ᵘ), written as e^v/(1 + e^v) below 0, so that e
        is only ever raised to a power ≤ 0 (compiling.py's softplus)."""
        value, known = self._op(u)
        u0 = value[:, 0]
        first = torch.where(u0 >= 0, u0, torch.zeros_like(u0)) + torch.log1p(torch.exp(-u0.abs()))

        def sigmoid(head: Tensor) -> Tensor:
            positive = (head[:, :1] >= 0).to(head.dtype)
            e = s.exp(head * (1 - 2 * positive))  # e^(−|u₀|) and onwards
            one_plus_e = e.clone()
            one_plus_e[:, 0] += 1
            return torch.where(positive.bool(), s.div(_ones(head), one_plus_e), s.div(e, one_plus_e))

        return s.by_derivative(value, first, sigmoid), known

    def _hypot(self, u: Op, c: float) -> Series:
        """√(u² + c), c > 0, with u scaled by max(|u₀|, 1) first, so that u² never overflows."""
        value, known = self._op(u)
        scale = torch.clamp(value[:, :1].abs(), min=1.0)
        w = value / scale
        radicand = s.mul(w, w)
        radicand[:, 0] += c / scale[:, 0] ** 2
        return s.power(radicand, 0.5) * scale, known

    def _call(self, name: str, u: Op) -> Series:
        value, known = self._op(u)
        return _CALLS[name](self, value, known), known


def _abs(walk: Walk, u: Tensor, known: int) -> Tensor:
    if not walk._at_critical(u):
        return u * torch.sign(u[:, :1])
    lead = walk._leading(u, known)
    result = u * (lead[1] if lead is not None else 0.0)
    result[:, 0] = u[:, 0].abs()
    return result


def _step_call(integer: bool, take):
    def call(walk: Walk, u: Tensor, known: int) -> Tensor:
        return walk._step(u, known, integer, take)[0]

    return call


def _quotient_call(top, bottom):
    """f = top(u)/bottom(u) (tan = sin/cos …): a pole where the bottom vanishes is found by the quotient."""

    def call(walk: Walk, u: Tensor, known: int) -> Tensor:
        return walk._quotient((top(u), known), (bottom(u), known))[0]

    return call


def _of_reciprocal(f):
    """f(1/u): acot(u) = atan(1/u) and the like, sympy's real convention."""

    def call(walk: Walk, u: Tensor, known: int) -> Tensor:
        inverse, inverse_known = walk._quotient(walk._constant(torch.ones_like(walk.x0)), (u, known))
        return f(walk, inverse, inverse_known)

    return call


def _inverse(value0, slope):
    def call(walk: Walk, u: Tensor, known: int) -> Tensor:
        return s.by_derivative(u, value0(u[:, 0]), slope)

    return call


def _sin(u):
    return s.sin_cos(u)[0]


def _cos(u):
    return s.sin_cos(u)[1]


def _sinh(u):
    return s.sin_cos(u, hyperbolic=True)[0]


def _cosh(u):
    return s.sin_cos(u, hyperbolic=True)[1]


def _ones(u):
    return s.constant(torch.ones_like(u[:, 0]), u.shape[1])


def _plain(f):
    return lambda walk, u, known: f(u)


def _log_call(walk: Walk, u: Tensor, known: int) -> Tensor:
    return walk._log((u, known))[0]


def _sign(v: Tensor) -> Tensor:
    return torch.sign(v)


_asin = _inverse(torch.asin, lambda u: s.power(s.one_plus(u, 1.0, -1.0), -0.5))
_acos = _inverse(torch.acos, lambda u: -s.power(s.one_plus(u, 1.0, -1.0), -0.5))
_atan = _inverse(torch.atan, lambda u: s.div(_ones(u), s.one_plus(u, 1.0, 1.0)))
_asinh = _inverse(torch.asinh, lambda u: s.power(s.one_plus(u, 1.0, 1.0), -0.5))
_acosh = _inverse(torch.acosh, lambda u: s.power(s.one_plus(u, -1.0, 1.0), -0.5))
_atanh = _inverse(torch.atanh, lambda u: s.div(_ones(u), s.one_plus(u, 1.0, -1.0)))

#: ("call", name, u) in Taylor mode: the same names as program.CALLS.
_CALLS = {
    "exp": _plain(s.exp),
    "log": _log_call,
    "sin": _plain(_sin),
    "cos": _plain(_cos),
    "tan": _quotient_call(_sin, _cos),
    "sec": _quotient_call(_ones, _cos),
    "csc": _quotient_call(_ones, _sin),
    "cot": _quotient_call(_cos, _sin),
    "asin": _asin,
    "acos": _acos,
    "atan": _atan,
    "acot": _of_reciprocal(_atan),
    "asec": _of_reciprocal(_acos),
    "acsc": _of_reciprocal(_asin),
    "sinh": _plain(_sinh),
    "cosh": _plain(_cosh),
    "tanh": _quotient_call(_sinh, _cosh),
    "sech": _quotient_call(_ones, _cosh),
    "csch": _quotient_call(_ones, _sinh),
    "coth": _quotient_call(_cosh, _sinh),
    "asinh": _asinh,
    "acosh": _acosh,
    "atanh": _atanh,
    "acoth": _of_reciprocal(_atanh),
    "asech": _of_reciprocal(_acosh),
    "acsch": _of_reciprocal(_asinh),
    "Abs": _abs,
    "sign": _step_call(False, _sign),
    "floor": _step_call(True, torch.floor),
    "ceiling": _step_call(True, torch.ceil),
    "erf": _inverse(torch.erf, lambda u: s.exp(-s.mul(u, u)) * (2.0 / s.SQRT_PI)),
}


def _ulps(x0: Tensor) -> Tensor:
    """The spacing of float64 at each x₀ (math.ulp, elementwise)."""
    return torch.nextafter(x0.abs(), torch.full_like(x0, math.inf)) - x0.abs()
