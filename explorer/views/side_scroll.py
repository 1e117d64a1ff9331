"""The side panel's scroll area: never narrower than the panel's widest row plus a scroll bar.

The panel scrolls vertically only (a sideways scroll bar under a column of controls hides more than
it shows), so a row wider than the area was cut off at the right: with the Taylor and features
tools open the vertical bar appeared, took its width from the panel, and the secant's "Save table"
button and its best-h line lost their ends. The area's minimum width follows the panel's minimum
(which grows when a tool's group is shown) and always leaves room for the vertical bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class SideScroll(QScrollArea):
    """Scrolls `panel` vertically; its minimum width keeps the panel's rows whole."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.installEventFilter(self)
        self._fit()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def _fit(self) -> None:
        panel = self.widget()
        needed = max(panel.minimumWidth(), panel.minimumSizeHint().width())
        width = needed + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        if width != self.minimumWidth():
            self.setMinimumWidth(width)
