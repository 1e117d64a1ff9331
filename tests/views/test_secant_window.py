"""The secant tool in the window: toggled from the View menu, h from the panel, Q dragged with real
mouse events, the table copied and saved, the error plot drawn (zeros on its floor)."""

import csv
import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from explorer.app.in_process_engine import InProcessEngine
from explorer.app.secant_state import SecantSetting
from explorer.app.session import Session
from explorer.app.state import DocumentState
from explorer.views.error_plot import FLOOR
from explorer.views.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    def make(state):
        session = Session(state, engine=InProcessEngine(threaded=False))
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitUntil(lambda: session.last_reading is not None, timeout=30_000)
        return window
    yield make


def test_the_menu_toggles_the_tool_and_its_shortcut_is_shown(window):
    w = window(DocumentState(text="sin x", x0=1.0))
    assert w.secant_action.shortcut().toString() == "Ctrl+Shift+H"
    assert not w.secant_group.isVisible()
    w.secant_action.trigger()
    assert w.session.state.secant.shown and w.secant_group.isVisible()
    assert w.session.last_reading.secant is not None
    assert w.plot_view.error_plot in w.plot_view.export_item().items


def test_the_panel_shows_the_quotients_and_errors(window):
    w = window(DocumentState(text="x^2", x0=1.0, secant=SecantSetting(True, 1.0)))
    panel = w.secant_panel
    assert panel.forward_label.text().startswith("3") and "error 1" in panel.forward_label.text()
    assert panel.central_label.text().startswith("2") and "error 0" in panel.central_label.text()
    central = w.plot_view.error_plot.central_floor.getData()
    assert list(central[1]) == [math.log10(FLOOR)]  # the exact zero at h = 1, on the floor (log axes)


def test_a_corner_is_explained(window):
    w = window(DocumentState(text="|x|", x0=0.0, secant=SecantSetting(True, 0.5)))
    assert "limit does not exist: left \u22121, right 1" in w.secant_panel.behaviour_label.text()


def test_the_sign_button_and_the_slider_set_h(window):
    w = window(DocumentState(text="sin x", x0=1.0, secant=SecantSetting(True, 0.5)))
    w.secant_panel.sign_button.click()
    assert w.session.state.secant.h == -0.5
    w.secant_panel.slider.setValue(-20 * 8)
    assert w.session.state.secant.h == pytest.approx(-1e-8)
    assert w.session.last_reading.secant.h == pytest.approx(-1e-8)


def test_h_to_0_animates_down_without_blocking(window, qtbot):
    w = window(DocumentState(text="sin x", x0=1.0, secant=SecantSetting(True, 0.5)))
    w.secant_panel.play_button.click()
    qtbot.waitUntil(lambda: w.session.state.secant.h < 1e-3, timeout=10_000)
    w.secant_panel.play_button.click()
    stopped = w.session.state.secant.h
    qtbot.wait(300)
    assert w.session.state.secant.h == stopped


def test_dragging_q_sets_h(window, qtbot):
    w = window(DocumentState(text="x^2", x0=1.0, secant=SecantSetting(True, 1.0)))
    view = w.plot_view.graphics
    box = w.plot_view.main_plot.getViewBox()
    qtbot.waitUntil(lambda: w.plot_view.secant_items.q.isVisible())

    def at(x, y):
        return view.mapFromScene(box.mapViewToScene(QPointF(x, y)))

    start, end = at(2.0, 4.0), at(3.0, 9.0)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 11):
        qtbot.mouseMove(view.viewport(), start + (end - start) * (k / 10))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert w.session.state.secant.h == pytest.approx(2.0, abs=0.05)
    assert w.session.last_reading.secant.quotients.forward == pytest.approx(2 + w.session.state.secant.h)


def test_the_table_copies_and_saves(window, tmp_path):
    w = window(DocumentState(text="x^2", x0=1.0, secant=SecantSetting(True, 1.0)))
    w.secant_panel.copy_table()
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:4] == ["h", "forward", "backward", "central"] and len(lines) == 18
    path = tmp_path / "table.csv"
    w.secant_panel.save_table(str(path))
    with path.open() as stream:
        rows = list(csv.DictReader(stream))
    assert float(rows[0]["h"]) == 1.0 and float(rows[0]["forward"]) == 3.0 and float(rows[0]["central_error"]) == 0
    assert math.isclose(float(rows[16]["h"]), 1e-16)
