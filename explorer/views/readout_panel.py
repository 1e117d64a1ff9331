"""The readout: x₀ (typed or stepped with the arrow keys), f(x₀), the slope, the tangent's equation,
the shown derivatives at x₀ and ∂f/∂p for each parameter. Text only, from a PointReading.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QWidget

from explorer.views.formatting import derivative_name, format_number, slope_sentence, tangent_sentence

X0_LIMIT = 1e9


class ReadoutPanel(QWidget):
    """`x0_edited(float)` when the student types or steps x₀."""

    x0_edited = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.x0_box = QDoubleSpinBox(self)
        self.x0_box.setObjectName("x0Box")
        self.x0_box.setAccessibleName("x\u2080, the point of tangency")
        self.x0_box.setRange(-X0_LIMIT, X0_LIMIT)
        self.x0_box.setDecimals(4)
        self.x0_box.setSingleStep(0.1)
        self.x0_box.setMaximumWidth(140)
        self.x0_box.setKeyboardTracking(False)  # typed digits commit on Enter; arrows step at once
        self.x0_box.valueChanged.connect(self.x0_edited)
        self.value_label = self._label("valueLabel", "Value of f at x\u2080")
        self.slope_label = self._label("slopeLabel", "Slope at x\u2080")
        self.tangent_label = self._label("tangentLabel", "Tangent line")
        self.derivatives_label = self._label("derivativesLabel", "Derivatives at x\u2080")
        self.partials_label = self._label("partialsLabel", "Partial derivatives at x\u2080")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("x\u2080 =", self.x0_box)
        for label in (self.value_label, self.slope_label, self.tangent_label,
                      self.derivatives_label, self.partials_label):
            form.addRow(label)
        self._orders: tuple[int, ...] = ()

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def set_orders(self, orders: tuple[int, ...]) -> None:
        """Derivative orders whose values at x₀ are listed (those with a curve shown)."""
        self._orders = tuple(orders)

    def set_x0(self, x0: float) -> None:
        """Show x₀ from the document without echoing it back as an edit."""
        if abs(self.x0_box.value() - x0) > 0.5 * 10.0 ** -self.x0_box.decimals():
            self.x0_box.blockSignals(True)
            self.x0_box.setValue(x0)
            self.x0_box.blockSignals(False)

    def show_reading(self, reading) -> None:
        x = format_number(reading.x)
        self.set_x0(reading.x)
        self.value_label.setText(f"f({x}) = {format_number(reading.value)}")
        self.slope_label.setText(slope_sentence(reading))
        self.tangent_label.setText(tangent_sentence(reading))
        higher = [f"{derivative_name(k, x)} = {format_number(reading.values[k])}"
                  for k in self._orders if 2 <= k < len(reading.values)]
        self.derivatives_label.setText("\n".join(higher))
        self.derivatives_label.setVisible(bool(higher))
        partials = [f"\u2202f/\u2202x = {format_number(reading.slope)}"] + [
            f"\u2202f/\u2202{name} = {format_number(value)}" for name, value in reading.partials.items()]
        self.partials_label.setText("\n".join(partials))
        self.partials_label.setVisible(bool(reading.partials))
