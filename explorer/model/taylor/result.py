"""A Taylor polynomial's plain result: coefficients (or one-sided ones), its kind, the radius
estimate, and, for drawing, Tₙ and |f − Tₙ| sampled on the plot's grid. No torch, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np


class TaylorKind(StrEnum):
    """What f does at x₀, as far as a Taylor polynomial is concerned. The str values are part of
    the command line's JSON. Every PointKind (readings.py) but smooth keeps its name."""

    SMOOTH = "smooth"                # both sides have the same coefficients to the degree asked
    #: f′ exists but a higher derivative breaks (|x|³ at 0: f‴ jumps): the sides agree only up to
    #: `TaylorExpansion.smooth_degree`.
    HIGHER_CORNER = "higher_corner"
    CORNER = "corner"
    CUSP = "cusp"
    VERTICAL = "vertical"
    UNDEFINED = "undefined"
    DISCONTINUOUS = "discontinuous"


@dataclass(frozen=True)
class Radius:
    """An estimate of the radius of convergence from the coefficients: `value` (math.inf for a
    polynomial or an entire-looking series), or None where none can be made; `note` says how it
    was estimated and how far to trust it (the caveat the window shows beside it)."""

    value: float | None
    note: str


@dataclass(frozen=True, eq=False)
class TaylorCurve:
    """Tₙ and |f − Tₙ| on the grid x (the request's x-range and samples), NaN where they do not
    exist (a side without a polynomial, f undefined); and the interval around x₀ where
    |f − Tₙ| < tolerance, as far as the grid tells (None when x₀ is not in one)."""

    x: np.ndarray
    polynomial: np.ndarray
    error: np.ndarray
    tolerance: float
    interval: tuple[float, float] | None


@dataclass(frozen=True, eq=False)
class TaylorExpansion:
    """Tₙ at x₀. `coefficients` c₀ … c_degree where f is smooth there (to the degree asked), else
    None; `left` / `right` the one-sided polynomials' coefficients where f is not smooth (None for
    a side that has none: outside the domain, a vertical side, a fractional power); both None at a
    smooth point."""

    x0: float
    degree: int
    kind: TaylorKind
    coefficients: tuple[float, ...] | None
    left: tuple[float, ...] | None = None
    right: tuple[float, ...] | None = None
    #: The highest k for which c_k is the same from both sides (degree at a smooth point, -1 where
    #: there are no two sides to compare).
    smooth_degree: int = -1
    radius: Radius = Radius(None, "no estimate")
    curve: TaylorCurve | None = None

    def side(self, direction: int) -> tuple[float, ...] | None:
        """The coefficients that hold for x on one side of x₀ (direction -1 left, +1 right)."""
        if self.coefficients is not None:
            return self.coefficients
        return self.left if direction < 0 else self.right
