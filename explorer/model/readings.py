"""Plain results of the engine: what views draw and what tests check. No torch, no Qt."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np


class PointKind(StrEnum):
    """What the derivative does at a point. The str values are part of the public API."""

    SMOOTH = "smooth"                # f′ exists; values[1] is it
    CORNER = "corner"                # finite one-sided slopes that differ (|x| at 0)
    CUSP = "cusp"                    # one-sided slopes ±∞ of opposite signs (x^(2/3) at 0)
    VERTICAL = "vertical"            # vertical tangent: slope +∞ or −∞ from both sides (x^(1/3) at 0),
    #                                  or from one side at a domain edge (√x at 0)
    UNDEFINED = "undefined"          # f itself does not exist here (ln x at −1, tan x at π/2)
    DISCONTINUOUS = "discontinuous"  # f jumps here (sign x at 0, floor x at 1)


@dataclass(frozen=True)
class PointReading:
    """f and its derivatives at one x, with what the derivative really does there."""

    x: float
    #: f(x), f′(x), f″(x)… up to the order asked; NaN where a value does not exist or is beyond
    #: double precision (f′ of 1/x at 10⁻³⁰⁰ is −10⁶⁰⁰).
    values: tuple[float, ...]
    kind: PointKind
    #: One-sided limits of the slope; ±inf for a vertical side, NaN where that side is undefined.
    left_slope: float = math.nan
    right_slope: float = math.nan
    #: ∂f/∂p at the point for each parameter p, in the function's parameter order.
    partials: dict[str, float] = field(default_factory=dict)
    #: Tₙ at x (a model.taylor.TaylorExpansion) where the probe asked for one, else None.
    taylor: object = None
    #: The secant tool's data at x (model/secant.py: SecantReading), where it was asked for.
    secant: object = None
    #: One-sided limits of f itself: ±inf for a side that diverges, NaN for a side that has none.
    #: Where f is undefined they say what is there: a hole (x/x at 0: both 1), a pole, a jump.
    left_value: float = math.nan
    right_value: float = math.nan
    #: Where a guard is at its special point in a parameter's direction (|a x| at a = 0), what ∂f/∂p
    #: does along p, as f′ along x: its kind there (CORNER: the one-sided values differ; DISCONTINUOUS:
    #: f jumps as p moves …) and the one-sided limits of ∂f/∂p along p. `partials[p]` is NaN where
    #: that kind is not SMOOTH. Parameters at no special point are not listed.
    partial_kinds: dict[str, PointKind] = field(default_factory=dict)
    partial_sides: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: Why a one-sided slope is NaN though f exists on that side, where it is: its numbers had not
    #: settled (h·ln h) and no exact limit was found in time. Empty where every slope was decided.
    undecided: str = ""
    #: f, f′ … that exist but lie beyond double precision, as decimal text by order (e^x at 800:
    #: {0: "2.72637e+347", 1: "2.72637e+347"}); their `values` are NaN. Empty elsewhere.
    beyond: dict[int, str] = field(default_factory=dict)

    @property
    def value(self) -> float:
        return self.values[0]

    @property
    def slope(self) -> float:
        """f′(x) where it exists, NaN otherwise (never the number autograd happens to return)."""
        return self.values[1] if len(self.values) > 1 else math.nan


@dataclass(frozen=True, eq=False)
class DomainEdges:
    """Points beside f's domain edges that fall between samples (model/domain_edges.py), so a curve
    is drawn up to its edge: edge j lies in segment `segment[j]` (between samples i and i+1), on the
    side of sample i when `after[j]` (f exists left of it), else on that of i+1. `values[k, j]` is
    row k there (NaN where it does not exist)."""

    x: np.ndarray
    values: np.ndarray
    segment: np.ndarray
    after: np.ndarray


@dataclass(frozen=True, eq=False)
class CurveSet:
    """f and its derivatives sampled on one grid, ready to draw.

    `values[..., k, i]` is the k-th derivative at `x[i]` (NaN where it does not exist);
    `connected[..., k, i]` says whether the segment from sample i to i+1 of row k is drawn
    (False across a pole or a jump; the last column is always False). A leading batch axis
    is present when the engine was given a batch of parameter values.
    """

    x: np.ndarray
    values: np.ndarray
    connected: np.ndarray
    #: The parameter values used (scalars, or 1-D arrays for a batch).
    params: dict[str, float | np.ndarray] = field(default_factory=dict)
    #: Where a row changes faster than the grid can follow, the band it spans (model/resolution.py):
    #: `unresolved[k, i]` for the segment from sample i to i+1, `low`/`high` its lowest and highest
    #: value (NaN elsewhere). None where every segment is resolved, and for a batch.
    unresolved: np.ndarray | None = None
    low: np.ndarray | None = None
    high: np.ndarray | None = None
    #: Points at f's domain edges between samples, drawn with the line (None where there are none).
    edges: DomainEdges | None = None

    @property
    def order(self) -> int:
        return self.values.shape[-2] - 1
