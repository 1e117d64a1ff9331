"""The sign charts of f′ and f″: one cell between consecutive boundaries, with the derivative's sign
read on the samples inside the cell and at its middle."""

from __future__ import annotations

import numpy as np

from explorer.model.features.result import FeatureKind as K
from explorer.model.features.result import Sign, SignInterval

#: Kinds that end a cell of the f′ chart, and of the f″ chart (besides the stretches' ends).
FIRST_BOUNDS = frozenset({K.MAXIMUM, K.MINIMUM, K.CORNER, K.CUSP, K.VERTICAL_TANGENT, K.HOLE, K.ASYMPTOTE,
                          K.JUMP, K.DOMAIN_EDGE})
SECOND_BOUNDS = frozenset({K.INFLECTION, K.CORNER, K.CUSP, K.VERTICAL_TANGENT, K.HOLE, K.ASYMPTOTE, K.JUMP,
                           K.DOMAIN_EDGE})


def cell_sign(values: np.ndarray) -> Sign:
    """The sign of a derivative over a cell from its values there: undefined if none exists, zero if
    all that exist are 0, else the sign most of the non-zero ones have."""
    finite = values[np.isfinite(values)]
    if not len(finite):
        return Sign.UNDEFINED
    if not finite.any():
        return Sign.ZERO
    return Sign.POSITIVE if (finite > 0).sum() >= (finite < 0).sum() else Sign.NEGATIVE


def boundaries(x_min: float, x_max: float, marks: list[tuple[float, bool]]) -> tuple[np.ndarray, list[bool]]:
    """Sorted cell edges from the interval's ends and (x, derivative undefined there) marks inside it."""
    inside: dict[float, bool] = {}
    for x, undefined in marks:
        if x_min < x < x_max:
            inside[x] = inside.get(x, False) or undefined
    ordered = sorted(inside)
    edges = np.array([x_min, *ordered, x_max])
    undefined = [inside[x] for x in ordered] + [False]
    return edges, undefined


def chart(edges: np.ndarray, ends_undefined: list[bool], grid_x: np.ndarray, grid_row: np.ndarray,
          middles: np.ndarray) -> tuple[SignInterval, ...]:
    """Cells between `edges`, each signed from the grid samples strictly inside it and its middle's
    value (`middles`, one per cell)."""
    cells = []
    first = np.searchsorted(grid_x, edges[:-1], side="right")
    last = np.searchsorted(grid_x, edges[1:], side="left")
    for i in range(len(edges) - 1):
        values = np.append(grid_row[first[i]:last[i]], middles[i])
        cells.append(SignInterval(float(edges[i]), float(edges[i + 1]), cell_sign(values), ends_undefined[i]))
    return tuple(cells)
