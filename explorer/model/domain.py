"""The domain of what was typed: conditions recorded from the unsimplified tree.

sympy folds as it builds: x/x becomes 1, √x·√x becomes x, ln x − ln x becomes 0, sin(arcsin x)
becomes x, x⁰ becomes 1. The folded tree has lost the domain the student typed (x/x has a hole at
0; √x·√x does not exist at −1), so the parser records a `Condition` at every step that has one —
each denominator, even root, logarithm, inverse trig function and 0⁰ — from the operands as typed.

The engine evaluates the folded tree, whose own operations already fail outside their domain
(NaN or ±∞, marked missing). A condition is *enforced* by the engine only where the folded tree no
longer fails by itself: its operation was folded away, or sits where its failure is swallowed
(atan(1/x) is π/2 at 0 in IEEE arithmetic, e^(−1/x) is 0). Every condition that may fail at a
point (a denominator, a logarithm's argument) is also checked by the probe at a special point, to
within the rounding of x: sin(x)/sin(x) at the double nearest π is a hole, though sin there is
1.2·10⁻¹⁶.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import sympy


class Need(StrEnum):
    """What a condition asks of its operand u. The values travel in programs between processes."""

    NONZERO = "nonzero"              # a denominator, a negative power, 0⁰
    POSITIVE = "positive"            # a logarithm's argument
    NONNEGATIVE = "nonnegative"      # an even root's radicand
    UNIT = "unit"                    # |u| ≤ 1: arcsin, arccos
    OPEN_UNIT = "open_unit"          # |u| < 1: artanh
    AT_LEAST_ONE = "at_least_one"    # u ≥ 1: arcosh
    OUTSIDE_UNIT = "outside_unit"    # |u| ≥ 1: arcsec, arccsc
    OUTSIDE_OPEN_UNIT = "outside_open_unit"  # |u| > 1: arcoth


#: Needs whose failure is a pole: the operation gives ±∞ there, which a later operation can
#: swallow into a finite number (atan(∞) = π/2, e^(−∞) = 0). The probe checks these to within
#: the rounding of x at a special point.
POLES = frozenset({Need.NONZERO, Need.POSITIVE})


@dataclass(frozen=True)
class Condition:
    """f exists only where `expr` satisfies `need`; `enforced`: the engine checks it itself."""

    expr: sympy.Expr
    need: Need
    enforced: bool = True

    @property
    def edge(self) -> sympy.Expr:
        """A quantity that is zero on the condition's boundary (a guard for it)."""
        if self.need in (Need.NONZERO, Need.POSITIVE, Need.NONNEGATIVE):
            return self.expr
        if self.need is Need.AT_LEAST_ONE:
            return self.expr - 1
        return 1 - self.expr**2


_CALL_NEEDS: dict[type, tuple[Need, object]] = {
    sympy.log: (Need.POSITIVE, None),
    sympy.asin: (Need.UNIT, None),
    sympy.acos: (Need.UNIT, None),
    sympy.atanh: (Need.OPEN_UNIT, None),
    sympy.acosh: (Need.AT_LEAST_ONE, None),
    sympy.asec: (Need.OUTSIDE_UNIT, None),
    sympy.acsc: (Need.OUTSIDE_UNIT, None),
    sympy.acoth: (Need.OUTSIDE_OPEN_UNIT, None),
    sympy.coth: (Need.NONZERO, None),
    sympy.csch: (Need.NONZERO, None),
    sympy.tan: (Need.NONZERO, sympy.cos),
    sympy.sec: (Need.NONZERO, sympy.cos),
    sympy.cot: (Need.NONZERO, sympy.sin),
    sympy.csc: (Need.NONZERO, sympy.sin),
}
#: Words of the parser whose constructor is no single sympy class (log10 is log(x)/log(10)).
WORD_NEEDS: dict[str, Need] = {
    "log10": Need.POSITIVE, "log2": Need.POSITIVE, "sqrt": Need.NONNEGATIVE, "root4": Need.NONNEGATIVE,
}


def _varies(expr: sympy.Expr) -> bool:
    return bool(expr.free_symbols)


def power_conditions(base: sympy.Expr, exponent: sympy.Expr) -> list[Condition]:
    """What base^exponent asks of its base: not 0 for a negative power or 0⁰, not negative for an
    even root. A variable exponent (x^x, 2^x) keeps the engine's own reading (exp(e·ln b))."""
    if not _varies(base) or not exponent.is_number:
        return []
    found = []
    if exponent.is_negative or exponent.is_zero:
        found.append(Condition(base, Need.NONZERO))
    if exponent.is_Rational and not exponent.is_integer and exponent.q % 2 == 0:
        found.append(Condition(base, Need.NONNEGATIVE))
    return found


def call_conditions(function: type | str, argument: sympy.Expr) -> list[Condition]:
    """What the function (a sympy class, or one of the parser's words) asks of its argument."""
    if not _varies(argument):
        return []
    if isinstance(function, str):
        need = WORD_NEEDS.get(function)
        return [Condition(argument, need)] if need else []
    need, outer = _CALL_NEEDS.get(function, (None, None))
    if need is None:
        return []
    return [Condition(outer(argument) if outer else argument, need)]


def own_conditions(expr: sympy.Expr) -> tuple[set[Condition], set[Condition]]:
    """The conditions the folded tree `expr` fails by itself, as (all, poles kept visible).

    A pole is kept visible when its operation is reached from the top through sums, products and
    positive powers only: ±∞ there makes f infinite or NaN, never a finite number.
    """
    every: set[Condition] = set()
    visible: set[Condition] = set()
    stack = [(expr, True)]
    while stack:
        node, open_path = stack.pop()
        if not node.args or not _varies(node):
            continue
        if isinstance(node, sympy.Pow):
            own = power_conditions(*node.args)
        elif isinstance(node, sympy.Function):
            own = call_conditions(type(node), node.args[0])
        else:
            own = []
        for condition in own:
            every.add(condition)
            if open_path:
                visible.add(condition)
        passes = open_path and (node.is_Add or node.is_Mul
                                or (node.is_Pow and node.exp.is_number and node.exp.is_positive))
        stack.extend((arg, passes) for arg in node.args)
    return every, visible


def settle(recorded: list[Condition], expr: sympy.Expr) -> tuple[Condition, ...]:
    """The recorded conditions without duplicates, each marked enforced where `expr` (the folded
    tree) does not fail by itself there."""
    if not recorded:
        return ()
    every, visible = own_conditions(expr)
    settled: dict[Condition, None] = {}
    for condition in recorded:
        covered = condition in (visible if condition.need in POLES else every)
        settled[Condition(condition.expr, condition.need, enforced=not covered)] = None
    return tuple(settled)
