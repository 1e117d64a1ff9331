"""Showing several widgets of a panel with one layout pass instead of one each.

Qt lays out every visible ancestor of a widget the moment the widget is shown (QWidget::setVisible
activates their layouts), so showing the seven widgets of a slider row took seven passes over the
whole side column: 4–5 ms of a keystroke that brought two parameters. Changed while their panel
is hidden, they are laid out once, when it is shown again, in the same event-loop pass (nothing
is painted in between). Hiding and showing the panel costs a little itself, so this pays only
where several widgets are shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication, QWidget


@contextmanager
def one_layout_pass(panel: QWidget) -> Iterator[None]:
    """Within this block, show `panel`'s children at the cost of one layout pass.

    A panel holding the keyboard focus is left as it is: hiding it would move the focus away.
    """
    focus = QApplication.focusWidget()
    if not panel.isVisible() or (focus is not None and panel.isAncestorOf(focus)):
        yield
        return
    panel.hide()
    try:
        yield
    finally:
        panel.show()
