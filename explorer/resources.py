"""Find the app's icon wherever the app runs: a source checkout, an installed wheel or a PyInstaller bundle.

Each layout puts the files somewhere else: the checkout and the bundle have a `resources/` folder (beside
the package, or in the bundle's `_internal`), a wheel installs the SVG and PNGs under
`<prefix>/share/slope-explorer/icons` (see `[tool.setuptools.data-files]` in pyproject.toml).
Qt is imported only by `app_icon`, so the rest works in scripts and tests without a display.
"""

from __future__ import annotations

import site
import sys
from pathlib import Path

APP_ID = "org.slopeexplorer.SlopeExplorer"
#: The PNG sizes rendered from the SVG by packaging/render_icons.py.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _candidate_icon_dirs() -> list[Path]:
    """Where the icons may be, most specific layout first."""
    dirs = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(Path(bundle) / "resources" / "icons")
    dirs.append(Path(__file__).resolve().parent.parent / "resources" / "icons")
    for prefix in (sys.prefix, site.getuserbase()):
        dirs.append(Path(prefix) / "share" / "slope-explorer" / "icons")
    return dirs


def icons_dir() -> Path | None:
    """The folder holding the icon SVG, or None when this installation has none."""
    for folder in _candidate_icon_dirs():
        if (folder / f"{APP_ID}.svg").is_file():
            return folder
    return None


def icon_file(size: int | None = None) -> Path | None:
    """The SVG icon (size None) or the PNG of `size` pixels; None when it is not installed."""
    folder = icons_dir()
    if folder is None:
        return None
    path = folder / (f"{APP_ID}.svg" if size is None else f"{APP_ID}-{size}.png")
    return path if path.is_file() else None


def app_icon():
    """The window icon as a QIcon with every PNG size (a null QIcon when no icon is installed).

    PNGs, not only the SVG: they draw crisply at small sizes and need no SVG icon-engine plugin.
    """
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_file(size)
        if path is not None:
            icon.addFile(str(path))
    return icon
