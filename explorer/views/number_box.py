"""A spin box for a number as a student types one: `pi/2`, `1/3`, `sqrt(2)`, `-e`, `2.5`.

A plain QDoubleSpinBox reads digits only (`pi/2` became 2) and keeps as many decimals as it shows
(1.5707963267949 became 1.5707). This one reads the text with the function parser's number reader
(`read_number`: no text is ever evaluated as Python), keeps the value at full double precision and
shows it rounded for display only: the shown text, untouched, stands for the exact value it shows.
A text that names no number is refused with `refused(message)`, and the box goes back to the last
good value. The window's shortcuts (Undo, Export…) work with the focus in the box.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from explorer.views.window_shortcuts import yield_window_shortcut

#: QDoubleSpinBox rounds every value to its decimals; this many keep any double as it is.
EXACT_DECIMALS = 320
#: Significant digits shown for a value whose shortest exact text is longer.
SHOWN_DIGITS = 10


def shown_text(value: float) -> str:
    """`value` as the box shows it: exactly where that is short (1.37, 0.001), else rounded to
    SHOWN_DIGITS significant digits (π/2 shows as 1.570796327). ASCII, so it reads back."""
    exact = repr(float(value))
    if exact.endswith(".0"):
        exact = exact[:-2]
    return exact if len(exact) <= SHOWN_DIGITS + 2 else f"{value:.{SHOWN_DIGITS}g}"


def number_or_message(text: str) -> float | str:
    """The number `text` names, or a sentence saying why it names none."""
    from explorer.model.parsing.errors import ParseError
    from explorer.model.parsing.numbers import read_number

    if not text.strip():
        return "type a number"
    try:
        return read_number(text)
    except ParseError as error:
        return error.message


class NumberBox(QDoubleSpinBox):
    """`refused(str)`: a typed text was not taken, with why (the box shows the last good value again)."""

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(EXACT_DECIMALS)
        self.setKeyboardTracking(False)  # typed text commits on Enter or leaving the box; arrows step at once

    def textFromValue(self, value: float) -> str:
        return shown_text(value)

    def valueFromText(self, text: str) -> float:
        if text == shown_text(self.value()):
            return self.value()  # not edited: the exact value, not its rounding
        read = number_or_message(text)
        return read if isinstance(read, float) else self.value()

    def validate(self, text: str, position: int):
        """Anything may be typed on the way to a number (`pi/` before `pi/2`); only a number is taken."""
        if text == shown_text(self.value()):
            return QValidator.State.Acceptable, text, position
        read = number_or_message(text)
        state = QValidator.State.Acceptable if isinstance(read, float) else QValidator.State.Intermediate
        return state, text, position

    def fixup(self, text: str) -> str:
        return text

    def _check_typed(self) -> None:
        """Say why the text typed is refused, before Qt puts the last good value back."""
        text = self.lineEdit().text()
        if text == shown_text(self.value()):
            return
        read = number_or_message(text)
        if isinstance(read, str):
            self.refused.emit(f"\u201c{text.strip()}\u201d is not a number: {read}")
        elif not self.minimum() <= read <= self.maximum() or not math.isfinite(read):
            self.refused.emit(f"{shown_text(read)} is beyond what can be shown; kept at the nearest end")

    def event(self, event) -> bool:
        return yield_window_shortcut(self, event) or super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._check_typed()
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self._check_typed()
        super().focusOutEvent(event)
