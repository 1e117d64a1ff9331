"""The keyboard alone: Tab follows the order things are seen in, typing at launch replaces the
function, and the plot pans and zooms with keys from wherever the focus is."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from explorer.app.state import DocumentState, ParameterSetting


def focus_chain(window, stops):
    """The widgets Tab visits from the function box, by real Tab presses."""
    window.function_input.edit.setFocus()
    visited = []
    for _ in range(stops):
        focused = QApplication.focusWidget()
        visited.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    return visited


def test_tab_goes_through_a_parameter_row_as_it_is_seen(open_window):
    window = open_window(DocumentState(text="a x + b", parameters=(ParameterSetting("a"), ParameterSetting("b"))))
    visited = focus_chain(window, 30)
    rows = window.parameter_panel.rows
    expected = [rows[name].slider for name in "ab"]
    positions = {}
    for index, widget in enumerate(visited):
        positions.setdefault(id(widget), index)  # the first visit: the chain goes round
    for name in "ab":
        row = rows[name]
        order = [positions[id(widget)] for widget in (row.slider, row.value, row.minimum, row.maximum)]
        assert order == sorted(order) and order[-1] - order[0] == 3, name
    assert positions[id(expected[0])] < positions[id(expected[1])]


def test_every_tab_stop_is_a_control_that_shows_its_focus(open_window):
    from PySide6.QtWidgets import QAbstractScrollArea

    window = open_window(DocumentState(text="a x", parameters=(ParameterSetting("a"),)))
    visited = focus_chain(window, 20)
    assert not [widget for widget in visited if isinstance(widget, QAbstractScrollArea)]
    assert all(widget.accessibleName() for widget in visited)


def test_typing_at_launch_replaces_the_function(open_window, qtbot):
    window = open_window(DocumentState(text="x^2"))
    edit = window.function_input.edit
    assert QApplication.focusWidget() is edit and edit.selectedText() == "x^2"
    qtbot.keyClicks(edit, "sin x")
    assert edit.text() == "sin x"


@pytest.mark.parametrize("focus", ["function", "x0"])
def test_keys_pan_and_zoom_the_plot_wherever_the_focus_is(open_window, qtbot, focus):
    window = open_window(DocumentState(text="x^2", x_range=(-4.0, 4.0), y_range=(-2.0, 6.0)))
    target = window.function_input.edit if focus == "function" else window.readout.x0_box
    target.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    widget = QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.session.state.x_range == pytest.approx((-3.2, 4.8))
    qtbot.keyClick(widget, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.session.state.y_range == pytest.approx((-1.2, 6.8))
    qtbot.keyClick(widget, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.session.state.x_range == pytest.approx((-4.2, 5.8))
    assert window.session.state.y_range == pytest.approx((-2.2, 7.8))
    qtbot.keyClick(widget, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.session.state.x_range == pytest.approx((-3.2, 4.8))
    if focus == "function":
        assert window.function_input.edit.text() == "x^2"
    else:
        assert window.session.state.x0 == 1.0
