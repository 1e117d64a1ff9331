"""Render the README screenshot offscreen: ``python -m explorer.views.screenshot OUT.png``.

It draws the real window on a fixed document, so the picture in the README never drifts from
what the app looks like.
"""

from __future__ import annotations

import argparse
import os

from explorer.app.state import DocumentState, ParameterSetting

README_STATE = DocumentState(
    text="a sin(x) + x^2/4",
    parameters=(ParameterSetting("a", value=2.0, minimum=-3.0, maximum=3.0),),
    x_range=(-6.0, 6.0),
    x0=1.2,
    orders=(1, 2),
)


def render(path: str, state: DocumentState = README_STATE, width: int = 1200, height: int = 800) -> None:
    """Save a picture of the window showing `state`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from explorer.app.session import Session
    from explorer.views.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    session = Session(state, threaded=False)
    window = MainWindow(session)
    window.resize(width, height)
    window.show()
    app.processEvents()
    session.start()
    app.processEvents()
    if not window.grab().save(path):
        raise SystemExit(f"could not write {path}")
    window.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="PNG file to write")
    parser.add_argument("--size", default="1200x800", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    render(args.out, width=width, height=height)


if __name__ == "__main__":
    main()
