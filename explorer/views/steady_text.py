"""A word-wrapped, selectable line of readout text that changes without re-laying out its panel.

`QLabel.setText` asks its parent's layout for a new pass on every change, and a pass over
word-wrapped labels lays their text out again for each height-for-width question, up through the
side panel: about 1 ms of every drag frame for the readout's five labels. Here the label sits in a
holder without a layout, so its requests stop there; the holder asks its own layout for a pass
only when the text needs more height than it has (or the width changed).

Measuring that height is itself costly for a selectable label (a text document is laid out:
about 0.1 ms), so text whose lines all fit the width is measured by their advance, and the height
of so many unwrapped lines is remembered.

Painting is kept cheap too, as each line repaints on every drag frame. A selectable label paints
through a text document (0.2 ms a line); a plain one draws the same pixels in a fraction of that.
So the text is selectable while the pointer is over it (or a selection is kept), and plain
otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: A line this much narrower than the label surely does not wrap (advances are rounded).
SLACK_PX = 2


class SteadyText(QWidget):
    """Holds one QLabel (`label`, which keeps the object and accessible names) and sizes it."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName(name)
        self.label.setAccessibleName(accessible)
        self.label.setWordWrap(True)
        self.label.installEventFilter(self)
        self.setSizePolicy(QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed))
        self._height = self.label.sizeHint().height()
        #: Height of unwrapped text, by (number of lines, the non-ASCII characters in it): a
        #: symbol from a fallback font (∂, ′) may make a line taller.
        self._unwrapped: dict[tuple[int, frozenset[str]], int] = {}

    def set_text(self, text: str) -> None:
        old = self.label.text()
        if text != old:
            self.label.setText(text)  # this also clears a selection
            if not self.label.underMouse():
                self._selectable(False)
            self._fit(may_shrink=text.count("\n") != old.count("\n"))  # fewer rows: shrink

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Enter:
            self._selectable(True)
        elif event.type() == QEvent.Type.Leave and not self.label.hasSelectedText():
            self._selectable(False)
        return False

    def _selectable(self, selectable: bool) -> None:
        flags = Qt.TextInteractionFlag
        wanted = flags.TextSelectableByMouse if selectable else flags.NoTextInteraction
        if self.label.textInteractionFlags() != wanted:
            self.label.setTextInteractionFlags(wanted)

    def sizeHint(self) -> QSize:
        return QSize(self.label.minimumSizeHint().width(), self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._height)

    def resizeEvent(self, event) -> None:
        self.label.setGeometry(self.rect())
        if event.size().width() != event.oldSize().width():
            self._fit(may_shrink=True)
        super().resizeEvent(event)

    def showEvent(self, event) -> None:
        self._fit(may_shrink=True)
        super().showEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._unwrapped.clear()
            self._fit(may_shrink=True)
        super().changeEvent(event)

    def _fit(self, may_shrink: bool = False) -> None:
        """Ask for a layout pass only if the text now needs more height at this width.

        While the width and the number of rows stay, the height only grows: a readout whose
        tangent equation wraps for one x₀ and not for the next keeps its second line, instead of
        the panel twitching (and being laid out again) on every other frame of a drag.
        """
        if not self.isVisible():
            return  # measured when shown
        height = self._needed_height(self.width())
        if height > self._height or (may_shrink and height != self._height):
            self._height = height
            self.updateGeometry()

    def _needed_height(self, width: int) -> int:
        text = self.label.text()
        if not text or width <= 0:
            return self.label.sizeHint().height()
        lines = text.split("\n")
        metrics = self.label.fontMetrics()
        if any(metrics.horizontalAdvance(line) > width - SLACK_PX for line in lines):
            return self.label.heightForWidth(width)
        key = (len(lines), frozenset(c for c in text if not c.isascii()))
        if key not in self._unwrapped:
            self._unwrapped[key] = self.label.heightForWidth(width)
        return self._unwrapped[key]
