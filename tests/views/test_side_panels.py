"""The side panels keep their widgets and their shape across keystrokes: slider rows are reused under
new names, and the readout lays out its rows as soon as the function changes."""

import pytest
from PySide6.QtCore import Qt
from window_driving import settle

from explorer.app.document_file import load_document, save_document
from explorer.app.state import MAX_MAGNITUDE, DocumentState, ParameterSetting
from explorer.views.parameter_panel import SLIDER_STEPS, ParameterPanel
from explorer.views.readout_panel import ReadoutPanel


@pytest.fixture
def panel(qtbot):
    made = ParameterPanel()
    qtbot.addWidget(made)
    made.show()
    return made


def test_slider_rows_are_reused_under_new_names(panel, qtbot):
    panel.show_parameters((ParameterSetting("a", 2.0), ParameterSetting("b")))
    first, second = panel.rows["a"], panel.rows["b"]
    panel.show_parameters(())
    assert panel.rows == {} and not first.slider.isVisible() and not second.slider.isVisible()
    panel.show_parameters((ParameterSetting("k", 0.5),))
    assert panel.rows["k"] is first and first.slider.isVisible() and not second.slider.isVisible()
    assert first.label.text() == "<b>k</b>"
    assert first.slider.accessibleName() == "Parameter k" and first.slider.objectName() == "slider_k"
    assert first.value.accessibleName() == "Value of parameter k" and first.value.value() == 0.5
    with qtbot.waitSignal(panel.value_changed) as moved:
        first.value.setValue(1.5)
    assert moved.args == ["k", 1.5]
    with qtbot.waitSignal(panel.range_changed) as ranged:
        first.maximum.setValue(9.0)
    assert ranged.args == ["k", -5.0, 9.0]


def test_the_readout_lays_out_its_rows_before_the_reading_arrives(qtbot):
    readout = ReadoutPanel()
    qtbot.addWidget(readout)
    readout.show()
    readout.set_rows((1, 2, 3), ("a", "b"))
    assert readout.derivatives_label.text() == "f\u2033(x\u2080) = \u2026\nf\u2034(x\u2080) = \u2026"
    partials = readout.partials_label.text()
    assert partials.count("\n") == 2 and "\u2202f/\u2202b = \u2026" in partials
    assert readout.derivatives_label.isVisible() and readout.partials_label.isVisible()
    readout.set_rows((1,), ())
    assert not readout.derivatives_label.isVisible() and not readout.partials_label.isVisible()


def test_typing_a_function_with_parameters_shows_rows_and_partials_together(open_window, qtbot):
    window = open_window()
    window.function_input.edit.setText("a sin(b x)")
    window.function_input.flush()
    assert set(window.parameter_panel.rows) == {"a", "b"}
    assert window.readout.partials_label.isVisible()  # laid out at once, numbers to follow
    settle(window)
    text = window.readout.partials_label.text()
    assert "\u2202f/\u2202a = 0.841471" in text and "\u2026" not in text  # sin(1)


def test_a_parameter_at_the_bound_shows_as_it_is(panel):
    """The boxes stopped at 1e6, so a session's 1e15 showed as 1e6; ±1e308 raised (NaN slider position)."""
    panel.show_parameters((ParameterSetting("a", MAX_MAGNITUDE, -MAX_MAGNITUDE, MAX_MAGNITUDE),))
    row = panel.rows["a"]
    shown = (row.minimum.value(), row.value.value(), row.maximum.value())
    assert shown == (-MAX_MAGNITUDE, MAX_MAGNITUDE, MAX_MAGNITUDE)
    assert row.slider.value() == SLIDER_STEPS
    panel.show_parameters((ParameterSetting("a", 1e308, -1e308, 1e308),))  # kept out of documents; no traceback
    assert row.slider.value() == 0


def _type(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_range_editing_keeps_to_the_bound_a_session_file_can_hold(open_window, qtbot, tmp_path):
    window = open_window(DocumentState(text="a x", parameters=(ParameterSetting("a", 1.0, -5.0, 5.0),)))
    panel = window.parameter_panel
    row = panel.rows["a"]
    _type(qtbot, row.maximum, "1" + "0" * 20)  # the box stops at the bound
    assert window.session.state.parameters == (ParameterSetting("a", 1.0, -5.0, MAX_MAGNITUDE),)
    _type(qtbot, row.minimum, "999999999999999")  # 1 wide at 1e15: too narrow to show
    assert panel.note.isVisible()
    assert panel.note.text() == "The range of a is too narrow to show: make it at least 1e6 wide."
    assert row.minimum.value() == -5.0 and window.session.state.parameters[0].minimum == -5.0
    _type(qtbot, row.minimum, "-2")
    assert not panel.note.isVisible() and window.session.state.parameters[0].minimum == -2.0
    path = tmp_path / "lesson.slope"
    save_document(window.session.state, path)
    assert load_document(path) == window.session.state  # what the panel makes, a file holds


def test_the_readout_says_a_partial_that_does_not_exist_does_not(open_window):
    """|a x| at a = 0: ∂f/∂a is −x left of a = 0 and x right of it, and does not exist at it
    (autograd's number there was 0). floor(a x) at x = 1, a = 1 jumps as a moves."""
    window = open_window(DocumentState(text="|a x| + floor(b x)", x0=1.0,
                                       parameters=(ParameterSetting("a", 0.0), ParameterSetting("b", 1.0))))
    settle(window)
    lines = window.readout.partials_label.text().split("\n")
    assert lines[1] == "\u2202f/\u2202a does not exist here (left \u22121, right 1)"
    assert lines[2] == "\u2202f/\u2202b does not exist here: f jumps as b moves"


def test_the_readout_says_dfdx_does_not_exist_at_a_corner_in_the_slopes_words(open_window):
    """|x − a| at x = a: ∂f/∂x has one-sided values −1 and 1, as f′ has; it is not "undefined"."""
    window = open_window(DocumentState(text="|x - a|", x0=1.0, parameters=(ParameterSetting("a", 1.0),)))
    settle(window)
    lines = window.readout.partials_label.text().split("\n")
    assert lines == ["\u2202f/\u2202x does not exist here (left \u22121, right 1)",
                     "\u2202f/\u2202a does not exist here (left \u22121, right 1)"]
