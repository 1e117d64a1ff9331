"""Start the desktop app: QApplication, session, window, event loop.

The composition root: the one place that builds the engine client, the session and the window
together. It sits above both `explorer.app` and `explorer.views`, so that the app layer never needs
to import a widget.

The engine's process is started first of all, so that it imports torch on the other core while
this process loads Qt and pyqtgraph and paints the window; the session parses (sympy) right after
the first paint, and the curve follows as soon as the engine's process can sample it.

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
from pathlib import Path

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


def open_window(argv_function_text: str | None = None, state=None, engine=None, path=None):
    """Create the application if needed, and show a window on `state` (with f = `argv_function_text`),
    the session read from the file at `path` if given (Save writes there).

    The window computes with `engine`, or with an engine process started here, before Qt loads.
    """
    if engine is None:
        from explorer.app.engine_process import start_engine

        engine = start_engine()  # first: it loads torch while Qt loads here

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
    window = MainWindow(Session(state, engine=engine))
    if path is not None:
        window.file_actions.attach(path)
    if os.environ.get(TRACE_VARIABLE) == "1":
        window.session.reading_changed.connect(lambda reading: _trace_readout(window, reading))
    window.show()
    return window


def last_session(settings) -> tuple[object, Path | None]:
    """The session the last run left (None if none), and its file: the most recent file when
    it still holds exactly that session (it was opened or saved last, then left unchanged or its
    changes discarded), so that Save goes on writing to it."""
    from explorer.app.document_file import DocumentError, load_document

    state = settings.last_session()
    recent = settings.recent_files()
    if state is None or not recent:
        return state, None
    try:
        same = load_document(recent[0]) == state
    except DocumentError:
        same = False  # unreadable since: the session is still there, without its file
    return state, Path(recent[0]) if same else None


def run_app(argv_function_text: str | None = None, state=None, path=None) -> int:
    """Open the explorer window (on `state` read from `path`, or on the last session, with
    `argv_function_text` as f if given) and run it."""
    from explorer.app.engine_process import start_engine

    engine = start_engine()  # before the settings load Qt: it loads torch meanwhile

    from PySide6.QtWidgets import QApplication

    if state is None and not argv_function_text:
        from explorer.app.settings import AppSettings

        state, path = last_session(AppSettings())
    window = open_window(argv_function_text, state, engine, path)
    try:
        return QApplication.instance().exec()
    finally:
        window.session.close()  # the loop can also end by quit() without closing the window
