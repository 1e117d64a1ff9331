"""Forms whose typed formula overflows (or cancels) in an intermediate, recognised for lowering.

ln(1 + eᵘ) at u = 800 is 800, but e⁸⁰⁰ overflows float64 on the way; √(x² + 1) at 10²⁰⁰ is 10²⁰⁰,
but x² overflows. The engine evaluates these as their own operations (program/__init__.py), which
compute the same function without the huge intermediate:

- ln(1 + eᵘ) (also ln(1 + bᵘ) for a constant base b > 0) as softplus(u) (compiling.py says how);
- √(a·w²ᵏ + c) for constants a, c > 0 as √a·√(u² + c/a) with u = wᵏ, the "hypot" operation;
  other half-integer powers of such a radicand as powers of it.

Both typed forms are defined wherever u is, and so are the operations: the domain is unchanged
(and the domain conditions of the text as typed are kept apart anyway: model/domain.py). tanh,
whose autograd derivative 1 − tanh² cancels to 0 for |u| ≳ 19, needs no rewrite of the text: the
engine's tanh itself is written so that its derivatives keep their digits (compiling.py).
"""

from __future__ import annotations

import sympy

from explorer.model.function import X


def softplus_argument(expr: sympy.Expr) -> sympy.Expr | None:
    """u where `expr` is ln(1 + eᵘ) (or ln(1 + bᵘ) = ln(1 + e^(u·ln b)) for a number b > 0), else None."""
    if not isinstance(expr, sympy.log) or not expr.args[0].is_Add:
        return None
    constant, rest = expr.args[0].as_coeff_Add()
    if constant != 1 or rest.is_Add:
        return None
    if isinstance(rest, sympy.exp):
        return rest.args[0]
    if isinstance(rest, sympy.Pow) and rest.base.is_number and rest.base.is_positive and X in rest.exp.free_symbols:
        return rest.exp * sympy.log(rest.base)
    return None


def hypot_parts(base: sympy.Expr) -> tuple[sympy.Expr, float, float] | None:
    """(u, c, a) where `base` is a·u² + a·c for numbers a, c > 0 and u depends on x, else None.

    u² is any even power of an expression (x², (x − 1)², x⁴ = (x²)²)."""
    if not base.is_Add or not base.free_symbols:
        return None
    constant, rest = base.as_coeff_Add()
    if not constant.is_positive or rest.is_Add:
        return None
    a, square = rest.as_coeff_Mul()
    if not a.is_positive or not isinstance(square, sympy.Pow):
        return None
    exponent = square.exp
    if not (exponent.is_Integer and exponent > 0 and exponent % 2 == 0) or X not in square.free_symbols:
        return None
    u = square.base ** (exponent // 2)
    return u, float(constant / a), float(a)
