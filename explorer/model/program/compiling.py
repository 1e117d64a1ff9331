"""Program (program/__init__.py) -> elementwise torch function: one closure per operation.

Only the operations of the program's table can be built, so nothing the student typed is ever
executed. The result is always broadcast to the grid's shape, so `f = 5` samples as a row of 5s
with f′ = 0. This module needs no sympy: the engine's process builds its functions from programs
that the window's process lowered (lowering.py), or from Functions it parsed and lowered itself.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch

from explorer.model.program import CALLS, FOLDS, CompileError, Op, Program

if TYPE_CHECKING:
    from explorer.model.function import Function
    from explorer.model.special_points.guards import Guard

Tensor = torch.Tensor
#: A compiled subtree: (x, parameter tensors) -> tensor.
Node = Callable[[Tensor, Mapping[str, Tensor]], Tensor]


def _reciprocal(u: Tensor) -> Tensor:
    return torch.reciprocal(u)


def _abs(u: Tensor) -> Tensor:
    """|u| as u·sign(u): the same values and first derivative as torch.abs, but its second
    derivative avoids torch's `sgn` double-backward, whose first use imports torch._dynamo
    (seconds of frozen window for the first |x| with f″ on screen)."""
    return u * torch.sign(u)


def _tanh(u: Tensor) -> Tensor:
    """tanh u whose derivatives keep their digits: torch's own derivative of tanh is 1 − tanh², which
    cancels to 0 for |u| ≳ 19 (tanh′(30) = 3.5·10⁻²⁶ is not 0). For |u| ≥ 1 it is ±(1 − 2t/(1 + t))
    with t = e^(−2|u|) ≤ e⁻², whose autograd derivatives are products of t (no difference of near
    equals); below 1, torch's tanh, where 1 − tanh² ≥ 0.42 loses nothing. The far branch only ever
    sees |u| ≥ 1, so neither branch puts an infinity into the other's gradient."""
    far = u.abs() >= 1
    sign = torch.where(u < 0, -1.0, 1.0).to(u.dtype)
    t = torch.exp(-2 * torch.where(far, u * sign, 1.0))
    return torch.where(far, sign * (1 - 2 * t / (1 + t)), torch.tanh(torch.where(far, 0.0, u)))


#: ("call", name, u): torch compositions. Reciprocal forms (sec = 1/cos …) are composed from
#: primitives so autograd differentiates them like any other expression.
CALL: dict[str, Callable[[Tensor], Tensor]] = {
    "exp": torch.exp,
    "log": torch.log,
    "sin": torch.sin,
    "cos": torch.cos,
    "tan": torch.tan,
    "sec": lambda u: _reciprocal(torch.cos(u)),
    "csc": lambda u: _reciprocal(torch.sin(u)),
    "cot": lambda u: torch.cos(u) / torch.sin(u),
    "asin": torch.asin,
    "acos": torch.acos,
    "atan": torch.atan,
    # sympy's real convention: acot(x) = atan(1/x), asec(x) = acos(1/x), acsc(x) = asin(1/x).
    "acot": lambda u: torch.atan(_reciprocal(u)),
    "asec": lambda u: torch.acos(_reciprocal(u)),
    "acsc": lambda u: torch.asin(_reciprocal(u)),
    "sinh": torch.sinh,
    "cosh": torch.cosh,
    "tanh": _tanh,
    "sech": lambda u: _reciprocal(torch.cosh(u)),
    "csch": lambda u: _reciprocal(torch.sinh(u)),
    "coth": lambda u: _reciprocal(_tanh(u)),
    "asinh": torch.asinh,
    "acosh": torch.acosh,
    "atanh": torch.atanh,
    "acoth": lambda u: torch.atanh(_reciprocal(u)),
    "asech": lambda u: torch.acosh(_reciprocal(u)),
    "acsch": lambda u: torch.asinh(_reciprocal(u)),
    "Abs": _abs,
    "sign": torch.sign,
    "floor": torch.floor,
    "ceiling": torch.ceil,
    "erf": torch.erf,
}
#: ("fold", name, operands): two-argument torch functions, folded pairwise.
FOLD: dict[str, Callable[[Tensor, Tensor], Tensor]] = {
    "Min": torch.minimum,
    "Max": torch.maximum,
}
assert CALL.keys() == CALLS and FOLD.keys() == FOLDS, "program/__init__.py and compiling.py name the same functions"


def _product(nodes, x, p):
    result = nodes[0](x, p)
    for node in nodes[1:]:
        result = result * node(x, p)
    return result


def _add(constant: float, terms: tuple) -> Node:
    nodes = [_node(term) for term in terms]

    def add(x, p):
        result = nodes[0](x, p)
        for node in nodes[1:]:
            result = result + node(x, p)
        return result + constant if constant else result

    return add


def _mul(coefficient: float, numerator: tuple, denominator: tuple) -> Node:
    above, below = [_node(op) for op in numerator], [_node(op) for op in denominator]

    def mul(x, p):
        if above:
            result = _product(above, x, p)
            if below:
                result = result / _product(below, x, p)
            return result * coefficient if coefficient != 1.0 else result
        return coefficient / _product(below, x, p)

    return mul


def _power(u: Op, power: int | float) -> Node:
    b = _node(u)
    return lambda x, p: torch.pow(b(x, p), power)


def _odd_root(u: Op, power: float) -> Node:
    b = _node(u)

    def real_odd_root(x, p):
        value = b(x, p)
        return torch.sign(value) * torch.pow(_abs(value), power)

    return real_odd_root


def _heaviside(u: Op, middle: float) -> Node:
    """H(u) from sign(u), so that its derivative is 0 away from the jump."""
    inner = _node(u)

    def heaviside(x, p):
        value = inner(x, p)
        return (torch.sign(value) + 1.0) * 0.5 + (middle - 0.5) * (value == 0).to(value.dtype)

    return heaviside


def _unary(op: Callable[[Tensor], Tensor], u: Op) -> Node:
    inner = _node(u)
    return lambda x, p: op(inner(x, p))


def _fold(name: str, operands: tuple) -> Node:
    op, nodes = FOLD[name], [_node(u) for u in operands]

    def fold(x, p):
        result = nodes[0](x, p)
        for node in nodes[1:]:
            result = op(result, node(x, p))
        return result

    return fold


def _pow(u: Op, v: Op) -> Node:
    """u^v, v free of x (a slider exponent): torch's real pow (an integer v keeps u < 0 real)."""
    b, e = _node(u), _node(v)
    return lambda x, p: torch.pow(b(x, p), e(x, p))


def _softplus(u: Tensor) -> Tensor:
    """ln(1 + eᵘ) as max(u, 0) + ln(1 + e^(−|u|)): e to a power ≤ 0 never overflows (ln(1 + e⁸⁰⁰) is
    800), and each branch's autograd derivatives are those of the same analytic function."""
    positive = u >= 0
    return torch.where(positive, u, 0.0) + torch.log1p(torch.exp(torch.where(positive, -u, u)))


def _hypot(c: float) -> Callable[[Tensor], Tensor]:
    """√(u² + c), c > 0, without squaring u (√(x² + 1) at 10²⁰⁰). For |u| ≤ √c, torch.hypot; beyond,
    |u| + c/(|u| + hypot), whose derivatives take the small correction's digits from products rather
    than from 1/h − u²/h³ (f″ of the typed form cancels to noise once c/u² is below rounding)."""
    root = math.sqrt(c)

    def hypot(u: Tensor) -> Tensor:
        far = u.abs() > root
        v = torch.where(far, torch.where(u < 0, -u, u), root)  # |u| with slope ±1, also at the branch
        near = torch.hypot(torch.where(far, 0.0, u), torch.full_like(u, root))
        return torch.where(far, v + c / (v + torch.hypot(v, torch.full_like(v, root))), near)

    return hypot


def _exp_log(v: Op, u: Op) -> Node:
    """u^v as exp(v·ln u), which keeps every derivative exact where v is 0 or 1."""
    e, b = _node(v), _node(u)
    return lambda x, p: torch.exp(e(x, p) * torch.log(b(x, p)))


_BUILDERS: dict[str, Callable[..., Node]] = {
    "x": lambda: lambda x, p: x,
    "param": lambda name: lambda x, p: p[name],
    "full": lambda c: lambda x, p: torch.full_like(x, c),
    "add": _add,
    "mul": _mul,
    "reciprocal": lambda u: _unary(torch.reciprocal, u),
    "square": lambda u: _unary(torch.square, u),
    "sqrt": lambda u: _unary(torch.sqrt, u),
    "power": _power,
    "abs_power": lambda u, power: _power(("call", "Abs", u), power),
    "odd_root": _odd_root,
    "pow": _pow,
    "exp_times": lambda v, c: _unary(lambda e: torch.exp(e * c), v),
    "exp_log": _exp_log,
    "heaviside": _heaviside,
    "softplus": lambda u: _unary(_softplus, u),
    "hypot": lambda u, c: _unary(_hypot(c), u),
    "call": lambda name, u: _unary(CALL[name], u),
    "fold": _fold,
}


def _node(op: tuple) -> Node:
    try:
        return _BUILDERS[op[0]](*op[1:])
    except (KeyError, IndexError, TypeError):  # not an operation of the table, or not its operands
        raise CompileError(f"the engine has no operation {op!r}") from None


def compile_body(body: Op) -> Callable[[Tensor, Mapping[str, Tensor]], Tensor]:
    """A program body as a torch function of (x, {parameter name: tensor}), broadcast to x's shape."""
    if isinstance(body, float):
        constant = body
        return lambda x, p: torch.full_like(x, constant)
    node = _node(body)

    def evaluate(x: Tensor, params: Mapping[str, Tensor]) -> Tensor:
        result = node(x, params)
        return result if result.shape == x.shape else result.expand(x.shape)

    return evaluate


#: Where a domain condition (model/domain.py, by its need's value) fails, for its operand u: NaN fails all.
_OUTSIDE: dict[str, Callable[[Tensor], Tensor]] = {
    "nonzero": lambda u: (u == 0) | torch.isnan(u),
    "positive": lambda u: ~(u > 0),
    "nonnegative": lambda u: ~(u >= 0),
    "unit": lambda u: ~(u.abs() <= 1),
    "open_unit": lambda u: ~(u.abs() < 1),
    "at_least_one": lambda u: ~(u >= 1),
    "outside_unit": lambda u: ~(u.abs() >= 1),
    "outside_open_unit": lambda u: ~(u.abs() > 1),
}
#: Needs whose failure is a pole (model/domain.py's POLES), checked by the probe to within rounding.
_POLES = frozenset({"nonzero", "positive"})


def _within_domain(evaluate: Callable[[Tensor, Mapping[str, Tensor]], Tensor],
                   checks: list[tuple[Callable[[Tensor], Tensor], Callable]]):
    """`evaluate`, NaN wherever an enforced domain condition fails (x/x at 0). Only f is marked:
    a derivative is missing wherever f is (derivatives.mark_missing)."""

    def evaluate_within_domain(x: Tensor, params: Mapping[str, Tensor]) -> Tensor:
        value = evaluate(x, params)
        outside = None
        for test, operand in checks:
            failed = test(operand(x, params))
            outside = failed if outside is None else outside | failed
        return value.masked_fill(outside, torch.nan)

    return evaluate_within_domain


@dataclass(frozen=True)
class CompiledGuard:
    """A guard's torch form (see special_points/guards.py)."""

    evaluate: Callable[[Tensor, Mapping[str, Tensor]], Tensor]
    #: Whether its critical set is the integers (floor, ceiling) rather than zero.
    integer: bool
    #: The sympy guard it was lowered from, which can prove it is never critical; None when it
    #: was compiled from a program alone (then it is always scanned).
    source: Guard | None = None

    @property
    def never_critical(self) -> bool:
        """Whether sympy proves the guard never reaches its critical set (Guard.never_critical)."""
        return self.source is not None and self.source.never_critical


@dataclass(frozen=True, eq=False)
class Compiled:
    """A function ready for the engine: its torch form and the guards that locate its special points.

    It holds the text, not the Function or Program, so that the cache below never keeps its key alive.
    """

    text: str
    parameters: tuple[str, ...]
    evaluate: Callable[[Tensor, Mapping[str, Tensor]], Tensor]
    guards: tuple[CompiledGuard, ...]
    #: The operands of every domain condition whose failure is a pole (a denominator, a logarithm's
    #: argument), enforced or not: f does not exist where one is 0 to within the rounding of x.
    poles: tuple[Callable[[Tensor, Mapping[str, Tensor]], Tensor], ...] = ()


_cache: weakref.WeakKeyDictionary[Function | Program, Compiled] = weakref.WeakKeyDictionary()


def compile_function(function: Function | Program) -> Compiled:
    """The compiled form of a parsed Function (lowered first) or of a Program, cached for as long
    as that object lives."""
    compiled = _cache.get(function)
    if compiled is None:
        program = function if isinstance(function, Program) else function.program
        sources = (None,) * len(program.guards) if function is program else function.guards
        guards = tuple(CompiledGuard(compile_body(op), integer, source)
                       for (op, integer), source in zip(program.guards, sources, strict=True))
        evaluate = compile_body(program.body)
        try:
            checks = [(_OUTSIDE[need], compile_body(op)) for op, need, enforced in program.domain if enforced]
            poles = tuple(compile_body(op) for op, need, _ in program.domain if need in _POLES)
        except KeyError:
            raise CompileError("the engine has no such domain condition") from None
        if checks:
            evaluate = _within_domain(evaluate, checks)
        compiled = Compiled(program.text, program.parameters, evaluate, guards, poles)
        _cache[function] = compiled
    return compiled
