"""Quitting the app's window with unsaved changes asks Save / Discard / Cancel; the title shows one
asterisk; a window opened on a file saves to it with Ctrl+S; file names in message boxes are text.
The window's close button asks too: tests/test_launch.py closes a real window on Xvfb.

The windows are the app's own (launch.open_window, in-process engine); the questions go to a small
fake (`Answers`) except where the real message box itself is what is tested.
"""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from explorer import launch
from explorer.app.document_file import load_document, save_document
from explorer.app.settings import SETTINGS_DIR_VARIABLE, AppSettings
from explorer.app.state import DocumentState, ParameterSetting
from explorer.views.file_menu import Prompts

SAVE, DISCARD, CANCEL = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)
#: As the app saves a session: with the slider of each parameter.
LESSON = DocumentState(text="a x^2", parameters=(ParameterSetting("a", 2.0),), x0=0.5, orders=(1,))


class Answers:
    """Answers the unsaved-changes question with the answers given, in turn (a question not
    expected fails the test), and Save As with the paths given; records what it was asked."""

    def __init__(self, *answers, paths=()):
        self.answers, self.paths = list(answers), list(paths)
        self.asked: list[str] = []
        self.errors: list[str] = []

    def unsaved_changes(self, parent, name):
        self.asked.append(name)
        assert self.answers, f"asked about unsaved changes to {name!r} where nothing was unsaved"
        return self.answers.pop(0)

    def save_path(self, parent, title, suggested, file_filter):
        return self.paths.pop(0)

    def error(self, parent, title, message):
        self.errors.append(message)


@pytest.fixture
def settings(tmp_path, monkeypatch, qapp):
    """The app's own settings (what the next launch reads), in a scratch folder."""
    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "config"))
    return AppSettings()


@pytest.fixture
def app_window(qtbot, real_engine, settings):
    """app_window(state=None, path=None, answers=Answers()) -> the app's window, shown and drawn."""
    from explorer.app.in_process_engine import InProcessEngine

    def make(state=None, path=None, answers=None):
        window = launch.open_window(state=state, engine=InProcessEngine(real_engine), path=path)
        window.file_actions.prompts = answers or Answers()
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.session.last_reading is not None and not window.session.busy)
        return window

    return make


@pytest.fixture
def lesson(tmp_path):
    path = tmp_path / "lesson.slope"
    save_document(LESSON, path)
    return path


def title(window) -> str:
    return window.windowHandle().title()


def test_quit_with_changes_to_a_file_asks_and_cancel_keeps_the_window(app_window, lesson, settings):
    window = app_window(load_document(lesson), lesson, Answers(CANCEL))
    window.session.set_x0(2.0)
    window.quit_action.trigger()
    assert window.file_actions.prompts.asked == ["lesson.slope"]
    assert window.isVisible() and window.session.state.x0 == 2.0
    assert settings.last_session() is None  # nothing remembered: the window is still open
    assert load_document(lesson) == LESSON


def test_save_writes_the_file_then_closes(app_window, lesson, settings):
    window = app_window(load_document(lesson), lesson, Answers(SAVE))
    window.session.set_x0(2.0)
    window.quit_action.trigger()
    assert not window.isVisible()
    assert load_document(lesson).x0 == 2.0
    assert settings.last_session() == load_document(lesson)


def test_discard_leaves_the_file_and_the_next_launch_gets_the_file_back(app_window, lesson, settings):
    window = app_window(load_document(lesson), lesson, Answers(DISCARD))
    window.session.set_x0(2.0)
    window.quit_action.trigger()
    assert not window.isVisible()
    assert load_document(lesson) == LESSON
    # the changes are gone, and the next launch is on the file again (Save writes to it)
    assert launch.last_session(AppSettings()) == (LESSON, lesson)


def test_an_untitled_session_saved_on_quit_asks_for_a_name(app_window, tmp_path, settings):
    window = app_window(DocumentState(text="x^3"), answers=Answers(SAVE, SAVE, paths=[None, str(tmp_path / "mine")]))
    window.session.set_x0(-1.0)
    window.quit_action.trigger()  # Save, then Save As cancelled: still open
    assert window.file_actions.prompts.asked == [""] and window.isVisible()
    window.quit_action.trigger()  # Save, then a name
    assert not window.isVisible()
    assert load_document(tmp_path / "mine.slope") == window.session.state


def test_a_save_that_fails_keeps_the_window_open(app_window, tmp_path, settings):
    window = app_window(DocumentState(text="x^3"), answers=Answers(SAVE, paths=[str(tmp_path / "gone" / "mine")]))
    window.session.set_x0(-1.0)
    window.quit_action.trigger()
    assert window.isVisible()
    assert "does not exist" in window.file_actions.prompts.errors[0]


def test_a_plain_launch_and_quit_asks_nothing(app_window, settings):
    window = app_window()  # Answers() fails the test if it is asked
    window.quit_action.trigger()
    assert not window.isVisible()
    assert settings.last_session() == window.session.state


def test_a_restored_session_asks_only_when_changed_in_this_run(app_window, settings):
    restored = DocumentState(text="sin(k x)", x0=0.25)
    window = app_window(restored)  # sliders added by parsing are not a change
    window.quit_action.trigger()
    assert not window.isVisible()
    window = app_window(restored, answers=Answers(DISCARD))
    window.session.set_x0(1.0)
    window.quit_action.trigger()
    assert window.file_actions.prompts.asked == [""] and not window.isVisible()
    assert settings.last_session().x0 == 0.25  # discarded: the next launch is as this one began


def test_a_close_the_program_makes_asks_nothing_and_keeps_the_state(app_window, lesson, settings, qtbot):
    """A test, the benchmark or a logout closing the window: nobody to answer, nothing lost (the
    function still being typed included)."""
    window = app_window(load_document(lesson), lesson)  # asking would fail the test
    window.session.set_x0(2.0)
    window.function_input.edit.selectAll()
    qtbot.keyClicks(window.function_input.edit, "x^4")
    window.close()
    assert not window.isVisible()
    assert (settings.last_session().text, settings.last_session().x0) == ("x^4", 2.0)
    assert load_document(lesson) == LESSON


def test_a_function_still_being_typed_is_part_of_what_is_saved(app_window, lesson, qtbot):
    window = app_window(load_document(lesson), lesson, Answers(SAVE))
    edit = window.function_input.edit
    edit.selectAll()
    qtbot.keyClicks(edit, "x^4")
    assert window.function_input.pending  # quit before the typing pause
    window.quit_action.trigger()
    assert load_document(lesson).text == "x^4"


def test_the_title_has_one_asterisk_through_edits_and_undo(app_window, lesson):
    window = app_window(load_document(lesson), lesson)
    assert title(window) == "lesson.slope \u2014 Slope Explorer"
    window.session.set_x0(1.0)
    window.session.toggle_order(2)
    window.undo()
    assert window.session.state.x0 == 1.0 and window.session.state.orders == (1,)
    assert title(window) == "lesson.slope* \u2014 Slope Explorer"
    window.undo()
    assert title(window) == "lesson.slope \u2014 Slope Explorer"


def test_ctrl_s_saves_a_file_opened_at_launch_to_that_file(app_window, lesson, qtbot):
    window = app_window(load_document(lesson), lesson)  # asking for a path would fail the test
    window.activateWindow()
    qtbot.waitActive(window)
    window.session.set_x0(-2.0)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_document(lesson) == window.session.state
    assert load_document(lesson).x0 == -2.0 and not window.isWindowModified()


# --- the real message boxes ---------------------------------------------------------------------------

def _answer_box_with(button, seen: list):
    """While the box runs its own event loop: note what it shows, then click `button` in it."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        label = box.findChild(QLabel, "qt_msgbox_label")
        as_typed = QLabel(label.text())  # how the text looks as plain text, wrapped as in the box
        as_typed.setTextFormat(Qt.TextFormat.PlainText)
        as_typed.setWordWrap(label.wordWrap())
        as_typed.setFont(label.font())
        width = label.width()
        seen.append((label.text(), label.textFormat(), label.heightForWidth(width), as_typed.heightForWidth(width)))
        box.button(button).click()

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("button", [SAVE, DISCARD, CANCEL])
def test_the_real_question_returns_the_button_clicked(qtbot, button):
    seen = []
    _answer_box_with(button, seen)
    assert Prompts().unsaved_changes(None, "lesson.slope") == button
    assert seen[0][0] == "Save the changes to lesson.slope before closing?"


def test_file_names_in_message_boxes_are_plain_text(qtbot):
    """A file named "<h1>BIG.slope" shows its name as typed, on one line, not as a big heading."""
    seen = []
    _answer_box_with(QMessageBox.StandardButton.Ok, seen)
    Prompts().error(None, "Cannot Open Session", "<h1>BIG.slope is not a Slope Explorer session")
    _answer_box_with(CANCEL, seen)
    Prompts().unsaved_changes(None, "<h1>BIG.slope")
    for text, text_format, height, height_as_typed in seen:
        assert "<h1>BIG.slope" in text and text_format == Qt.TextFormat.PlainText
        assert height == height_as_typed  # no heading: as tall as the words typed
