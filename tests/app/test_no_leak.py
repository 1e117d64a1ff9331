"""Memory stays flat over a long session: 10,000 drag frames (probe + redraw) and 500 function edits."""

import math

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.slow

ALLOWED_GROWTH_MB = 30


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def drag_frames(window, count: int) -> None:
    viewport = window.plot_view.graphics.viewport()
    for i in range(count):
        window.session.set_x0(2.0 * math.sin(i / 50.0))
        viewport.repaint()


def edits(window, count: int) -> None:
    for i in range(count):
        window.session.set_text(f"{1 + i % 7} sin(x) + x^{i % 5}")
        assert window.session.wait_idle()
        QApplication.processEvents()


def test_long_session_does_not_leak(qtbot, real_engine):
    from explorer.app.in_process_engine import InProcessEngine
    from explorer.app.session import Session
    from explorer.views.main_window import MainWindow

    session = Session(engine=InProcessEngine(real_engine))
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    session.start()
    assert session.wait_idle()
    drag_frames(window, 500)  # warm caches (compiled functions, pyqtgraph paths) before measuring
    edits(window, 30)
    before = rss_mb()
    drag_frames(window, 10_000)
    edits(window, 500)
    growth = rss_mb() - before
    assert growth < ALLOWED_GROWTH_MB, f"RSS grew by {growth:.1f} MB"
    assert session.history.can_undo  # the history is bounded, and it kept working
