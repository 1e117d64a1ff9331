"""Driving the window from tests: real mouse events on the plot, and waiting for recomputations.

Mouse helpers follow pyqtgraph's tests/ui_testing.py: events go to the GraphicsView's viewport at
positions mapped from plot (data) coordinates, so the scene's own drag detection runs.
"""

from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def settle(window) -> None:
    """Let every requested recomputation arrive and be drawn."""
    assert window.session.wait_idle()
    QApplication.processEvents()


def plot_to_widget(plot_item, x: float, y: float) -> QPoint:
    """Viewport pixel of data point (x, y) in `plot_item`."""
    view = plot_item.scene().views()[0]
    scene_point = plot_item.getViewBox().mapViewToScene(QPointF(x, y))
    return view.mapFromScene(scene_point)


def _send(widget, kind, pos: QPoint, button, buttons) -> None:
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _pause_for_rate_limit() -> None:
    """pyqtgraph drops mouse moves that come faster than its `mouseRateLimit` (per second)."""
    QTest.qWait(int(1000 / pg.getConfigOption("mouseRateLimit")) + 2)


@contextmanager
def held_drag(plot_item, start: QPoint):
    """Press at `start`; yields move(point) for real moves with the button held; releases at exit."""
    viewport = plot_item.scene().views()[0].viewport()
    left = Qt.MouseButton.LeftButton
    _send(viewport, QEvent.Type.MouseMove, start, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)
    _send(viewport, QEvent.Type.MouseButtonPress, start, left, left)
    last = [start]

    def move(point: QPoint) -> None:
        _pause_for_rate_limit()
        _send(viewport, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, left)
        last[0] = point

    try:
        yield move
    finally:
        _send(viewport, QEvent.Type.MouseButtonRelease, last[0], left, Qt.MouseButton.NoButton)


def mouse_drag(plot_item, start: QPoint, end: QPoint, steps: int = 12) -> None:
    """Press at `start`, move in `steps` to `end`, release: a real left-button drag."""
    viewport = plot_item.scene().views()[0].viewport()
    left = Qt.MouseButton.LeftButton
    _send(viewport, QEvent.Type.MouseMove, start, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)
    _send(viewport, QEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, steps + 1):
        _pause_for_rate_limit()
        point = start + (end - start) * (i / steps)
        _send(viewport, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, left)
    _send(viewport, QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)
