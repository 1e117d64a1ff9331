"""The readout: x₀ (typed or stepped with the arrow keys), f(x₀), the slope, the tangent's equation,
the shown derivatives at x₀ and ∂f/∂p for each parameter. Text only, from a PointReading.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QWidget

from explorer.notation import derivative_name, format_number
from explorer.views.formatting import (
    partial_sentence,
    slope_sentence,
    tangent_sentence,
    value_line,
    x_partial_sentence,
)
from explorer.views.number_box import NumberBox
from explorer.views.steady_lines import SteadyLines
from explorer.views.steady_text import SteadyText

X0_LIMIT = 1e9
X0 = "x\u2080"


class ReadoutPanel(QWidget):
    """`x0_edited(float)` when the student types or steps x₀ (`pi/2` and the like: a NumberBox, whose
    `refused(str)` says why a text was not taken)."""

    x0_edited = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.x0_box = NumberBox(self)
        self.x0_box.setObjectName("x0Box")
        self.x0_box.setAccessibleName("x\u2080, the point of tangency")
        self.x0_box.setRange(-X0_LIMIT, X0_LIMIT)
        self.x0_box.setSingleStep(0.1)
        self.x0_box.setMaximumWidth(140)
        self.x0_box.valueChanged.connect(self.x0_edited)
        self._value = SteadyText("valueLabel", "Value of f at x\u2080", self)
        self._slope = SteadyText("slopeLabel", "Slope at x\u2080", self)
        self._tangent = SteadyText("tangentLabel", "Tangent line", self)
        # Several lines each, spaced as the rows around them (SteadyLines).
        self._derivatives = SteadyLines("derivativesLabel", "Derivatives at x\u2080", self)
        self._partials = SteadyLines("partialsLabel", "Partial derivatives at x\u2080", self)
        self.value_label, self.slope_label, self.tangent_label = (
            line.label for line in (self._value, self._slope, self._tangent))
        self.derivatives_label, self.partials_label = self._derivatives, self._partials
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("x\u2080 =", self.x0_box)
        for line in (self._value, self._slope, self._tangent, self._derivatives, self._partials):
            form.addRow(line)
        for lines in (self._derivatives, self._partials):
            lines.set_spacing(form.verticalSpacing())
        self._orders: tuple[int, ...] = ()
        self._parameters: tuple[str, ...] = ()

    def set_rows(self, orders: tuple[int, ...], parameters: tuple[str, ...]) -> None:
        """List f⁽ᵏ⁾(x₀) for these derivative orders (those with a curve shown), and ∂f/∂p for these
        parameters. The rows are laid out at once, with "…" until the next reading fills them:
        the panel then takes its new shape while the engine computes, not after."""
        orders, parameters = tuple(orders), tuple(parameters)
        if (orders, parameters) == (self._orders, self._parameters):
            return
        self._orders, self._parameters = orders, parameters
        higher = [derivative_name(k, X0) + " = \u2026" for k in orders if k >= 2]
        self._derivatives.set_text("\n".join(higher))
        self._derivatives.setVisible(bool(higher))
        partials = [f"\u2202f/\u2202{name} = \u2026" for name in ("x", *parameters)]
        self._partials.set_text("\n".join(partials))
        self._partials.setVisible(bool(parameters))

    def set_x0(self, x0: float) -> None:
        """Show x₀ from the document without echoing it back as an edit."""
        if self.x0_box.value() != x0:
            self.x0_box.blockSignals(True)
            self.x0_box.setValue(x0)
            self.x0_box.blockSignals(False)

    def show_reading(self, reading) -> None:
        x = format_number(reading.x)
        self.set_x0(reading.x)
        self._value.set_text(value_line(f"f({x})", reading, 0))
        self._slope.set_text(slope_sentence(reading))
        self._tangent.set_text(tangent_sentence(reading))
        higher = [value_line(derivative_name(k, x), reading, k) for k in self._orders if 2 <= k < len(reading.values)]
        self._derivatives.set_text("\n".join(higher))
        self._derivatives.setVisible(bool(higher))
        partials = [x_partial_sentence(reading)] + [partial_sentence(reading, name) for name in reading.partials]
        self._partials.set_text("\n".join(partials))
        self._partials.setVisible(bool(reading.partials))
