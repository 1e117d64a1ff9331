"""The whole user-visible state of one document, as an immutable value.

Undo keeps snapshots of it, `.slope` files store it, and the headless exporter renders it:
one value, three uses, no drift between them. Plain Python: no Qt, no torch.

It also holds the one bound on the numbers a document can show, used by the `.slope` reader, the
parameter panel and the command line alike: every coordinate (either end of an x- or y-range, x₀)
and every parameter value or slider end lies within ±MAX_MAGNITUDE (10^15), and a range is at least
`min_span` wide. Why these: at 10^15 a float64 still holds whole numbers exactly (its step there is
0.125) and the parameter boxes still show their three decimals in 20 characters; much wider, an
x-range's span overflows (±1e308 made an infinite span: a blank picture, NaN slider positions). A
range narrower than a billionth of the size of its ends (or 10^-12 near zero) leaves the plot's
float64 grid of thousands of points and its pixel positions too few digits to tell neighbouring
points apart (pyqtgraph itself widens spans below about 1e-15 of their size).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from explorer.app.secant_state import SecantSetting
from explorer.notation import format_number

DEFAULT_TEXT = "x^3 - 3x"
#: A new slider's value (jobs.py samples a parameter a job does not name at it, too).
NEW_PARAMETER_VALUE = 1.0
#: The largest |value| of a coordinate, x₀, parameter value or slider end (see the module's docstring).
MAX_MAGNITUDE = 1e15
#: The highest derivative whose curve a document shows, in the window, in `.slope` files and on the
#: command line alike: the product promises curves to f⁽⁶⁾, and the window has a box for each.
MAX_ORDER = 6
#: The narrowest range, as a fraction of the size of its larger end …
MIN_RELATIVE_SPAN = 1e-9
#: … and at the least (near zero).
MIN_SPAN = 1e-12


def value_problem(value: float) -> str | None:
    """Why a coordinate or parameter value cannot be shown (words to follow its name), or None."""
    if not math.isfinite(value):
        return "must be a finite number"
    if abs(value) > MAX_MAGNITUDE:
        bound = format_number(MAX_MAGNITUDE, ascii=True)
        return f"must lie between -{bound} and {bound}"
    return None


def min_span(low: float, high: float) -> float:
    """The narrowest a range with these ends may be."""
    return max(MIN_SPAN, MIN_RELATIVE_SPAN * max(abs(low), abs(high)))


def range_problem(low: float, high: float) -> str | None:
    """Why (low, high) cannot be shown as a range (words to follow its name), or None."""
    problem = value_problem(low) or value_problem(high)
    if problem is not None:
        return problem
    if not low < high:
        return "must go from a smaller to a larger number"
    if high - low < min_span(low, high):
        return f"is too narrow to show: make it at least {format_number(min_span(low, high), ascii=True)} wide"
    return None


def clamped(value: float) -> float:
    """A finite value moved within ±MAX_MAGNITUDE."""
    return min(max(value, -MAX_MAGNITUDE), MAX_MAGNITUDE)


def showable_range(low: float, high: float) -> tuple[float, float]:
    """The nearest range that can be shown to a finite one with low < high: its ends moved within
    ±MAX_MAGNITUDE and, where it is too narrow, widened about its centre to twice the narrowest
    (twice, so that rounding never leaves it a hair too narrow)."""
    low, high = clamped(low), clamped(high)
    span = min_span(low, high)
    if high - low < span:
        centre = (low + high) / 2
        low, high = centre - span, centre + span
    if high > MAX_MAGNITUDE:
        low, high = low - (high - MAX_MAGNITUDE), MAX_MAGNITUDE
    if low < -MAX_MAGNITUDE:
        low, high = -MAX_MAGNITUDE, high + (-MAX_MAGNITUDE - low)
    return low, high


#: The families of features the plot can mark, each with its own toggle (views/feature_markers.py
#: says which FeatureKind belongs to which): the values are those `.slope` files store.
FEATURE_FAMILIES = ("zeros", "extrema", "inflections", "non_differentiable", "discontinuities")
#: What the curve of f may be coloured by: nothing, the sign of f′ or the sign of f″.
CURVE_COLOURINGS = ("none", "first", "second")


@dataclass(frozen=True)
class ParameterSetting:
    """A parameter slider: its value and its editable range."""

    name: str
    value: float = NEW_PARAMETER_VALUE
    minimum: float = -5.0
    maximum: float = 5.0


@dataclass(frozen=True)
class DocumentState:
    """Everything a saved session or an undo step must restore."""

    text: str = DEFAULT_TEXT
    parameters: tuple[ParameterSetting, ...] = field(default=())
    x_range: tuple[float, float] = (-4.0, 4.0)
    #: None means "choose automatically" (robust against one huge value, as tan x has).
    y_range: tuple[float, float] | None = None
    #: The y-ranges chosen for stacked derivative plots, as sorted (order, (low, high)) pairs; a
    #: plot not listed takes its automatic range.
    stacked_y_ranges: tuple[tuple[int, tuple[float, float]], ...] = ()
    x0: float = 1.0
    #: Derivative orders whose curves are shown (1 = f′ … MAX_ORDER), sorted, without 0.
    orders: tuple[int, ...] = (1,)
    #: "overlay" (all curves on one plot) or "stacked" (one plot per order, shared x axis).
    layout: str = "overlay"
    show_tangent: bool = True
    #: The features tool: markers of zeros, extrema … on the plot and their list in the side panel.
    show_features: bool = False
    #: The feature families marked while the tool is shown (a subset of FEATURE_FAMILIES, in its order).
    feature_families: tuple[str, ...] = FEATURE_FAMILIES
    #: The sign charts of f′ and f″ under the plot (they come with the features tool).
    show_sign_charts: bool = False
    #: Colour f's curve by the sign of f′ ("first") or f″ ("second"), or not ("none").
    curve_colouring: str = "none"
    #: The Taylor tool (model/taylor/): shown or not, its degree (0 … 20), whether |f − Tₙ| is drawn,
    #: and the tolerance of the interval shaded where |f − Tₙ| is below it.
    show_taylor: bool = False
    taylor_degree: int = 3
    show_taylor_error: bool = False
    taylor_tolerance: float = 1e-3
    #: The secant tool (secant_state.py): shown or not, and its step h.
    secant: SecantSetting = SecantSetting()

    @property
    def features_needed(self) -> bool:
        """Whether the engine must find the features with the curves: the tool or a chart shows them."""
        return self.show_features or self.show_sign_charts or self.curve_colouring != "none"

    @property
    def taylor_settings(self) -> tuple[bool, int, bool, float]:
        """The Taylor tool's part of the state (shown, degree, error curve, tolerance): what its
        readings and its view change with."""
        return self.show_taylor, self.taylor_degree, self.show_taylor_error, self.taylor_tolerance

    def parameter_values(self) -> dict[str, float]:
        return {p.name: p.value for p in self.parameters}
