"""The parsed function: what the parser hands to the engine and to the views.

A `Function` is immutable and hashed by identity, so the engine can cache its compiled
torch form per object without ever confusing two parses of different text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import sympy

#: The one independent variable. Real, so sympy simplifies |x|' to sign(x) and not to a complex form.
X = sympy.Symbol("x", real=True)


def parameter_symbol(name: str) -> sympy.Symbol:
    """The sympy symbol the parser uses for parameter `name` (real, like x)."""
    return sympy.Symbol(name, real=True)


@dataclass(frozen=True, eq=False)
class Function:
    """f(x; parameters) as typed by the student and as sympy reads it."""

    text: str
    expr: sympy.Expr
    #: Parameter names (every free name but x), in order of first appearance in `text`.
    parameters: tuple[str, ...] = field(default=())
    #: The domain of the text as typed, before sympy folded it (model/domain.py): x/x keeps x ≠ 0.
    domain: tuple = field(default=())

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """x followed by the parameter symbols, in `parameters` order."""
        return (X, *(parameter_symbol(name) for name in self.parameters))

    @cached_property
    def guards(self):
        """The guards that locate its possibly special points (special_points/guards.py)."""
        from explorer.model.special_points.guards import collect_guards

        return collect_guards(self.expr, tuple(c.edge for c in self.domain if c.enforced))

    @cached_property
    def program(self):
        """Its plain-data form for the engine (program/__init__.py): built once, sent to the engine's process."""
        from explorer.model.program.lowering import lower

        return lower(self)

    def __str__(self) -> str:
        return sympy.sstr(self.expr)
