"""Menu shortcuts work wherever the focus is: real key presses on the focused text field reach the
window's actions (Ctrl+E in the function or x₀ box, Ctrl+Z / Ctrl+Shift+Z in a parameter box)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from explorer.app.state import DocumentState, ParameterSetting


class AskedForImageOptions:
    """Prompts that record the export dialog being asked for, and cancel it."""

    def __init__(self):
        self.asked = 0

    def image_options(self, window, size):
        self.asked += 1
        return None


def focused(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (widget, getattr(widget, "lineEdit", lambda: None)()))
    return QApplication.focusWidget()


def test_ctrl_e_exports_with_the_focus_in_the_function_box_or_the_x0_box(open_window, qtbot):
    window = open_window(DocumentState(text="x^2"))
    window.file_actions.prompts = prompts = AskedForImageOptions()
    qtbot.keyClick(focused(qtbot, window.function_input.edit), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert prompts.asked == 1
    assert window.function_input.edit.text() == "x^2"
    qtbot.keyClick(focused(qtbot, window.readout.x0_box), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert prompts.asked == 2


def test_undo_and_redo_keys_work_in_a_parameter_box(open_window, qtbot):
    window = open_window(DocumentState(text="a x", parameters=(ParameterSetting("a", 1.0),)))
    box = window.parameter_panel.rows["a"].value
    target = focused(qtbot, box)
    box.selectAll()
    qtbot.keyClicks(target, "3")
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert window.session.state.parameters[0].value == 3.0
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.state.parameters[0].value == 1.0 and box.value() == 1.0
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.state.parameters[0].value == 3.0 and box.value() == 3.0


def test_keys_no_menu_uses_stay_with_the_text_field(open_window, qtbot):
    window = open_window(DocumentState(text="x^2"))
    edit = window.function_input.edit
    target = focused(qtbot, edit)
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert edit.selectedText() == "x^2"
