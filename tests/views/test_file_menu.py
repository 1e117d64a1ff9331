"""The File menu's logic on a small window: sessions, recent files, exports, failures that change nothing."""

import dataclasses
import os

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMainWindow, QMenu

from explorer.app.document_file import load_document, save_document
from explorer.app.frame import MAIN, Frame
from explorer.app.settings import SETTINGS_DIR_VARIABLE, AppSettings
from explorer.app.state import DocumentState
from explorer.export import tables
from explorer.model.readings import CurveSet, PointKind, PointReading
from explorer.views.export_dialog import ImageOptions
from explorer.views.file_menu import install_file_menu


class FakeSession(QObject):
    """The session surface the File menu uses: state, set_state, the latest results."""

    state_changed = Signal(object)

    def __init__(self, state, curves, reading):
        super().__init__()
        self.state = state
        self.last_curves = curves
        self.last_reading = reading
        self.function, self.error = object(), None  # already parsed: it has curves

    def set_state(self, state):
        self.state = state
        self.state_changed.emit(state)


class FakePrompts:
    """Answers the questions the menu asks; records the errors it shows."""

    def __init__(self):
        self.paths: list[str | None] = []
        self.options: ImageOptions | None = None
        self.errors: list[str] = []

    def open_path(self, parent, folder):
        return self.paths.pop(0)

    def save_path(self, parent, title, suggested, file_filter):
        return self.paths.pop(0)

    def image_options(self, parent, default_size):
        return self.options

    def error(self, parent, title, message):
        self.errors.append(message)


@pytest.fixture
def settings(tmp_path, qapp, monkeypatch):
    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "config"))
    return AppSettings("SlopeExplorerTests", "file-menu")


def parabola_curves(n: int = 101) -> CurveSet:
    x = np.linspace(-4.0, 4.0, n)
    values = np.stack([x**2, 2 * x])
    connected = np.ones_like(values, dtype=bool)
    connected[:, -1] = False
    return CurveSet(x=x, values=values, connected=connected)


def framed(curves, y_ranges):
    """A frame of the document's function alone, as the session announces one."""
    return Frame(0, {MAIN: curves}, y_ranges)


PARABOLA_AT_1 = PointReading(x=1.0, values=(1.0, 2.0), kind=PointKind.SMOOTH)


@pytest.fixture
def window(qtbot, plot_view, settings):
    main = QMainWindow()
    main.session = FakeSession(DocumentState(text="x^2", orders=(1,)), parabola_curves(), PARABOLA_AT_1)
    main.plot_view = plot_view
    menu = main.menuBar().addMenu("&File")
    menu.setObjectName("fileMenu")
    menu.addAction("&Quit").setObjectName("quitAction")
    qtbot.addWidget(main)
    main.prompts = FakePrompts()
    install_file_menu(main, settings, main.prompts)
    return main


@pytest.fixture
def plot_view(qtbot):
    from explorer.views.plot_view import PlotView

    view = PlotView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_display((1,), "overlay", True)
    view.show_frame(framed(parabola_curves(), {0: (0.0, 16.0), 1: (-8.0, 8.0), -1: (-8.0, 16.0)}))
    view.set_view((-4.0, 4.0), (-8.0, 16.0))
    view.show_reading(PARABOLA_AT_1)
    return view


def _names(menu: QMenu) -> list[str]:
    return [a.objectName() or (a.menu().objectName() if a.menu() else "-") for a in menu.actions()]


def test_actions_go_before_the_windows_own_entries(window):
    names = _names(window.menuBar().findChild(QMenu, "fileMenu"))
    assert names[:3] == ["openAction", "recentMenu", "saveAction"]
    assert names[-2:] == ["-", "quitAction"]
    assert {"exportImageAction", "copyImageAction", "exportDataAction", "valueTableAction"} <= set(names)


def test_save_as_then_open_restores_the_state(window, tmp_path):
    actions = window.file_actions
    window.prompts.paths = [str(tmp_path / "lesson")]  # the suffix is added
    assert actions.save_as()
    path = tmp_path / "lesson.slope"
    assert load_document(path) == window.session.state
    assert window.windowFilePath() == str(path) and not window.isWindowModified()

    window.session.set_state(DocumentState(text="cos x"))
    assert window.isWindowModified()
    assert actions.open_document(path)
    assert window.session.state.text == "x^2"
    assert not window.isWindowModified()


def test_save_writes_to_the_current_file_without_asking(window, tmp_path):
    path = tmp_path / "lesson.slope"
    window.prompts.paths = [str(path)]
    window.file_actions.save()
    window.session.set_state(dataclasses.replace(window.session.state, x0=-2.5))
    assert window.file_actions.save()
    assert load_document(path).x0 == -2.5


def test_bad_file_shows_a_message_and_changes_nothing(window, tmp_path):
    bad = tmp_path / "photo.slope"
    bad.write_bytes(b"\x89PNG\r\n")
    before = window.session.state
    assert not window.file_actions.open_document(bad)
    assert window.session.state == before
    assert window.prompts.errors and "not a Slope Explorer session" in window.prompts.errors[0]


def test_cancelled_dialogs_do_nothing(window, tmp_path):
    window.prompts.paths = [None, None]
    assert not window.file_actions.save_as()
    assert not window.file_actions.open_document()
    assert [p for p in os.listdir(tmp_path) if p != "config"] == []


def test_recent_menu_lists_saved_files_and_opens_them(window, tmp_path, settings):
    first, second = tmp_path / "one.slope", tmp_path / "two.slope"
    save_document(DocumentState(text="x^1"), first)
    window.file_actions.open_document(first)
    window.prompts.paths = [str(second)]
    window.file_actions.save_as()
    recent = window.menuBar().findChild(QMenu, "recentMenu")
    entries = [a for a in recent.actions() if a.data()]
    assert [a.data() for a in entries] == [str(second), str(first)]
    window.session.set_state(DocumentState(text="cos x"))
    entries[1].trigger()
    assert window.session.state.text == "x^1"
    assert settings.recent_files()[0] == str(first)


def test_export_image_asks_options_then_path(window, tmp_path):
    window.prompts.options = ImageOptions(".png", (900, 600), transparent=False, caption=True)
    window.prompts.paths = [str(tmp_path / "picture")]
    assert window.file_actions.export_image()
    image = QImage(str(tmp_path / "picture.png"))
    assert (image.width(), image.height()) == (900, 600)


def test_export_image_follows_a_typed_extension(window, tmp_path):
    window.prompts.options = ImageOptions(".png", (900, 600), transparent=False, caption=False)
    window.prompts.paths = [str(tmp_path / "picture.svg")]
    assert window.file_actions.export_image()
    assert (tmp_path / "picture.svg").read_bytes().lstrip().startswith(b"<?xml")


def test_export_failure_is_a_message(window, tmp_path):
    options = ImageOptions(".pdf", (900, 600), transparent=False, caption=False)
    assert not window.file_actions.export_image_to(tmp_path / "missing" / "plot.pdf", options)
    assert "does not exist" in window.prompts.errors[0]


def test_export_data_writes_the_visible_curves(window, tmp_path):
    window.prompts.paths = [str(tmp_path / "curves")]
    assert window.file_actions.export_data()
    expected = tables.curves_csv(window.session.last_curves, window.session.state.orders)
    assert (tmp_path / "curves.csv").read_text(encoding="utf-8") == expected


def test_export_data_without_curves_says_so(window):
    window.session.last_curves = None
    assert not window.file_actions.export_data()
    assert "no curves" in window.prompts.errors[0]


def test_closing_the_window_remembers_the_session(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    state = DocumentState(text="x e^x", x0=0.5)
    window.session.set_state(state)
    window.close()
    assert AppSettings("SlopeExplorerTests", "file-menu").last_session() == state


def test_a_window_never_shown_leaves_no_last_session(window):
    window.session.set_state(DocumentState(text="headless"))
    window.close()
    assert AppSettings("SlopeExplorerTests", "file-menu").last_session() is None


def test_the_main_window_gets_the_file_menu_and_exports_what_it_shows(open_window, settings, tmp_path):
    window = open_window(DocumentState(text="x^3 - 3x", x0=1.0))
    actions = window.file_actions
    names = _names(window.menuBar().findChild(QMenu, "fileMenu"))
    assert names[0] == "openAction" and "exportImageAction" in names
    options = ImageOptions(".png", (1000, 700), transparent=False, caption=True)
    assert actions.export_image_to(tmp_path / "window.png", options)
    assert QImage(str(tmp_path / "window.png")).width() == 1000
    assert "f′(1) = 0" in actions.caption()
    assert actions.save_as(tmp_path / "window.slope")
    assert load_document(tmp_path / "window.slope") == window.session.state


def test_a_fresh_launch_with_parameters_is_not_marked_unsaved(qtbot):
    """Parsing adds the parameters' sliders to the state; that is the document as opened, not an edit."""
    from explorer.app.session import Session
    from explorer.views.main_window import MainWindow

    window = MainWindow(Session(DocumentState(text="sin(k x)"), threaded=False))
    qtbot.addWidget(window)
    window.session.start()
    assert [p.name for p in window.session.state.parameters] == ["k"]
    assert not window.file_actions.modified
    window.session.set_x0(0.5)
    assert window.file_actions.modified
