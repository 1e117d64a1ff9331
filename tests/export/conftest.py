"""A plot view showing known curves (no engine needed): tan x with its poles cut, and its derivative."""

import math

import numpy as np
import pytest

from explorer.app.frame import MAIN, Frame
from explorer.model.readings import CurveSet, PointKind, PointReading

#: The curve colour we look for in exported files (f on a light background, from views.theme).
F_COLOUR = (0x1F, 0x4E, 0x99)


def tan_curves(n: int = 801) -> CurveSet:
    x = np.linspace(-4.0, 4.0, n)
    f = np.tan(x)
    f1 = 1.0 / np.cos(x) ** 2
    values = np.stack([f, f1])
    # A segment is drawn unless it crosses a pole (where cos x changes sign).
    crossing = np.sign(np.cos(x[:-1])) != np.sign(np.cos(x[1:]))
    connected = np.zeros_like(values, dtype=bool)
    connected[:, :-1] = ~crossing
    return CurveSet(x=x, values=values, connected=connected)


def framed(curves, y_ranges):
    """A frame of the document's function alone, as the session announces one."""
    return Frame(0, {MAIN: curves}, y_ranges)


def tan_reading(x0: float = 1.0) -> PointReading:
    return PointReading(x=x0, values=(math.tan(x0), 1 / math.cos(x0) ** 2), kind=PointKind.SMOOTH)


@pytest.fixture
def plot_view(qtbot):
    from PySide6.QtGui import QColor, QPalette

    from explorer.views.plot_view import PlotView

    view = PlotView()
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("white"))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.Text, QColor("black"))
    view.setPalette(palette)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.set_display((1,), "overlay", True)
    view.show()
    qtbot.waitExposed(view)
    view.show_frame(framed(tan_curves(), {0: (-10.0, 10.0), 1: (0.0, 10.0), -1: (-10.0, 10.0)}))
    view.set_view((-4.0, 4.0), (-10.0, 10.0))
    view.show_reading(tan_reading())
    return view


@pytest.fixture
def open_window_in_export(qtbot):
    """open_window(state) -> a shown MainWindow on an engine in this process, its first curves in."""
    from explorer.app.in_process_engine import InProcessEngine
    from explorer.app.session import Session
    from explorer.model import Engine
    from explorer.views.main_window import MainWindow

    def make(state):
        session = Session(state, engine=InProcessEngine(Engine()))
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: session.last_reading is not None and not session.busy)
        return window

    return make
