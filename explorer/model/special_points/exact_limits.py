"""One-sided limits of f and f′ decided exactly, where the numbers cannot decide them.

At a special point the probe reads each one-sided value and slope off f and f′ at x₀ ± h for h down
to 10⁻⁹·scale. Most sequences settle to rounding or shrink by a steady ratio (a power of h) that
extrapolates; an h·ln h does neither (f′ of x²·ln|x| is still 4·10⁻⁸ at h = 10⁻⁹, its limit 0;
√x·ln x is still −6.6·10⁻⁴). There sympy's limit from each side decides, within a deadline so
that a probe never waits long: a limit sympy has not found by then leaves the value undecided, and
is kept when it comes, for the next probe at the same point.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Mapping

import sympy

from explorer.model.function import X, parameter_symbol

#: Seconds a probe waits for sympy's limits. Those of the usual h·ln h take a few milliseconds.
DEADLINE_S = 0.5
#: Points whose exact slopes are kept (per function expression, point and parameter values).
CACHE_SIZE = 256

_lock = threading.Lock()
_cache: OrderedDict[tuple, tuple[float, float]] = OrderedDict()
#: The one computation under way, if any: a limit that runs past its deadline keeps running (a
#: thread cannot be stopped), and no second one starts beside it to share the interpreter.
_running: set[tuple] = set()


def exact_limits(expr: sympy.Expr, x: float, params: Mapping[str, float], order: int = 1,
                 deadline_s: float | None = None) -> tuple[float, float] | None:
    """(left, right): sympy's one-sided limits of f (order 0) or f′ (order 1) at the double x, the
    parameters at their values (each read exactly), as floats (±inf where it diverges, NaN where it
    has no limit); None where they were not found within the deadline."""
    key = (expr, order, float(x), tuple(sorted((name, float(v)) for name, v in params.items())))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        if _running:
            return None
        _running.add(key)
    worker = threading.Thread(target=_work, args=(key,), name="exact-limits", daemon=True)
    worker.start()
    worker.join(DEADLINE_S if deadline_s is None else deadline_s)
    with _lock:
        return _cache.get(key)


def _work(key: tuple) -> None:
    expr, order, x, params = key
    try:
        sides = _limits(expr, order, x, dict(params))
    except Exception:  # sympy gives up in many ways; an undecided slope is the honest answer
        sides = (math.nan, math.nan)
    with _lock:
        _running.discard(key)
        _cache[key] = sides
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _limits(expr: sympy.Expr, order: int, x: float, params: dict[str, float]) -> tuple[float, float]:
    exact = {parameter_symbol(name): sympy.Rational(value) for name, value in params.items()}
    row = sympy.diff(expr.subs(exact), X, order)
    at = sympy.Rational(x)
    return tuple(_as_float(sympy.limit(row, X, at, side)) for side in ("-", "+"))


def _as_float(value: sympy.Expr) -> float:
    if value == sympy.oo:
        return math.inf
    if value == -sympy.oo:
        return -math.inf
    if value.has(sympy.AccumBounds, sympy.zoo, sympy.nan) or value.is_real is not True:
        return math.nan
    return float(value)
