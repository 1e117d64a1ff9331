"""What the app remembers between runs: recent files and the last session.

Stored with QSettings under one organization/application name. The environment variable
SLOPE_EXPLORER_SETTINGS_DIR moves them to an INI file in that folder (test runs and the apps they
launch, portable installs); `use_settings_folder` does the same for one process. The last session
is kept in the `.slope` JSON form, so a damaged or newer entry is refused by the same strict reader
as a file and simply ignored.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from explorer.app.document_file import DocumentError, document_from_bytes, document_to_bytes
from explorer.app.state import DocumentState

ORGANIZATION = "SlopeExplorer"
APPLICATION = "Slope Explorer"
MAX_RECENT = 8
_RECENT_KEY = "files/recent"
_LAST_SESSION_KEY = "session/last"
_LAST_FOLDER_KEY = "files/last_folder"
SETTINGS_DIR_VARIABLE = "SLOPE_EXPLORER_SETTINGS_DIR"


def use_settings_folder(folder: str | os.PathLike) -> None:
    """Keep settings as INI files under `folder` (tests, portable installs) instead of the user's profile."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


class AppSettings:
    """Typed access to the few values we keep; every getter survives garbage in the store."""

    def __init__(self, organization: str = ORGANIZATION, application: str = APPLICATION):
        folder = os.environ.get(SETTINGS_DIR_VARIABLE)
        if folder:
            path = Path(folder) / organization / f"{application}.ini"
            self._store = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._store = QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, organization, application)

    def recent_files(self) -> list[str]:
        """Most recent first; files that no longer exist are dropped."""
        value = self._store.value(_RECENT_KEY, [])
        if isinstance(value, str):  # QSettings returns a one-element list as a bare string
            value = [value]
        if not isinstance(value, list):
            return []
        return [p for p in value if isinstance(p, str) and Path(p).is_file()][:MAX_RECENT]

    def add_recent_file(self, path: str | os.PathLike) -> None:
        path = str(Path(path).absolute())
        files = [path] + [p for p in self.recent_files() if p != path]
        self._store.setValue(_RECENT_KEY, files[:MAX_RECENT])

    def clear_recent_files(self) -> None:
        self._store.remove(_RECENT_KEY)

    def last_folder(self) -> str:
        value = self._store.value(_LAST_FOLDER_KEY, "")
        return value if isinstance(value, str) and Path(value).is_dir() else str(Path.home())

    def set_last_folder(self, folder: str | os.PathLike) -> None:
        self._store.setValue(_LAST_FOLDER_KEY, str(folder))

    def last_session(self) -> DocumentState | None:
        value = self._store.value(_LAST_SESSION_KEY)
        if not isinstance(value, str):
            return None
        try:
            return document_from_bytes(value.encode("utf-8"), name="the last session")
        except DocumentError:
            return None

    def save_last_session(self, state: DocumentState) -> None:
        """Remember `state` for the next launch. It runs as the app quits, where an exception would
        be a traceback nobody can act on and the state would be lost: text no file can hold is
        stored with a replacement character (document_file.storable_text), and a state that still
        cannot be written keeps the session remembered before and says so on stderr."""
        try:
            document = document_to_bytes(state).decode("utf-8")
        except ValueError:  # a non-finite number: JSON has none
            print("slope-explorer: this session holds a number that is not finite, so the session "
                  "remembered before is kept for the next launch", file=sys.stderr)
            return
        self._store.setValue(_LAST_SESSION_KEY, document)

    def sync(self) -> None:
        self._store.sync()
