"""The File menu: open, save and recent sessions; export images and data; the value table.

`FileActions` holds the logic and takes its questions to the user from a `Prompts` object, so tests
drive it with a small fake instead of modal file dialogs. Any failure (unreadable or foreign file,
unwritable folder) is a message box; the document and the files on disk stay as they were.

Closing the window with unsaved changes asks Save, Discard or Cancel when the user closes it (File >
Quit, Ctrl+Q, the window's close button): "unsaved" means that the document differs from its file,
or, for a session never saved (the one restored from the last run included), that the user changed
it in this run, so a plain launch and quit never asks. A close the program makes itself (a test, the
benchmark, a logout) has nobody to answer and asks nothing; the last session keeps the state.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from explorer.app.document_file import SUFFIX, DocumentError, load_document, save_document
from explorer.app.settings import AppSettings
from explorer.export import IMAGE_SUFFIXES, ExportError, images, tables
from explorer.views.export_dialog import ExportImageDialog, ImageOptions
from explorer.views.export_look import exported_in
from explorer.views.formatting import caption_text

SESSION_FILTER = f"Slope Explorer sessions (*{SUFFIX})"
IMAGE_FILTERS = {".png": "PNG image (*.png)", ".svg": "SVG drawing (*.svg)", ".pdf": "PDF document (*.pdf)"}
CSV_FILTER = "CSV table (*.csv)"
FEATURE_FILTERS = {".csv": CSV_FILTER, ".json": "JSON data (*.json)"}

SAVE, DISCARD, CANCEL = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


def message_box(parent: QWidget, title: str, text: str, buttons) -> QMessageBox:
    """A warning box whose text shows as typed: a file named "<h1>BIG.slope" is not a heading."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class Prompts:
    """Questions the File menu asks, as real dialogs. A path or options asked for is None when the
    user cancels."""

    def open_path(self, parent: QWidget, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open Session", folder, f"{SESSION_FILTER};;All files (*)")
        return path or None

    def save_path(self, parent: QWidget, title: str, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return path or None

    def image_options(self, parent: QWidget, default_size: tuple[int, int]) -> ImageOptions | None:
        dialog = ExportImageDialog(default_size, parent)
        return dialog.options() if dialog.exec() == ExportImageDialog.DialogCode.Accepted else None

    def error(self, parent: QWidget, title: str, message: str) -> None:
        message_box(parent, title, message, QMessageBox.StandardButton.Ok).exec()

    def unsaved_changes(self, parent: QWidget, name: str) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (also Escape, or closing the box): what to do with the changes
        to the session `name` ("" while it has no file) before the window closes."""
        buttons = SAVE | DISCARD | CANCEL
        box = message_box(parent, "Unsaved Changes",
                          f"Save the changes to {name or 'this session'} before closing?", buttons)
        box.setInformativeText("If you don't save them, your changes will be lost.")
        box.setDefaultButton(SAVE)
        box.setEscapeButton(CANCEL)
        box.exec()
        return box.standardButton(box.clickedButton()) if box.clickedButton() else CANCEL


def with_suffix(path: str, suffix: str, accepted: tuple[str, ...] = ()) -> Path:
    """`path` with `suffix` added when it has none of the accepted ones (file dialogs may drop it)."""
    path = Path(path)
    return path if path.suffix.lower() in (accepted or (suffix,)) else path.with_name(path.name + suffix)


class FileActions(QObject):
    """What the File menu does to one window's session."""

    def __init__(self, window, settings: AppSettings | None = None, prompts: Prompts | None = None):
        super().__init__(window)
        self.window = window
        self.settings = settings or AppSettings()
        self.prompts = prompts or Prompts()
        self.path: Path | None = None
        self._saved_state = window.session.state
        self.recent_menu: QMenu | None = None
        #: Only a window the user has seen leaves a "last session" (not a headless export's).
        self._shown = window.isVisible()
        self._quitting = False  # File > Quit is closing the window
        self._discarded = False  # the user closed the window discarding its changes
        self._base_title = window.windowTitle().replace("[*]", "")  # one "*" in the title, not two
        if window.session.function is None and window.session.error is None:
            # The session parses after the first paint and adds the parameters' sliders to the state:
            # that is still the document as opened, not an edit to mark as unsaved.
            window.session.state_changed.connect(self._take_opened_state, Qt.ConnectionType.SingleShotConnection)
        window.session.state_changed.connect(self._show_modified)
        window.installEventFilter(self)
        QApplication.instance().aboutToQuit.connect(self.remember_session)

    @property
    def session(self):
        return self.window.session

    @property
    def modified(self) -> bool:
        return self.session.state != self._saved_state

    def _take_opened_state(self, state) -> None:
        self._saved_state = state

    def _show_modified(self, *_) -> None:
        if "[*]" in self.window.windowTitle():  # Qt warns about a title without the placeholder
            self.window.setWindowModified(self.modified)

    def attach(self, path: str | os.PathLike) -> None:
        """The session shown is the file at `path`, read before the window was made (the command
        line, the last session): Save writes to it, the title names it."""
        self._set_path(Path(path).absolute())

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        self._saved_state = self.session.state
        self.window.setWindowFilePath(str(path) if path else "")
        if path is not None:
            title = f"{path.name}[*]"
            self.window.setWindowTitle(f"{title} \u2014 {self._base_title}" if self._base_title else title)
        self._show_modified()
        if path is not None:
            self.settings.add_recent_file(path)
            self.settings.set_last_folder(path.parent)
            self._rebuild_recent()

    def _fail(self, title: str, error: Exception) -> bool:
        self.prompts.error(self.window, title, str(error))
        return False

    # --- sessions ---------------------------------------------------------------------------------

    def open_document(self, path: str | os.PathLike | None = None) -> bool:
        if path is None:
            path = self.prompts.open_path(self.window, self.settings.last_folder())
            if path is None:
                return False
        try:
            state = load_document(path)
        except DocumentError as error:
            return self._fail("Cannot Open Session", error)
        self.session.set_state(state)
        self._set_path(Path(path).absolute())
        return True

    def save(self) -> bool:
        return self.save_as(self.path) if self.path is not None else self.save_as()

    def save_as(self, path: str | os.PathLike | None = None) -> bool:
        if path is None:
            suggested = str(self.path or Path(self.settings.last_folder()) / f"untitled{SUFFIX}")
            chosen = self.prompts.save_path(self.window, "Save Session", suggested, SESSION_FILTER)
            if chosen is None:
                return False
            path = with_suffix(chosen, SUFFIX)
        try:
            save_document(self.session.state, path)
        except OSError as error:
            return self._fail("Cannot Save Session", error)
        self._set_path(Path(path).absolute())
        return True

    def remember_session(self) -> None:
        """Keep the state for the next launch (called when the window closes and the app quits):
        as shown, or as saved when the user discarded the changes."""
        if self._shown:
            self.settings.save_last_session(self._saved_state if self._discarded else self.session.state)
            self.settings.sync()

    def quit(self) -> bool:
        """File > Quit: close the window as the user asked, so unsaved changes are asked about."""
        self._quitting = True
        try:
            return self.window.close()
        finally:
            self._quitting = False

    def may_close(self, asked_by_user: bool) -> bool:
        """Whether the window may close now: not the user's close, nothing unsaved, or the user
        saved (and the save worked) or discarded it; Cancel, a cancelled Save As or a failed save
        keep it open."""
        if not (asked_by_user and self._shown):
            return True
        if not self.modified:
            return True
        answer = self.prompts.unsaved_changes(self.window, self.path.name if self.path else "")
        if answer == SAVE:
            return self.save()
        self._discarded = answer == DISCARD
        return self._discarded

    def _commit_typing(self) -> None:
        """A function still waiting for the typing pause is part of the document being closed
        (saved, asked about, remembered)."""
        box = getattr(self.window, "function_input", None)
        if box is not None and box.pending:
            box.flush()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.Show:
                self._shown = True
            elif event.type() == QEvent.Type.Close:
                self._commit_typing()
                # The window system's close (its close button) comes as a spontaneous event.
                if not self.may_close(self._quitting or event.spontaneous()):
                    event.ignore()
                    return True  # the window stays open, with its session running
                self.remember_session()
        return False

    def _rebuild_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        files = self.settings.recent_files()
        for number, file in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {Path(file).name}")
            action.setToolTip(file)
            action.setData(file)
            action.triggered.connect(lambda _checked=False, f=file: self.open_document(f))
        if files:
            menu.addSeparator()
        clear = menu.addAction("Clear List", self._clear_recent)
        clear.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._rebuild_recent()

    # --- pictures ---------------------------------------------------------------------------------

    def caption(self) -> str:
        state = self.session.state
        return caption_text(state.text, self.session.last_reading, state.parameter_values())

    def _suggested(self, suffix: str) -> str:
        stem = self.path.stem if self.path is not None else "plot"
        return str(Path(self.settings.last_folder()) / f"{stem}{suffix}")

    def export_image(self) -> bool:
        plot_view = self.window.plot_view
        options = self.prompts.image_options(self.window, images.default_image_size(plot_view))
        if options is None:
            return False
        chosen = self.prompts.save_path(self.window, "Export Image", self._suggested(options.suffix),
                                        IMAGE_FILTERS[options.suffix])
        if chosen is None:
            return False
        return self.export_image_to(with_suffix(chosen, options.suffix, IMAGE_SUFFIXES), options)

    def export_image_to(self, path: str | os.PathLike, options: ImageOptions) -> bool:
        try:
            with exported_in(self.window.plot_view, options.dark):
                images.export_image(self.window.plot_view, path, options.size, transparent=options.transparent,
                                    caption=self.caption() if options.caption else "")
        except (OSError, ExportError) as error:
            return self._fail("Cannot Export Image", error)
        self.settings.set_last_folder(Path(path).absolute().parent)
        self._say_saved(path)
        return True

    def _say_saved(self, path: str | os.PathLike) -> None:
        """Say where the file went, in the window's status line (a window without one: nowhere)."""
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(f"Exported to {Path(path).absolute()}", 10000)

    def copy_image(self) -> None:
        images.copy_image_to_clipboard(self.window.plot_view)

    # --- data -------------------------------------------------------------------------------------

    def export_data(self, path: str | os.PathLike | None = None) -> bool:
        curves = self.session.last_curves
        if curves is None:
            return self._fail("Cannot Export Data", ExportError("There are no curves to export yet."))
        if path is None:
            chosen = self.prompts.save_path(self.window, "Export Data", self._suggested(".csv"), CSV_FILTER)
            if chosen is None:
                return False
            path = with_suffix(chosen, ".csv")
        try:
            tables.export_csv(curves, path, self.session.state.orders)
        except (OSError, ExportError) as error:
            return self._fail("Cannot Export Data", error)
        self.settings.set_last_folder(Path(path).absolute().parent)
        self._say_saved(path)
        return True

    def export_features(self, suffix: str = ".csv", path: str | os.PathLike | None = None) -> bool:
        """The features of the curve shown, as CSV or JSON (the command line's serialisation)."""
        from explorer.export.features import FEATURE_SUFFIXES, export_features

        frame = self.session.last_frame
        found = frame.main_features if frame is not None else None
        if path is None:
            chosen = self.prompts.save_path(self.window, "Export Features", self._suggested(suffix),
                                            FEATURE_FILTERS[suffix])
            if chosen is None:
                return False
            path = with_suffix(chosen, suffix, FEATURE_SUFFIXES)
        try:
            export_features(found, self.session.state.text, path)
        except (OSError, ExportError) as error:
            return self._fail("Cannot Export Features", error)
        self.settings.set_last_folder(Path(path).absolute().parent)
        return True

    def show_value_table(self):
        from explorer.views.value_table_dialog import ValueTableDialog

        dialog = ValueTableDialog(self.session, self.window)
        dialog.compute()
        dialog.show()
        return dialog


def _file_menu(window) -> QMenu:
    menu = window.menuBar().findChild(QMenu, "fileMenu")
    if menu is None:
        menu = window.menuBar().addMenu("&File")
        menu.setObjectName("fileMenu")
    return menu


def _action(menu: QMenu, text: str, slot, shortcut=None, name: str = "") -> QAction:
    action = QAction(text, menu)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def install_file_menu(window, settings: AppSettings | None = None, prompts: Prompts | None = None) -> FileActions:
    """Add the file actions to the window's File menu (before anything already in it, e.g. Quit)."""
    actions = FileActions(window, settings, prompts)
    menu = _file_menu(window)
    # Qt's insert* with no action before it (None) appends.
    first = menu.actions()[0] if menu.actions() else None
    S = QKeySequence.StandardKey
    entries = [
        _action(menu, "&Open…", actions.open_document, S.Open, "openAction"),
        None,  # Open Recent
        _action(menu, "&Save", actions.save, S.Save, "saveAction"),
        _action(menu, "Save &As…", actions.save_as, S.SaveAs, "saveAsAction"),
        "-",
        _action(menu, "&Export Image…", actions.export_image, "Ctrl+E", "exportImageAction"),
        _action(menu, "Copy &Image", actions.copy_image, "Ctrl+Shift+C", "copyImageAction"),
        _action(menu, "Export &Data (CSV)…", actions.export_data, "Ctrl+Shift+E", "exportDataAction"),
        _action(menu, "Export &Features (CSV)…", lambda: actions.export_features(".csv"), None, "exportFeaturesAction"),
        _action(menu, "&Value Table…", actions.show_value_table, "Ctrl+T", "valueTableAction"),
    ]
    recent = QMenu("Open &Recent", menu)
    recent.setObjectName("recentMenu")
    actions.recent_menu = recent
    for entry in entries:
        if entry is None:
            menu.insertMenu(first, recent)
        elif entry == "-":
            menu.insertSeparator(first)
        else:
            menu.insertAction(first, entry)
    if first is not None:
        menu.insertSeparator(first)
    actions._rebuild_recent()
    window.file_actions = actions
    return actions
