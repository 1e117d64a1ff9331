"""The real app, run by its command line (explorer.cli.main) in a process of its own and quit as a
user would. Tests start it with `python quitting_app.py ARGS...` and read its stdout and stderr.

Once the window's first reading is in (or after TIMEOUT_S, when it never comes: a text that does not
parse), it prints one JSON line: the title as shown, the file the window saves to, the text, x₀ and
the window's id on the window system. With SLOPE_TEST_X0 set it then moves x₀ there (an unsaved
change). It quits with File > Quit, or, with SLOPE_TEST_QUIT=outside, waits for the test to close
the window (as a window manager's close button does). Each question asked on the way is printed as a
JSON line and answered with the next word of SLOPE_TEST_ANSWERS ("save", "discard" or "cancel",
comma-separated) by clicking that button of the real message box; after a Cancel it prints
{"still_open": true} and, with File > Quit, quits again.
"""

import json
import os
import sys
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer.cli import main

TIMEOUT_S = 30
BUTTONS = {"save": QMessageBox.StandardButton.Save, "discard": QMessageBox.StandardButton.Discard,
           "cancel": QMessageBox.StandardButton.Cancel}


def say(**fields) -> None:
    print(json.dumps(fields), flush=True)


def main_window():
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"), None)


class Quitter:
    def __init__(self):
        self.started = time.monotonic()
        self.answers = [a for a in os.environ.get("SLOPE_TEST_ANSWERS", "").split(",") if a]
        self.by_menu = os.environ.get("SLOPE_TEST_QUIT", "menu") == "menu"
        self.watch = QTimer()
        self.watch.timeout.connect(self.answer)  # also inside a question's own event loop
        self.watch.start(50)

    def wait_for_reading(self) -> None:
        window = main_window()
        ready = window is not None and window.session.last_reading is not None and not window.session.busy
        if window is None or not (ready or time.monotonic() - self.started > TIMEOUT_S):
            QTimer.singleShot(50, self.wait_for_reading)
            return
        path = window.file_actions.path
        say(title=window.windowHandle().title(), file=str(path) if path else None,
            text=window.session.state.text, x0=window.session.state.x0, window=int(window.winId()))
        if os.environ.get("SLOPE_TEST_X0"):
            window.session.set_x0(float(os.environ["SLOPE_TEST_X0"]))
        if self.by_menu:
            QTimer.singleShot(0, self.quit)

    def quit(self) -> None:
        window = main_window()
        next(a for a in window.file_menu.actions() if a.text() == "&Quit").trigger()
        if window.isVisible():
            QTimer.singleShot(0, self.quit)

    def answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        answer = self.answers.pop(0)
        say(asked=box.text(), plain=box.textFormat() == Qt.TextFormat.PlainText)
        box.button(BUTTONS[answer]).click()
        if answer == "cancel":
            QTimer.singleShot(100, lambda: say(still_open=main_window().isVisible()))


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    quitter = Quitter()
    QTimer.singleShot(0, quitter.wait_for_reading)
    sys.exit(main(sys.argv[1:]))
