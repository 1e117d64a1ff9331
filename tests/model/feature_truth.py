"""Independent truth for the feature battery: sympy's exact solve where it gives a finite set, else
mpmath at 30 digits (sign changes on a fine grid, refined by bisection). Nothing here imports the
search under test.

A function's smooth features (zeros, roots of f′ and f″ where they change sign) come from here;
its special points (corners, holes, asymptotes …) are written in the battery by hand, with exact x.
"""

from __future__ import annotations

import mpmath
import sympy

X = sympy.Symbol("x", real=True)
DIGITS = 30
GRID = 3000
#: Roots of f′ or f″ this close to a declared special point are that point (sin(x)/x at 0).
SPECIAL_RADIUS = 1e-6


def _real_value(function, point):
    try:
        value = function(point)
    except (ZeroDivisionError, ValueError, OverflowError):
        return None
    value = mpmath.mpmathify(value)
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > mpmath.mpf(10) ** (5 - DIGITS):
            return None
        value = value.real
    return value if mpmath.isfinite(value) else None


def _exact_roots(g: sympy.Expr, a: float, b: float) -> list[mpmath.mpf] | None:
    try:
        found = sympy.solveset(g, X, sympy.Interval.open(a, b))
    except (NotImplementedError, ValueError, TypeError):
        return None
    if not isinstance(found, sympy.FiniteSet):
        return None
    roots = []
    for root in found:
        value = sympy.N(root, DIGITS)
        if not value.is_real:
            return None
        roots.append(mpmath.mpf(str(value)))
    return roots


def _numeric_roots(g: sympy.Expr, a: float, b: float) -> list[mpmath.mpf]:
    function = sympy.lambdify(X, g, modules="mpmath")
    points = [mpmath.mpf(a) + (mpmath.mpf(b) - a) * i / GRID for i in range(GRID + 1)]
    values = [_real_value(function, p) for p in points]
    roots = []
    for (p, u), (q, v) in zip(zip(points, values), zip(points[1:], values[1:])):
        if u is None or v is None:
            continue
        if u == 0:
            roots.append(p)
        elif u * v < 0:
            lo, hi = p, q
            for _ in range(120):
                mid = (lo + hi) / 2
                m = _real_value(function, mid)
                if m is None:
                    break
                if (m < 0) == (u < 0):
                    lo = mid
                else:
                    hi = mid
            # a pole between two samples is no root: g must be small there
            m = _real_value(function, (lo + hi) / 2)
            if m is not None and abs(m) < mpmath.mpf(10) ** -8 * (abs(u) + abs(v)):
                roots.append((lo + hi) / 2)
    return roots


def _changes_sign(g, root) -> int:
    """+1 for − to +, −1 for + to −, 0 for no change (a touch), at 30 digits, 10⁻⁹ either side."""
    delta = mpmath.mpf(10) ** -9
    function = sympy.lambdify(X, g, modules="mpmath")
    left, right = _real_value(function, root - delta), _real_value(function, root + delta)
    if left is None or right is None or left * right >= 0:
        return 0
    return 1 if right > 0 else -1


def smooth_features(expr: sympy.Expr, a: float, b: float, specials: list[float]) -> dict[float, set[str]]:
    """x -> kinds of the zeros, extrema and inflections of expr on (a, b), away from `specials`."""
    mpmath.mp.dps = DIGITS
    found: dict[float, set[str]] = {}

    def add(root, kind):
        x = float(root)
        if any(abs(x - s) <= SPECIAL_RADIUS for s in specials) or not a < x < b:
            return
        key = next((k for k in found if abs(k - x) <= 1e-9 * max(1.0, abs(x))), x)
        found.setdefault(key, set()).add(kind)

    f = sympy.lambdify(X, expr, modules="mpmath")
    for k in range(3):
        # away from the declared special points DiracDelta (from |u|″) is 0
        g = sympy.simplify(sympy.diff(expr, X, k).replace(lambda e: isinstance(e, sympy.DiracDelta),
                                                          lambda e: sympy.S.Zero))
        if g.is_zero or X not in g.free_symbols:
            continue
        roots = _exact_roots(g, a, b)
        if roots is None:
            roots = _numeric_roots(g, a, b)
        for root in roots:
            if k == 0:
                add(root, "zero")
                continue
            turn = _changes_sign(g, root)
            if not turn:
                continue
            if k == 2:
                add(root, "inflection")
                continue
            add(root, "minimum" if turn > 0 else "maximum")
            value = _real_value(f, root)
            if value is not None and abs(value) < mpmath.mpf(10) ** (8 - DIGITS):
                add(root, "zero")
    return found
