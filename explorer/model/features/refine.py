"""Roots refined to the last bit of a double: a bracket is cut into sections in the order of the
floats themselves, not of the reals.

Why the floats' order: halving the real interval stalls near 0 (from 10⁻³ to the smallest double is
a thousand halvings) and never lands on 0 itself, while a root at 0 (x³, |x| at 0) must come out as
0 exactly for the special-point check to recognise it. Every double has an integer key that orders
it (`float_keys`); cutting the keys into SECTIONS pieces ROUNDS times reaches two neighbouring
doubles from any bracket of one sign, in one batched evaluation per round.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: Pieces per round; 64⁻¹¹ ≥ 2⁻⁶³ covers the keys of any bracket that does not contain 0.
SECTIONS = 64
ROUNDS = 11
_MAGNITUDE = np.int64(0x7FFFFFFFFFFFFFFF)

#: values(points, owners): a function's values at points (m, p), row i belonging to bracket owners[i]
#: (brackets may each follow a function of their own: f, f′ or f″). NaN where it does not exist.
Values = Callable[[np.ndarray, np.ndarray], np.ndarray]


def float_keys(x: np.ndarray) -> np.ndarray:
    """Integer keys in the order of the doubles x (−0.0 and 0.0 share key 0)."""
    bits = np.asarray(x, dtype=np.float64).view(np.int64)
    return np.where(bits < 0, -(bits & _MAGNITUDE), bits)


def from_keys(keys: np.ndarray) -> np.ndarray:
    """The doubles of `float_keys`' integers."""
    keys = np.asarray(keys, dtype=np.int64)
    return np.where(keys < 0, -np.abs(keys).view(np.float64), keys.view(np.float64))


def _sign(values: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.sign(values)


def refine_roots(values: Values, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The double in each bracket [lo, hi] (values of opposite signs at the ends, or 0 at one) where
    `values` changes sign, to a neighbouring double: the one of the last two with the smaller
    |value|, or a point where it is exactly 0. NaN inside a bracket counts as no change."""
    lo, hi = np.array(lo, dtype=np.float64), np.array(hi, dtype=np.float64)
    if not len(lo):
        return lo
    ends = values(np.stack([lo, hi], axis=1), np.arange(len(lo)))
    lo_value, hi_value = ends[:, 0].copy(), ends[:, 1].copy()
    root = np.full(len(lo), np.nan)
    at_hi = (hi_value == 0) & (lo_value != 0)
    root[lo_value == 0], root[at_hi] = lo[lo_value == 0], hi[at_hi]
    # A bracket around 0: look at 0 itself first, so that every bracket after has one sign of keys.
    across = np.isnan(root) & (lo < 0) & (hi > 0)
    if across.any():
        index = np.flatnonzero(across)
        at_zero = values(np.zeros((len(index), 1)), index)[:, 0]
        root[index[at_zero == 0]] = 0.0
        left = at_zero != 0
        same = _sign(at_zero) == _sign(lo_value[index])
        lo[index[left & same]], lo_value[index[left & same]] = 0.0, at_zero[left & same]
        hi[index[left & ~same]], hi_value[index[left & ~same]] = 0.0, at_zero[left & ~same]
    k_lo, k_hi = float_keys(lo), float_keys(hi)
    steps = np.arange(1, SECTIONS, dtype=np.int64)
    for _ in range(ROUNDS):
        open_ = np.flatnonzero(np.isnan(root) & (k_hi - k_lo > 1))
        if not len(open_):
            break
        a, width = k_lo[open_], k_hi[open_] - k_lo[open_]
        keys = a[:, None] + (width // SECTIONS)[:, None] * steps + ((width % SECTIONS)[:, None] * steps) // SECTIONS
        keys = np.minimum(keys, k_hi[open_][:, None])
        points = from_keys(keys)
        v = values(points, open_)
        side = _sign(v)
        changed = (side != _sign(lo_value[open_])[:, None]) & ~np.isnan(side)
        hit = changed.any(axis=1)
        first = np.where(hit, changed.argmax(axis=1), SECTIONS - 2)
        rows = np.arange(len(open_))
        exact = hit & (v[rows, first] == 0)
        root[open_[exact]] = points[rows, first][exact]
        moved_hi = hit & ~exact
        k_hi[open_[moved_hi]] = keys[rows, first][moved_hi]
        hi_value[open_[moved_hi]] = v[rows, first][moved_hi]
        new_lo = np.where(hit, first - 1, SECTIONS - 2)
        moved_lo = new_lo >= 0
        k_lo[open_[moved_lo]] = keys[rows, new_lo.clip(min=0)][moved_lo]
        lo_value[open_[moved_lo]] = v[rows, new_lo.clip(min=0)][moved_lo]
    pending = np.isnan(root)
    lo_x, hi_x = from_keys(k_lo), from_keys(k_hi)
    with np.errstate(invalid="ignore"):
        pick_hi = np.abs(hi_value) < np.abs(lo_value)
    root[pending] = np.where(pick_hi, hi_x, lo_x)[pending]
    return root
