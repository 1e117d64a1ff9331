"""The secant tool's panel: h on a logarithmic scale (with its sign), the "h → 0" animation, the
three difference quotients beside the exact f′(x₀) with each one's error, what the quotients do
where f′(x₀) does not exist, and the h table to copy or save as CSV. Text from a SecantReading
(model/secant.py); the animation only steps the h it asks the session for, on a timer."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QWidget,
)

from explorer.notation import format_number
from explorer.views.steady_text import SteadyText

#: Slider positions per decade of |h|; the slider spans 10⁻¹⁵ up to the view's width.
STEPS_PER_DECADE = 20
MIN_EXPONENT = -15
#: The animation divides |h| by 10^(1/ANIMATION_STEPS_PER_DECADE) every ANIMATION_MS.
ANIMATION_STEPS_PER_DECADE = 6
ANIMATION_MS = 80


def _n(value: float) -> str:
    return format_number(value, 6) if math.isfinite(value) else "undefined"


def _exponent(p: float) -> str:
    return format_number(p, 3)


def behaviour_sentence(secant) -> str:
    """What the quotients do as h → 0, in words, where f′(x₀) does not exist ("" where it does)."""
    kind = secant.kind.value
    if kind == "smooth":
        return ""
    if kind == "corner":
        return (f"limit does not exist: left {_n(secant.left_slope)}, right {_n(secant.right_slope)} "
                "(backward and forward quotients settle on different values)")
    if kind == "undefined":
        return "f(x\u2080) is undefined: no difference quotient exists here"
    grows = [p for p in (secant.forward_growth, secant.backward_growth) if math.isfinite(p)]
    like = f", like h^({_exponent(grows[0])})" if grows else ""
    if kind == "vertical":
        return f"vertical tangent: the quotients grow without bound{like}"
    if kind == "cusp":
        return f"cusp: forward and backward quotients grow without bound with opposite signs{like}"
    return f"f jumps at x\u2080: the one-sided quotient across the jump diverges{like}"


class SecantPanel(QWidget):
    """`h_changed(float)` when the student sets h (slider, sign, animation)."""

    h_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._h = 0.5
        self._max_exponent = 1
        self._secant = None
        self.sign_button = QToolButton(self)
        self.sign_button.setObjectName("secantSignButton")
        self.sign_button.setAccessibleName("Sign of h")
        self.sign_button.setCheckable(True)
        self.sign_button.setText("+")
        self.sign_button.setToolTip("h positive or negative (Q right or left of P)")
        self.sign_button.toggled.connect(self._sign_toggled)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("secantHSlider")
        self.slider.setAccessibleName("h, on a logarithmic scale")
        self.slider.valueChanged.connect(self._slider_moved)
        self.h_label = QLabel(self)
        self.h_label.setObjectName("secantHLabel")
        self.h_label.setMinimumWidth(90)
        self.play_button = QPushButton("h \u2192 0", self)
        self.play_button.setObjectName("secantPlayButton")
        self.play_button.setAccessibleName("Animate h towards 0")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Shrink h step by step: the secant turns into the tangent")
        self.play_button.toggled.connect(self._play_toggled)
        self._timer = QTimer(self, interval=ANIMATION_MS)
        self._timer.timeout.connect(self._animation_step)
        h_row = QHBoxLayout()
        for widget in (self.sign_button, self.slider, self.h_label):
            h_row.addWidget(widget)
        self._exact = SteadyText("secantExactLabel", "Exact derivative", self)
        self._forward = SteadyText("secantForwardLabel", "Forward quotient", self)
        self._backward = SteadyText("secantBackwardLabel", "Backward quotient", self)
        self._central = SteadyText("secantCentralLabel", "Central quotient", self)
        self._best = SteadyText("secantBestLabel", "Best h", self)
        self.behaviour_label = QLabel(self)
        self.behaviour_label.setObjectName("secantBehaviourLabel")
        self.behaviour_label.setWordWrap(True)
        self.copy_button = QPushButton("Copy table", self)
        self.copy_button.setObjectName("secantCopyButton")
        self.copy_button.setAccessibleName("Copy the table of difference quotients")
        self.copy_button.clicked.connect(self.copy_table)
        self.save_button = QPushButton("Save table (CSV)\u2026", self)
        self.save_button.setObjectName("secantSaveButton")
        self.save_button.setAccessibleName("Save the table of difference quotients as CSV")
        self.save_button.clicked.connect(self._save_table)
        buttons = QHBoxLayout()
        for widget in (self.play_button, self.copy_button, self.save_button):
            buttons.addWidget(widget)
        form = QFormLayout(self)
        form.addRow("h", h_row)
        form.addRow(buttons)
        form.addRow("f\u2032(x\u2080)", self._exact.label)
        form.addRow("forward", self._forward.label)
        form.addRow("backward", self._backward.label)
        form.addRow("central", self._central.label)
        form.addRow("best h", self._best.label)
        form.addRow(self.behaviour_label)
        self.exact_label, self.forward_label, self.backward_label, self.central_label, self.best_label = (
            line.label for line in (self._exact, self._forward, self._backward, self._central, self._best))
        self._update_slider()

    # ----------------------------------------------------------------- inputs
    def set_h(self, h: float) -> None:
        """Show the state's h (without asking for it again)."""
        self._h = h
        self.sign_button.blockSignals(True)
        self.sign_button.setChecked(h < 0)
        self.sign_button.setText("\u2212" if h < 0 else "+")
        self.sign_button.blockSignals(False)
        self.h_label.setText("h = " + format_number(h, 3))
        self._update_slider()

    def set_view_width(self, width: float) -> None:
        """The slider's top: the view's width (h any larger puts Q off the plot)."""
        if math.isfinite(width) and width > 0:
            self._max_exponent = max(MIN_EXPONENT + 1, math.ceil(math.log10(width)))
            self._update_slider()

    def show_secant(self, secant) -> None:
        self._secant = secant
        if secant is None:
            return
        q = secant.quotients
        exists = math.isfinite(secant.derivative)
        self._exact.set_text(_n(secant.derivative) if exists else f"does not exist ({secant.kind.value})")
        for line, value, error in zip((self._forward, self._backward, self._central),
                                      (q.forward, q.backward, q.central), secant.errors, strict=True):
            text = _n(value)
            if exists and math.isfinite(error):
                text += f"   error {format_number(error, 2)}"
            line.set_text(text)
        forward, central = secant.best_h
        how = "" if secant.best_h_found else "  (theory)"
        self._best.set_text(f"forward {format_number(forward, 2)}, central {format_number(central, 2)}{how}")
        self.behaviour_label.setText(behaviour_sentence(secant))

    # ----------------------------------------------------------------- the table
    def table_text(self) -> str:
        from explorer.export.secant_table import secant_text

        secant = self._secant
        return secant_text(secant.plot_quotients, secant.derivative) if secant is not None else ""

    def copy_table(self) -> None:
        QApplication.clipboard().setText(self.table_text())

    def _save_table(self) -> None:
        if self._secant is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save the h table", "secant.csv", "CSV (*.csv)")
        if path:
            self.save_table(path)

    def save_table(self, path: str) -> None:
        from explorer.export.secant_table import secant_csv
        from explorer.files import write_bytes_atomically

        secant = self._secant
        write_bytes_atomically(path, secant_csv(secant.plot_quotients, secant.derivative).encode("utf-8"))

    # ----------------------------------------------------------------- gestures
    def _update_slider(self) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(MIN_EXPONENT * STEPS_PER_DECADE, self._max_exponent * STEPS_PER_DECADE)
        self.slider.setValue(round(math.log10(abs(self._h)) * STEPS_PER_DECADE))
        self.slider.blockSignals(False)

    def _slider_moved(self, position: int) -> None:
        self.h_changed.emit(math.copysign(10.0 ** (position / STEPS_PER_DECADE), self._h))

    def _sign_toggled(self, negative: bool) -> None:
        self.h_changed.emit(-abs(self._h) if negative else abs(self._h))

    def _play_toggled(self, playing: bool) -> None:
        if playing:
            if abs(self._h) <= 10.0 ** MIN_EXPONENT:
                self.h_changed.emit(math.copysign(10.0 ** min(0, self._max_exponent - 1), self._h))
            self._timer.start()
        else:
            self._timer.stop()

    def _animation_step(self) -> None:
        smaller = self._h / 10.0 ** (1 / ANIMATION_STEPS_PER_DECADE)
        if abs(smaller) < 10.0 ** MIN_EXPONENT:
            self.play_button.setChecked(False)
            return
        self.h_changed.emit(smaller)
