"""The Taylor panel: the tool's switch, its degree (0 … 20, labelled "degree": "order" would read as
the derivative's order), the error curve's switch and tolerance; Tₙ written out, what kind of point
x₀ is, and the radius estimate with its caveat. Emits what the user chose; shows what it is given."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from explorer.model.taylor.request import MAX_DEGREE
from explorer.views.taylor_text import expansion_lines, radius_text


class TaylorPanel(QWidget):
    shown_toggled = Signal(bool)
    degree_changed = Signal(int)
    error_toggled = Signal(bool)
    tolerance_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.show_box = QCheckBox("Taylor polynomial Tₙ", self)
        self.show_box.setObjectName("taylorShowBox")
        self.show_box.setAccessibleName("Show the Taylor polynomial")
        self.degree_box = QSpinBox(self)
        self.degree_box.setObjectName("taylorDegreeBox")
        self.degree_box.setAccessibleName("Degree of the Taylor polynomial")
        self.degree_box.setRange(0, MAX_DEGREE)
        self.degree_box.setToolTip("The degree n of Tₙ: 1 is the tangent line, 2 the osculating parabola")
        self.error_box = QCheckBox("error |f − Tₙ| (log scale)", self)
        self.error_box.setObjectName("taylorErrorBox")
        self.error_box.setAccessibleName("Show the error of the Taylor polynomial")
        self.tolerance_box = QDoubleSpinBox(self)
        self.tolerance_box.setObjectName("taylorToleranceBox")
        self.tolerance_box.setAccessibleName("Tolerance of the shaded interval")
        self.tolerance_box.setDecimals(10)
        self.tolerance_box.setRange(1e-10, 10.0)
        self.tolerance_box.setSingleStep(1e-4)
        self.formula = QLabel(self)
        self.formula.setObjectName("taylorFormula")
        self.formula.setWordWrap(True)
        self.radius = QLabel(self)
        self.radius.setObjectName("taylorRadius")
        self.radius.setWordWrap(True)
        form = QFormLayout()
        form.addRow("degree", self.degree_box)
        form.addRow("tolerance", self.tolerance_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.show_box)
        layout.addLayout(form)
        layout.addWidget(self.error_box)
        layout.addWidget(self.formula)
        layout.addWidget(self.radius)
        self.show_box.toggled.connect(self.shown_toggled)
        self.degree_box.valueChanged.connect(self.degree_changed)
        self.error_box.toggled.connect(self.error_toggled)
        self.tolerance_box.editingFinished.connect(lambda: self.tolerance_changed.emit(self.tolerance_box.value()))

    def show_state(self, shown: bool, degree: int, error: bool, tolerance: float) -> None:
        for box, setter, value in ((self.show_box, "setChecked", shown), (self.degree_box, "setValue", degree),
                                   (self.error_box, "setChecked", error), (self.tolerance_box, "setValue", tolerance)):
            box.blockSignals(True)  # showing the state is no user's choice: nothing is emitted
            getattr(box, setter)(value)
            box.blockSignals(False)
        for widget in (self.degree_box, self.error_box, self.tolerance_box, self.formula, self.radius):
            widget.setEnabled(shown)
        if not shown:
            self.formula.setText("")
            self.radius.setText("")

    def show_expansion(self, expansion) -> None:
        """Tₙ written out, or what x₀ is where f is not smooth; the radius estimate."""
        if expansion is None or not self.show_box.isChecked():
            return
        self.formula.setText("\n".join(expansion_lines(expansion)))
        self.radius.setText(radius_text(expansion.radius))
