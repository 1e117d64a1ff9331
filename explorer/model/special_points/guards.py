"""Guards: the subexpressions whose critical set holds every point where f or a derivative may break.

A smooth expression built from +, ·, exp, sin … has no special points. Special points come only
from a few primitives, each singular where one argument-derived quantity hits a critical set:
a denominator or a fractional power's base at 0 (1/x, x^(1/3)), tan/sec where cos u = 0,
cot/csc where sin u = 0, log u at u = 0, |u| and sign u at u = 0 (a kink or a jump), floor and
ceiling where u is an integer, inverse trig at the edge of its domain. Collecting those
quantities from the sympy tree tells the engine where to look; whether the curve really breaks
there is decided numerically afterwards (a kink of |x| does not break f itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import sympy

from explorer.model.function import X


@dataclass(frozen=True)
class Guard:
    """`expr` reaches its critical set at a possibly special point: zero, or (integer=True) an integer."""

    expr: sympy.Expr
    integer: bool = False

    @cached_property
    def never_critical(self) -> bool:
        """Whether sympy proves the guard never reaches its critical set, for any real x and
        parameters (x² + 1, eˣ + 1). Asked only before scanning a big grid: the proof can take a few
        milliseconds, more than scanning a screen's grid, and far less than scanning a million points."""
        return not self.integer and bool(self.expr.is_positive or self.expr.is_negative)


def _zero_guards(expr: sympy.Expr) -> list[sympy.Expr]:
    """The quantities whose zeros are candidate special points of this node (not of its children)."""
    u = expr.args[0] if expr.args else None
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        if exponent.is_Integer and exponent.is_nonnegative:
            return []
        return [base]  # 1/b, b^(1/3), b^x: special where b = 0
    if isinstance(expr, (sympy.tan, sympy.sec)):
        return [sympy.cos(u)]
    if isinstance(expr, (sympy.cot, sympy.csc)):
        return [sympy.sin(u)]
    if isinstance(expr, (sympy.log, sympy.Abs, sympy.sign, sympy.Heaviside, sympy.coth, sympy.csch,
                         sympy.acot, sympy.acsch)):
        return [u]
    if isinstance(expr, (sympy.asin, sympy.acos, sympy.atanh, sympy.asec, sympy.acsc, sympy.acoth)):
        return [1 - u**2]
    if isinstance(expr, sympy.acosh):
        return [u - 1]
    if isinstance(expr, sympy.asech):
        return [u, u - 1]
    if isinstance(expr, (sympy.Min, sympy.Max)):
        return [a - b for a, b in zip(expr.args, expr.args[1:])]
    return []


def _simple_zeros(guard: sympy.Expr) -> sympy.Expr:
    """A polynomial guard with repeated roots, (x−1)², as its square-free part x−1.

    A repeated root only touches zero and so never changes sign between two samples; its
    square-free part crosses zero at the same points, which a sign test finds.
    """
    try:
        if guard.is_polynomial(X) and sympy.degree(guard, X) > 1:
            return sympy.sqf_part(guard, X)
    except (sympy.PolynomialError, ValueError, NotImplementedError):
        pass
    return guard


def collect_guards(expr: sympy.Expr, edges: tuple[sympy.Expr, ...] = ()) -> tuple[Guard, ...]:
    """Every guard of `expr` that varies with x, without duplicates, in tree order, then those of
    `edges`: the boundaries of domain conditions that sympy folded out of `expr` (x/x at 0)."""
    found: dict[Guard, None] = {}
    for node in sympy.preorder_traversal(expr):
        if X not in getattr(node, "free_symbols", ()):
            continue
        if isinstance(node, (sympy.floor, sympy.ceiling)):
            found[Guard(node.args[0], integer=True)] = None
            continue
        for guard in _zero_guards(node):
            guard = _simple_zeros(sympy.expand(guard) if guard.is_polynomial(X) else guard)
            if X in guard.free_symbols:
                found[Guard(guard)] = None
    for edge in edges:
        guard = _simple_zeros(sympy.expand(edge) if edge.is_polynomial(X) else edge)
        if X in guard.free_symbols:
            found[Guard(guard)] = None
    return tuple(found)
