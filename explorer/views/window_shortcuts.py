"""Menu shortcuts that work wherever the focus is.

A text field claims some keys before the window's shortcuts see them: on Linux a QLineEdit takes
Ctrl+E (end of line, an Emacs binding), and every line edit takes Ctrl+Z and Ctrl+Shift+Z for its
own undo. In Slope Explorer those keys are the menus' (Export Image, the document's Undo and Redo),
so a text field that asks `is_window_shortcut` lets them go: keys no menu uses (Ctrl+C, Ctrl+V,
Ctrl+A, Home, the arrows) stay the field's, and so does every key that types a character: `[` and
`]` step through the features of the curve from the plot, but type brackets in the function box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def is_window_shortcut(widget: QWidget, event) -> bool:
    """Whether the key of `event` (a key press or ShortcutOverride) is the shortcut of an action
    of `widget`'s window, and no key that types a character into the field."""
    command = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    if not event.modifiers() & command and event.text().isprintable() and event.text():
        return False
    pressed = QKeySequence(event.keyCombination())
    for action in widget.window().findChildren(QAction):
        if any(shortcut.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for shortcut in action.shortcuts()):
            return True
    return False


def yield_window_shortcut(widget: QWidget, event) -> bool:
    """For a text field's `event()`: True (handled) where a ShortcutOverride is for a window
    shortcut, which is then left to the window; False to let the field handle the event."""
    if event.type() == QEvent.Type.ShortcutOverride and is_window_shortcut(widget, event):
        event.ignore()
        return True
    return False
