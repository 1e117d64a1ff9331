"""Pictures and data of what the plot shows, for the File menu and the command line alike.

- `images`: PNG, SVG and PDF of a plot view (sizes, captions), and the clipboard's image; painted by
  `scene_render` (raster and PDF) and `vector` (SVG and PDF fixes over pyqtgraph's exporters).
- `tables`: CSV of the sampled curves; the value table's rows as CSV, JSON and tab-separated text.

The package sits under the views: the File menu and the value table use it, and it never imports a
view (it takes any object with `export_item()`). Rendering a document without a window needs a
plot view, so that lives above the views, in explorer/headless.py, beside explorer/launch.py.
Every file goes through explorer.files, so a failed export leaves the old file (or nothing) at the
path, never half of one. This module holds what every exporter says about paths.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
DATA_SUFFIXES = (".csv",)


class ExportError(ValueError):
    """An export that cannot be done; `str()` is the message for the user."""


def suffix_of(path: str | os.PathLike, allowed: Sequence[str] = IMAGE_SUFFIXES + DATA_SUFFIXES) -> str:
    """The export format `path` asks for, by its extension; ExportError unless it is one of `allowed`."""
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        shown = suffix or "no extension"
        raise ExportError(f"cannot export to {Path(path).name}: {shown} is not one of {', '.join(allowed)}")
    return suffix
