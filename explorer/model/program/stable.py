"""Formulations that keep their digits where the typed one cancels them away, before lowering.

At a double root of an even root's radicand, or where 1 − cos u or arccos(1 − u²) is evaluated
near 0, the typed formula subtracts nearly equal numbers: x² − 2x + 1 at 1 + 10⁻⁹ is rounding
noise (even negative, so √ of it is NaN), 1 − cos(10⁻⁹) is 0. f and its one-sided slopes there
are then garbage (√(x² − 2x + 1) at 1 is a corner with slopes ∓1, not "undefined"). The same
function, written without the cancellation, keeps them:

- a polynomial radicand with a repeated factor as its factors: x² − 2x + 1 = (x − 1)²,
  x⁴ − 2x² + 1 = (x − 1)²(x + 1)²;
- c − c·cos u as 2c·sin²(u/2), c + c·cos u as 2c·cos²(u/2);
- arccos(1 − p) as 2·arcsin(√(p/2)), arcsin(1 − p) as π/2 − 2·arcsin(√(p/2)) (and their mirror
  images at −1), where sympy has already cancelled 1 − (1 − p) to p exactly.

Each is an identity on the whole domain of the typed form, so values and domains are unchanged.
"""

from __future__ import annotations

import sympy

from explorer.model.function import X

#: Polynomials up to this degree have their radicand factored (square-free factoring is cheap).
MAX_FACTOR_DEGREE = 12


def stable_form(expr: sympy.Expr) -> sympy.Expr:
    """`expr` with the cancelling forms above replaced (the same function)."""
    candidates = expr.atoms(sympy.cos, sympy.acos, sympy.asin, sympy.Pow)
    if not any(not isinstance(node, sympy.Pow) or _even_root(node) for node in candidates):
        return expr  # most functions: nothing to rewrite, and no second walk of the tree
    return expr.replace(_cancels, _rewrite)


def _cancels(node: sympy.Expr) -> bool:
    if isinstance(node, (sympy.acos, sympy.asin)):
        return _near_one(node.args[0]) is not None
    if isinstance(node, sympy.Pow):
        return _even_root(node) and _factorable(node.base)
    if isinstance(node, sympy.Add):
        return _cosine_pair(node) is not None
    return False


def _rewrite(node: sympy.Expr) -> sympy.Expr:
    if isinstance(node, (sympy.acos, sympy.asin)):
        sign, rest = _near_one(node.args[0])  # u = sign·(1 − rest)
        half_angle = 2 * sympy.asin(sympy.sqrt(rest / 2))
        if isinstance(node, sympy.acos):
            return half_angle if sign > 0 else sympy.pi - half_angle
        return sign * (sympy.pi / 2 - half_angle)
    if isinstance(node, sympy.Pow):
        coefficient, factors = sympy.factor_list(node.base, X)
        # unevaluated: sympy would split √(x²(x − 1)) into |x|·√(x − 1), which loses x = 0
        powers = [sympy.Pow(p, k, evaluate=False) for p, k in factors]
        factored = sympy.Mul(*([] if coefficient == 1 else [coefficient]), *powers, evaluate=False)
        return sympy.Pow(factored, node.exp, evaluate=False)
    constant, term, u, others = _cosine_pair(node)
    folded = 2 * constant * (sympy.sin(u / 2) ** 2 if term == -constant else sympy.cos(u / 2) ** 2)
    return sympy.Add(folded, *others)


def _even_root(node: sympy.Pow) -> bool:
    exponent = node.exp
    return bool(exponent.is_Rational and not exponent.is_integer and exponent.q % 2 == 0)


def _factorable(base: sympy.Expr) -> bool:
    """A polynomial in x alone, of degree 2 to MAX_FACTOR_DEGREE, with a repeated factor."""
    if base.free_symbols != {X} or not base.is_Add or not base.is_polynomial(X):
        return False
    degree = sympy.degree(base, X)
    if not 2 <= degree <= MAX_FACTOR_DEGREE:
        return False
    return any(k > 1 for _, k in sympy.sqf_list(base, X)[1])


def _near_one(u: sympy.Expr) -> tuple[int, sympy.Expr] | None:
    """(s, p) with u = s·(1 − p) for s = ±1, where u is a sum with the constant ±1 and p varies."""
    if not u.is_Add:
        return None
    constant, rest = u.as_coeff_Add()
    if constant not in (1, -1) or not rest.free_symbols:
        return None
    return int(constant), -rest * constant


def _cosine_pair(node: sympy.Add):
    """(c, k, u, other terms) where the sum holds c and k·cos u with k = ±c, else None."""
    constant, rest = node.as_coeff_Add()
    if constant == 0:
        return None
    terms = sympy.Add.make_args(rest)
    for i, term in enumerate(terms):
        coefficient, factor = term.as_coeff_Mul()
        if isinstance(factor, sympy.cos) and factor.args[0].free_symbols and abs(coefficient) == abs(constant):
            return constant, coefficient, factor.args[0], terms[:i] + terms[i + 1:]
    return None
