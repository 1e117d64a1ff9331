"""The function box on its own: debounced commits, the error mark, undo keys left to the window."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from explorer.views.function_input import DEBOUNCE_MS, FunctionInput

# Qt's offscreen platform (used by the tests) warns that it cannot pass size hints to a window manager.


class FakeError:
    def __init__(self, message, column):
        self.message, self.column = message, column


def test_a_burst_of_typing_commits_once_after_the_pause(qtbot):
    box = FunctionInput()
    qtbot.addWidget(box)
    committed = []
    box.text_committed.connect(committed.append)
    qtbot.keyClicks(box.edit, "sin(2x)")
    assert committed == [] and box.pending
    qtbot.waitUntil(lambda: committed == ["sin(2x)"], timeout=10 * DEBOUNCE_MS)
    assert not box.pending


def test_enter_commits_at_once_and_text_from_the_document_is_not_typing(qtbot):
    box = FunctionInput()
    qtbot.addWidget(box)
    committed = []
    box.text_committed.connect(committed.append)
    box.set_text("x^2")
    assert box.edit.text() == "x^2" and not box.pending
    qtbot.keyClicks(box.edit, "+1")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert committed == ["x^2+1"] and not box.pending


def test_an_error_shows_its_message_and_marks_its_column(qtbot):
    box = FunctionInput()
    qtbot.addWidget(box)
    box.show()
    box.set_text("x + * 2")
    box.show_error(FakeError("Expected a term before '*'", 4))
    assert box.error_label.isVisible() and "Expected a term" in box.error_label.text()
    assert box.edit.error_column == 4
    assert box.edit.column_x(4) > box.edit.column_x(0)
    assert box.edit.accessibleDescription() == box.error_label.text()
    box.show_error(None)
    assert box.edit.error_column is None and not box.error_label.isVisible()


def test_undo_keys_reach_the_window_instead_of_the_line_edit(qtbot):
    window = QMainWindow()
    box = FunctionInput()
    window.setCentralWidget(box)
    qtbot.addWidget(window)
    undone = []
    undo = QAction("Undo", window)
    undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
    undo.triggered.connect(lambda: undone.append(box.edit.text()))
    window.addAction(undo)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "abc")
    qtbot.keyClick(box.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone == ["abc"] and box.edit.text() == "abc"


def test_the_line_edit_never_undoes_on_its_own(qtbot):
    box = FunctionInput()  # no window action to take the key: the text must still stay as typed
    qtbot.addWidget(box)
    qtbot.keyClicks(box.edit, "abc")
    qtbot.keyClick(box.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.edit.text() == "abc"
