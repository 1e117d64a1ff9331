"""The whole user-visible state of one document, as an immutable value.

Undo keeps snapshots of it, `.slope` files store it, and the headless exporter renders it:
one value, three uses, no drift between them. Plain Python: no Qt, no torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_TEXT = "x^3 - 3x"
#: A new slider's value (jobs.py samples a parameter a job does not name at it, too).
NEW_PARAMETER_VALUE = 1.0


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
    #: Derivative orders whose curves are shown (1 = f′ …), sorted, without 0.
    orders: tuple[int, ...] = (1,)
    #: "overlay" (all curves on one plot) or "stacked" (one plot per order, shared x axis).
    layout: str = "overlay"
    show_tangent: bool = True

    def parameter_values(self) -> dict[str, float]:
        return {p.name: p.value for p in self.parameters}
