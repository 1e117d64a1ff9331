"""The features tool in the window: its shortcut, the list following the curves, `[` and `]`,
a click on a mark, the families' toggles, and the state saved with the document."""

import sys
import types

import pytest
from feature_sets import ROOT3, cubic
from PySide6.QtCore import Qt
from window_driving import plot_to_widget, settle

from explorer.app.state import DocumentState


@pytest.fixture
def searched(monkeypatch):
    """The search answers x³ − 3x's features (hand-built) on the job's interval; calls are noted."""
    calls = []

    def find_features(engine, function, x_min, x_max, params=None, curves=None, exact=True):
        assert not exact  # sympy's confirmation is the command line's, not the keystroke's
        calls.append(function.text)
        return cubic(x_min, x_max)

    module = types.ModuleType("explorer.model.features.search")
    module.find_features = find_features
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return calls


def test_the_shortcut_shows_the_tool_with_its_marks_and_list(open_window, qtbot, searched):
    window = open_window(DocumentState(text="x^3 - 3x"))
    assert not window.feature_group.isVisible() and searched == []
    window.plot_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(window)
    assert window.session.state.show_features and window.features_action.isChecked()
    assert window.feature_group.isVisible() and window.feature_panel.table.rowCount() == 5
    assert len(window.plot_view.feature_markers.scatter.data) == 6
    assert searched == ["x^3 - 3x"]


def test_brackets_walk_x0_along_the_features_and_leave_typing_alone(open_window, qtbot, searched):
    window = open_window(DocumentState(text="x^3 - 3x", show_features=True, x0=0.5))
    window.plot_view.setFocus()
    qtbot.keyClick(window.plot_view, Qt.Key.Key_BracketRight)
    assert window.session.state.x0 == 1.0
    qtbot.keyClick(window.plot_view, Qt.Key.Key_BracketRight)
    assert window.session.state.x0 == ROOT3
    qtbot.keyClick(window.plot_view, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(window.plot_view, Qt.Key.Key_BracketLeft)
    assert window.session.state.x0 == 0.0
    window.session.set_feature_family("zeros", False)
    qtbot.keyClick(window.plot_view, Qt.Key.Key_BracketLeft)
    assert window.session.state.x0 == -1.0  # the zero at −√3 is not marked now: skipped
    window.function_input.edit.setFocus()
    qtbot.keyClick(window.function_input.edit, Qt.Key.Key_BracketRight)
    assert window.function_input.edit.text().endswith("]") and window.session.state.x0 == -1.0


def test_clicking_a_mark_moves_x0_there(open_window, qtbot, searched):
    window = open_window(DocumentState(text="x^3 - 3x", show_features=True, x0=3.0))
    qtbot.wait(20)
    where = plot_to_widget(window.plot_view.main_plot, -1.0, 2.0)
    qtbot.mouseClick(window.plot_view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.session.state.x0 == -1.0


def test_the_panels_toggles_change_the_document_and_undo(open_window, searched):
    window = open_window(DocumentState(text="x^3 - 3x", show_features=True))
    panel = window.feature_panel
    panel.family_boxes["zeros"].click()
    panel.charts_box.click()
    panel.colouring_box.setCurrentIndex(2)
    settle(window)
    state = window.session.state
    assert "zeros" not in state.feature_families and state.show_sign_charts and state.curve_colouring == "second"
    assert window.sign_charts_action.isChecked() and window.plot_view.sign_chart.scene() is not None
    assert len(window.plot_view.feature_markers.scatter.data) == 3  # the two extrema and the inflection, no zero
    window.undo()
    assert window.session.state.curve_colouring == "none" and panel.colouring_box.currentIndex() == 0
