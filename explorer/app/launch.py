"""Start the desktop app: QApplication, session, window, event loop.

Only Qt and pyqtgraph are loaded before the window shows; the session parses (sympy) and samples
(torch) right after the first paint, so the window appears fast and the curve follows.

Setting the environment variable ``SLOPE_EXPLORER_TRACE_READOUT=1`` makes the app print one JSON
line on stdout per readout change (x₀, the readout text, and the point's position on screen); the
end-to-end test reads it to check a real mouse drag moved the tangent point.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import sys

TRACE_VARIABLE = "SLOPE_EXPLORER_TRACE_READOUT"


def _trace_readout(window, reading) -> None:
    from PySide6.QtCore import QPointF

    from explorer.views.formatting import readout_summary

    box = window.plot_view.main_plot.getViewBox()
    point = None
    if math.isfinite(reading.value):
        scene = box.mapViewToScene(QPointF(reading.x, reading.value))
        view = window.plot_view.graphics
        global_pos = view.viewport().mapToGlobal(view.mapFromScene(scene))
        point = [global_pos.x(), global_pos.y()]
    print(json.dumps({"x0": reading.x, "readout": readout_summary(reading), "point": point}), flush=True)


def open_window(argv_function_text: str | None = None, state=None):
    """Create the application if needed, and show a window on `state` (with f = `argv_function_text`)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from explorer.app.session import Session
    from explorer.app.state import DocumentState
    from explorer.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Slope Explorer")
    app.setOrganizationName("Slope Explorer")
    QGuiApplication.setDesktopFileName("org.slopeexplorer.SlopeExplorer")
    from explorer.resources import app_icon

    app.setWindowIcon(app_icon())
    state = state if state is not None else DocumentState()
    if argv_function_text:
        state = dataclasses.replace(state, text=argv_function_text, parameters=())
    window = MainWindow(Session(state))
    if os.environ.get(TRACE_VARIABLE) == "1":
        window.session.reading_changed.connect(lambda reading: _trace_readout(window, reading))
    window.show()
    return window


def run_app(argv_function_text: str | None = None, state=None) -> int:
    """Open the explorer window (on `state`, with `argv_function_text` as f if given) and run it."""
    from PySide6.QtWidgets import QApplication

    if state is None and not argv_function_text:
        from explorer.app.settings import AppSettings

        state = AppSettings().last_session()
    window = open_window(argv_function_text, state)
    try:
        return QApplication.instance().exec()
    finally:
        window.session.close()  # the loop can also end by quit() without closing the window
