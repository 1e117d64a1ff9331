"""A picture's look, chosen for the export rather than taken from the desktop: the plot view is
shown in the light or dark palette for the length of the export, then follows the desktop again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from explorer.views.theme import export_palette


@contextmanager
def exported_in(view: QWidget, dark: bool) -> Iterator[None]:
    """Show `view` light (dark=False) or dark while the body exports it."""
    own = view.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
    before = QPalette(view.palette())
    view.setPalette(export_palette(dark))
    try:
        yield
    finally:
        view.setPalette(before if own else QPalette())
