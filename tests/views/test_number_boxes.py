"""Numbers typed as a student writes them (pi/2, 1/3, sqrt(2), -e) in the x₀ and parameter boxes:
read by the parser, kept at full precision, shown rounded; a bad text is refused with a message."""

import mpmath
import pytest
from PySide6.QtCore import Qt

from explorer.app.state import DocumentState, ParameterSetting

mpmath.mp.dps = 40


def type_into(qtbot, box, text):
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize(("text", "truth"), [
    ("pi/2", mpmath.pi / 2), ("1/3", mpmath.mpf(1) / 3), ("sqrt(2)", mpmath.sqrt(2)), ("-e", -mpmath.e),
    ("1.5707963267949", mpmath.mpf("1.5707963267949")),
])
def test_x0_box_reads_a_typed_number_at_full_precision(open_window, qtbot, text, truth):
    window = open_window(DocumentState(text="x^2"))
    type_into(qtbot, window.readout.x0_box, text)
    assert window.session.state.x0 == float(truth)
    assert window.readout.x0_box.value() == float(truth)


def test_x0_box_shows_a_rounded_value_but_keeps_the_exact_one(open_window, qtbot):
    window = open_window(DocumentState(text="x^2"))
    box = window.readout.x0_box
    type_into(qtbot, box, "pi/2")
    assert box.text() == "1.570796327"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the shown text, untouched, is the exact value
    assert window.session.state.x0 == float(mpmath.pi / 2)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert window.session.state.x0 == pytest.approx(float(mpmath.pi / 2 + mpmath.mpf("0.1")), abs=1e-15)


def test_a_bad_x0_is_refused_with_a_message_and_keeps_the_last_good_one(open_window, qtbot):
    window = open_window(DocumentState(text="x^2", x0=1.25))
    box = window.readout.x0_box
    type_into(qtbot, box, "pi/")
    assert window.session.state.x0 == 1.25 and box.value() == 1.25 and box.text() == "1.25"
    message = window.statusBar().currentMessage()
    assert "\u201cpi/\u201d is not a number" in message and "stays 1.25" in message
    type_into(qtbot, box, "a+1")
    assert window.session.state.x0 == 1.25 and "cannot depend on a" in window.statusBar().currentMessage()


def test_parameter_boxes_read_typed_numbers_exactly(open_window, qtbot):
    window = open_window(DocumentState(text="a x", parameters=(ParameterSetting("a", 1.0),)))
    row = window.parameter_panel.rows["a"]
    type_into(qtbot, row.value, "1/3")
    assert window.session.state.parameters[0].value == float(mpmath.mpf(1) / 3)
    type_into(qtbot, row.maximum, "2pi")
    assert window.session.state.parameters[0].maximum == float(2 * mpmath.pi)
    type_into(qtbot, row.minimum, "sqrt(")
    assert window.session.state.parameters[0].minimum == -5.0
    assert "is not a number" in window.parameter_panel.note.text() and window.parameter_panel.note.isVisible()
