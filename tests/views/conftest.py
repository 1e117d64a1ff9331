"""Fixtures for widget tests: a real window on the real engine (mouse helpers are in window_driving.py)."""

import pytest


@pytest.fixture(scope="session")
def real_engine():
    from explorer.model import Engine

    return Engine()


@pytest.fixture
def open_window(qtbot, real_engine):
    """open_window(state=None) -> a shown MainWindow whose first curves have arrived."""
    from explorer.app.in_process_engine import InProcessEngine
    from explorer.app.session import Session
    from explorer.views.main_window import MainWindow

    def make(state=None):
        session = Session(state, engine=InProcessEngine(real_engine))
        window = MainWindow(session)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        qtbot.waitUntil(lambda: session.error is not None or (session.last_reading is not None and not session.busy))
        return window

    return make
