"""The function box: live as the student types, with the parser's error marked where it is.

Edits are batched by a single-shot timer (like KmPlot's equation editor) so the plot follows the
typing without reparsing on every key. A ParseError's column gets a red wavy underline in the box
and its message shows underneath; the last good curve stays on the plot meanwhile. Without an
error, the line underneath says how the text was read (`1/2x` as f(x) = 1/(2x)).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLabel, QLineEdit, QStackedLayout, QVBoxLayout, QWidget

from explorer.views.window_shortcuts import yield_window_shortcut

DEBOUNCE_MS = 100
ERROR_COLOUR = QColor("#d93025")


class FunctionLineEdit(QLineEdit):
    """A line edit that can underline one column with a wavy red line.

    Undo/redo keys go to the window's document history (one history for the whole document),
    not to QLineEdit's private one, and every other menu shortcut (Ctrl+E) to the window too.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._error_column: int | None = None

    @property
    def error_column(self) -> int | None:
        return self._error_column

    def set_error_column(self, column: int | None) -> None:
        if column != self._error_column:
            self._error_column = column
            self.update()

    def column_x(self, column: int) -> float:
        """Widget x of the left edge of character `column`, scrolling included."""
        metrics = self.fontMetrics()
        text = self.text()
        cursor_x = self.cursorRect().center().x()
        cursor = self.cursorPosition()
        return cursor_x + metrics.horizontalAdvance(text[:column]) - metrics.horizontalAdvance(text[:cursor])

    @staticmethod
    def _is_history_key(event) -> bool:
        return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_history_key(event):
            event.ignore()  # let the window's Edit → Undo/Redo have it
            return True
        return yield_window_shortcut(self, event) or super().event(event)

    def keyPressEvent(self, event) -> None:
        if self._is_history_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._error_column is None:
            return
        text = self.text()
        column = min(self._error_column, len(text))
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance(text[column]) if column < len(text) else metrics.horizontalAdvance(" ")
        left = self.column_x(column)
        baseline = self.cursorRect().center().y() + metrics.ascent() / 2 + 2
        path = QPainterPath(QPointF(left, baseline))
        step, amplitude = 2.0, 1.5
        for i in range(1, max(2, math.ceil(max(width, 6) / step)) + 1):
            path.lineTo(left + i * step, baseline + (amplitude if i % 2 else -amplitude))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ERROR_COLOUR, 1.3))
        painter.drawPath(path)
        painter.end()


class FunctionInput(QWidget):
    """Line edit + error message. `text_committed(str)` fires ~100 ms after the last keystroke."""

    text_committed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = FunctionLineEdit(self)
        self.edit.setObjectName("functionEdit")
        self.edit.setAccessibleName("Function f(x)")
        self.edit.setPlaceholderText("Type a function of x, e.g. x^3 - 3x or sin(a x)")
        self.edit.setToolTip("Type f(x): + - * / ^, implicit products (3x), sin cos tan exp ln sqrt abs …;"
                             " any other letter is a parameter with a slider")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("functionError")
        self.error_label.setAccessibleName("Function error")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR.name()};")
        self.error_label.hide()
        #: How the text was read, in standard notation (1/2x as 1/(2x)), where no error is shown.
        self.reading_label = QLabel(self)
        self.reading_label.setObjectName("functionReading")
        self.reading_label.setAccessibleName("Function as read")
        self.reading_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reading_label.setEnabled(False)  # the palette's quieter text: a note, not an input
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        # One line under the box, always there, for the reading or the error in its place: an
        # error coming or going no longer moves the plot.
        under = QStackedLayout()
        under.setStackingMode(QStackedLayout.StackingMode.StackAll)
        under.addWidget(self.reading_label)
        under.addWidget(self.error_label)
        layout.addLayout(under)
        for label in (self.reading_label, self.error_label):
            label.setFixedHeight(label.fontMetrics().height())
            label.setMinimumWidth(1)  # a long message is cut at the edge (whole in its tool tip), not wrapped
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textEdited.connect(self._timer.start)
        self.edit.returnPressed.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Commit a pending edit now (Enter, or before undo so the edit is not lost)."""
        self._timer.stop()
        self.text_committed.emit(self.edit.text())

    def set_text(self, text: str) -> None:
        """Show `text` from the document (undo, open file) without treating it as typing."""
        if text != self.edit.text():
            self._timer.stop()
            self.edit.setText(text)

    def show_error(self, error) -> None:
        """Mark a ParseError (message + column), or clear the mark with None."""
        if error is None:
            self.edit.set_error_column(None)
            self.error_label.clear()
            self.error_label.hide()
            self.reading_label.show()
            self.edit.setAccessibleDescription("")
            return
        self.edit.set_error_column(error.column)
        message = f"{error.message} (column {error.column + 1})"  # as the command line and the self-test say it
        self.error_label.setText(message)
        self.error_label.setToolTip(message)
        self.error_label.show()
        self.reading_label.hide()
        self.edit.setAccessibleDescription(message)

    def show_reading(self, notation: str) -> None:
        """Say how the text was read, in standard notation ("" for nothing to say)."""
        self.reading_label.setText(f"read as  f(x) = {notation}" if notation else "")
        self.reading_label.setToolTip(self.reading_label.text())
