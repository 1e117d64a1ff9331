"""What a feature search returns, as plain values: the window draws them, the command line prints
them, the tests check them. No torch, no sympy, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FeatureKind(StrEnum):
    """The kinds of a feature. The str values are part of the command line's JSON contract."""

    ZERO = "zero"
    MAXIMUM = "maximum"                    # local, by the first-derivative sign test (corners and cusps too)
    MINIMUM = "minimum"
    INFLECTION = "inflection"              # concavity changes (x^(1/3) at 0 too, with a vertical tangent)
    CORNER = "corner"
    CUSP = "cusp"
    VERTICAL_TANGENT = "vertical_tangent"
    HOLE = "hole"                          # removable: f undefined where the limit exists; never a zero
    ASYMPTOTE = "asymptote"                # a pole; never an extremum
    JUMP = "jump"
    DOMAIN_EDGE = "domain_edge"            # sqrt x at 0


@dataclass(frozen=True)
class Feature:
    """One x and everything that happens there (|x| at 0 is a zero, a minimum and a corner)."""

    x: float
    #: f(x); None where f is undefined (a hole, an asymptote, outside a domain edge).
    y: float | None
    kinds: tuple[FeatureKind, ...]
    #: One-sided slopes where they differ (a corner, a cusp: ±inf), else None.
    left_slope: float | None = None
    right_slope: float | None = None
    #: x in exact form where sympy confirms one cheaply ("1/3", "pi/2"), else None.
    exact: str | None = None
    #: Whether x is an end of the interval searched (an extremum there is one-sided).
    endpoint: bool = False
    #: For a hole: the limit of f there (where the open circle is drawn); for a jump: f's one-sided
    #: limits (left, right). None where they do not apply.
    limit: float | None = None
    left_limit: float | None = None
    right_limit: float | None = None


@dataclass(frozen=True)
class Stretch:
    """An interval on which f is constant (|x| + |x − 2| on [0, 2]): reported once, as a stretch,
    not as infinitely many extrema."""

    x_start: float
    x_end: float
    y: float


class Sign(StrEnum):
    """The sign of f′ or f″ on an interval of a sign chart."""

    POSITIVE = "+"
    NEGATIVE = "-"
    ZERO = "0"          # identically zero on the interval (a constant stretch, a line's f″)
    UNDEFINED = "undefined"  # f (or the derivative) does not exist on the interval


@dataclass(frozen=True)
class SignInterval:
    """One cell of a sign chart: the derivative's sign between two boundaries. A boundary where the
    derivative does not exist (|x| at 0 for f′) is marked by `ends_undefined` on the cell left of it."""

    x_start: float
    x_end: float
    sign: Sign
    #: Whether the derivative does not exist at x_end (drawn ‖ on the chart).
    ends_undefined: bool = False


@dataclass(frozen=True)
class FeatureSet:
    """Every feature of f on [x_min, x_max], sorted by x, with the constant stretches and the sign
    charts of f′ (`first`) and f″ (`second`), whose boundaries are exactly at the features."""

    x_min: float
    x_max: float
    features: tuple[Feature, ...]
    stretches: tuple[Stretch, ...] = ()
    first: tuple[SignInterval, ...] = ()
    second: tuple[SignInterval, ...] = ()
    #: A sentence for the student when the search may have missed something (e.g. zeros closer
    #: together than the grid can see), else None.
    caveat: str | None = None
