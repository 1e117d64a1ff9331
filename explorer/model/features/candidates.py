"""Where on a sampled grid a derivative changes sign, is exactly zero, or is zero for a stretch.

Each row (f, f′, f″) is read only along segments the engine drew connected, so a sign change across
a pole (1/x at 0) or a jump is never taken for a root. A root the grid cannot see because its
neighbour is in the same cell (two roots 10⁻³ apart) is found by `hidden_brackets`: between two
roots of the next derivative the row is monotone, so its values there show every crossing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

#: Exact zeros of f′ on at least this many samples in a row: a constant stretch, not a root.
STRETCH_SAMPLES = 3


@dataclass
class RowScan:
    """One row's candidates on the grid: brackets to refine, exact roots, and zero stretches."""

    lo: list[float] = field(default_factory=list)
    hi: list[float] = field(default_factory=list)
    exact: list[float] = field(default_factory=list)
    #: (first, last) sample x of each run of exact zeros at least STRETCH_SAMPLES long.
    runs: list[tuple[float, float]] = field(default_factory=list)


def scan_row(x: np.ndarray, v: np.ndarray, connected: np.ndarray, level: int) -> RowScan:
    """Candidates of row `level` (0 = f) sampled as v on x, drawn where `connected` (per segment)."""
    scan = RowScan()
    with np.errstate(invalid="ignore"):
        s = np.sign(v)
    crossing = np.flatnonzero(connected[:-1] & (s[:-1] * s[1:] < 0))
    scan.lo += x[crossing].tolist()
    scan.hi += x[crossing + 1].tolist()
    zeros = np.flatnonzero(v == 0)
    if not len(zeros):
        return scan
    starts = zeros[np.r_[True, np.diff(zeros) > 1]]
    ends = zeros[np.r_[np.diff(zeros) > 1, True]]
    n = len(x)
    for a, b in zip(starts.tolist(), ends.tolist()):
        length = b - a + 1
        if length >= STRETCH_SAMPLES:
            if level == 1:
                scan.runs.append((float(x[a]), float(x[b])))
            continue
        p, q = a - 1, b + 1
        inside = p >= 0 and q < n and bool(connected[p:b + 1].all()) and s[p] * s[q] != 0
        if level == 0 and length == 1:
            scan.exact.append(float(x[a]))      # f(x) = 0 exactly: a zero, crossing or touching
        elif inside and s[p] != s[q]:
            if length == 1:
                scan.exact.append(float(x[a]))
            else:
                scan.lo.append(float(x[p]))
                scan.hi.append(float(x[q]))
    return scan


def hidden_brackets(x: np.ndarray, v: np.ndarray, connected: np.ndarray, roots: np.ndarray,
                    at_roots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Brackets of sign changes of a row inside grid cells whose two ends have the same sign, seen
    through its values `at_roots` at the roots of the next derivative inside those cells."""
    lo, hi = [], []
    if not len(roots):
        return np.array(lo), np.array(hi)
    cells = np.searchsorted(x, roots, side="right") - 1
    order = np.argsort(roots)
    by_cell: dict[int, list[tuple[float, float]]] = {}
    for j in order.tolist():
        i = int(cells[j])
        if 0 <= i < len(x) - 1 and connected[i] and np.isfinite(at_roots[j]):
            by_cell.setdefault(i, []).append((float(roots[j]), float(at_roots[j])))
    for i, inner in by_cell.items():
        if not (v[i] * v[i + 1] > 0):
            continue  # a bracket of the grid already, or an exact zero at a sample
        points = [(float(x[i]), float(v[i])), *inner, (float(x[i + 1]), float(v[i + 1]))]
        for (xa, va), (xb, vb) in zip(points, points[1:]):
            if va * vb < 0:
                lo.append(xa)
                hi.append(xb)
    return np.array(lo), np.array(hi)
