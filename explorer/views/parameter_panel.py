"""A slider per parameter, with its value and its range (min, max) editable as numbers.

A slider drag is reported between `gesture_started` and `gesture_finished`, so the session makes
it one undo step. Rows are kept when a function with fewer parameters hides them and renamed when
one comes back: creating a row's seven widgets (three spin boxes) took 3–8 ms of a keystroke.

The boxes hold the document's one bound (state.MAX_MAGNITUDE: a number typed beyond it stops at
it), and a range the app cannot show (too narrow, or upside down) is not passed on: the row goes
back to the range it had and a note at the top of the panel says why.
"""

from __future__ import annotations

import math
from contextlib import nullcontext

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSlider, QWidget

from explorer.app.state import MAX_MAGNITUDE, ParameterSetting, range_problem
from explorer.views.number_box import NumberBox
from explorer.views.visibility import one_layout_pass

SLIDER_STEPS = 1000
SPIN_WIDTH = 90


def slider_position(setting: ParameterSetting) -> int:
    """Where the slider stands for `setting`, at an end for a value outside its range. A range it
    cannot divide (an infinite span: ±1e308) puts it at the start instead of raising in a slot;
    the reader and the boxes keep such ranges out of a document."""
    span = setting.maximum - setting.minimum
    fraction = (setting.value - setting.minimum) / span if span > 0 else 0.0
    return round(min(1.0, max(0.0, fraction)) * SLIDER_STEPS) if math.isfinite(fraction) else 0


def _spin(parent: ParameterPanel, accessible: str) -> NumberBox:
    """A box for a number as typed (`pi`, `1/3`), kept exact; why a text was refused goes in the note."""
    box = NumberBox(parent)
    box.setRange(-MAX_MAGNITUDE, MAX_MAGNITUDE)
    box.setAccessibleName(accessible)
    box.refused.connect(parent.show_note)
    return box


class ParameterRow:
    """The widgets of one parameter, laid out in one row of the panel's grid."""

    def __init__(self, panel: ParameterPanel, row: int):
        self.name = ""
        self.label = QLabel(panel)
        # Made in the order Tab visits them, which is the order they are seen in: the slider and
        # its value on the first line, the range's minimum and maximum on the second.
        self.slider = QSlider(Qt.Orientation.Horizontal, panel)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setSingleStep(SLIDER_STEPS // 100)
        self.slider.setPageStep(SLIDER_STEPS // 10)
        self.value = _spin(panel, "")
        self.value.setSingleStep(0.1)
        self.minimum = _spin(panel, "")
        self.maximum = _spin(panel, "")
        self.bounds = (-5.0, 5.0)
        #: The setting shown, to go back to when a range edit is refused.
        self.setting = ParameterSetting("")
        self.range_label = QLabel("range", panel)
        self.to_label = QLabel("to", panel)
        for box in (self.minimum, self.maximum, self.value):
            box.setMaximumWidth(SPIN_WIDTH)
        grid: QGridLayout = panel.grid
        grid.addWidget(self.label, 2 * row, 0)
        grid.addWidget(self.slider, 2 * row, 1, 1, 3)
        grid.addWidget(self.value, 2 * row, 4)
        grid.addWidget(self.range_label, 2 * row + 1, 0)
        grid.addWidget(self.minimum, 2 * row + 1, 1)
        grid.addWidget(self.to_label, 2 * row + 1, 2, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.maximum, 2 * row + 1, 3)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderPressed.connect(panel.gesture_started)
        self.slider.sliderReleased.connect(panel.gesture_finished)
        self.value.valueChanged.connect(lambda v: panel.value_changed.emit(self.name, v))
        self.minimum.valueChanged.connect(self._range_edited)
        self.maximum.valueChanged.connect(self._range_edited)
        self._panel = panel

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.label, self.minimum, self.slider, self.maximum, self.value, self.range_label, self.to_label)

    def rename(self, name: str) -> None:
        """Make this row parameter `name`'s: its label, object and accessible names."""
        self.name = name
        self.label.setText(f"<b>{name}</b>")
        self.slider.setAccessibleName(f"Parameter {name}")
        self.slider.setObjectName(f"slider_{name}")
        self.value.setObjectName(f"value_{name}")
        for box, role in ((self.minimum, "Minimum"), (self.maximum, "Maximum"), (self.value, "Value")):
            box.setAccessibleName(f"{role} of parameter {name}")

    def set_visible(self, visible: bool) -> None:
        for widget in self._widgets():
            widget.setVisible(visible)

    def _slider_moved(self, position: int) -> None:
        low, high = self.bounds
        self._panel.value_changed.emit(self.name, low + (high - low) * position / SLIDER_STEPS)

    def _range_edited(self) -> None:
        """Pass on a range the app can show; refuse another with a note, back at the range shown."""
        low, high = self.minimum.value(), self.maximum.value()
        problem = range_problem(low, high)
        self._panel.show_note(None if problem is None else f"The range of {self.name} {problem}.")
        if problem is None:
            self._panel.range_changed.emit(self.name, low, high)
        else:
            self.show(self.setting)

    def show(self, setting) -> None:
        self.setting = setting
        self.bounds = (setting.minimum, setting.maximum)
        for widget, value in ((self.minimum, setting.minimum), (self.maximum, setting.maximum),
                              (self.value, setting.value), (self.slider, slider_position(setting))):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)


class ParameterPanel(QWidget):
    value_changed = Signal(str, float)
    range_changed = Signal(str, float, float)
    gesture_started = Signal()
    gesture_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        #: The rows shown, by parameter name; `_made` holds every row made so far, in grid order.
        self.rows: dict[str, ParameterRow] = {}
        self._made: list[ParameterRow] = []
        self._names: tuple[str, ...] = ()
        self._empty = QLabel("No parameters: any letter other than x (a, b, k …) gets a slider here.", self)
        self._empty.setWordWrap(True)
        self.grid.addWidget(self._empty, 0, 0, 1, 5)
        #: Why the last range typed was refused; in the empty label's place, which shows only
        #: without parameters (and so without ranges to edit).
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setObjectName("parameterNote")
        self.note.setVisible(False)
        self.grid.addWidget(self.note, 0, 0, 1, 5)

    def show_note(self, note: str | None) -> None:
        """Show why an edit was refused, or (None) hide the last such note."""
        self.note.setText(note or "")
        self.note.setVisible(note is not None)

    def show_parameters(self, settings) -> None:
        names = tuple(setting.name for setting in settings)
        if names != self._names:
            with one_layout_pass(self) if len(names) > len(self._names) else nullcontext():
                while len(self._made) < len(names):
                    self._made.append(ParameterRow(self, len(self._made) + 1))
                for index, row in enumerate(self._made):
                    if index < len(names) and row.name != names[index]:
                        row.rename(names[index])
                    row.set_visible(index < len(names))
                self._empty.setVisible(not names)
                self.show_note(None)
            self.rows = dict(zip(names, self._made))
            self._names = names
        for setting in settings:
            self.rows[setting.name].show(setting)
