"""Several readout lines (f″ and f‴ at x₀, ∂f/∂p for each parameter) spaced as the readout's rows.

In one label, lines sit at the font's line spacing, tighter than the rows of the form around them,
and read as crammed together. Here each line is a SteadyText of its own (cheap to change on a drag
frame, as every readout line), in a column whose gap is the form's row gap; lines are reused, and
the column is laid out again only when their number changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from explorer.views.steady_text import SteadyText


class SteadyLines(QWidget):
    """`set_text("a\\nb")` shows a and b as lines; `text()` gives them back joined the same way."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._lines: list[SteadyText] = []
        self._shown = 0
        self._text = ""

    def set_spacing(self, pixels: int) -> None:
        self._column.setSpacing(pixels)

    def text(self) -> str:
        return self._text

    def lines(self) -> list[SteadyText]:
        """The lines shown, in order."""
        return self._lines[:self._shown]

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        wanted = text.split("\n") if text else []
        while len(self._lines) < len(wanted):
            line = SteadyText(f"{self.objectName()}_{len(self._lines)}", self.accessibleName(), self)
            self._column.addWidget(line)
            self._lines.append(line)
        for index, line in enumerate(self._lines):
            if index < len(wanted):
                line.set_text(wanted[index])
            if (index < len(wanted)) != (index < self._shown):
                line.setVisible(index < len(wanted))
        self._shown = len(wanted)
