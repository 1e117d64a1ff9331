"""explorer.resources finds the icon in each layout the app runs from."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from explorer import resources

CHECKOUT_ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def copy_icons(target: Path) -> Path:
    target.mkdir(parents=True)
    for path in CHECKOUT_ICONS.glob(f"{resources.APP_ID}*"):
        shutil.copy(path, target)
    return target


def test_source_checkout_finds_svg_and_every_png():
    assert resources.icons_dir() == CHECKOUT_ICONS
    assert resources.icon_file() == CHECKOUT_ICONS / f"{resources.APP_ID}.svg"
    for size in resources.ICON_SIZES:
        assert resources.icon_file(size).name == f"{resources.APP_ID}-{size}.png"
    assert resources.icon_file(1000) is None


def test_pyinstaller_bundle_layout_comes_first(tmp_path, monkeypatch):
    bundled = copy_icons(tmp_path / "_internal" / "resources" / "icons")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert resources.icons_dir() == bundled


def test_wheel_layout_under_the_prefix(tmp_path, monkeypatch):
    installed = copy_icons(tmp_path / "share" / "slope-explorer" / "icons")
    monkeypatch.setattr(resources, "__file__", str(tmp_path / "site-packages" / "explorer" / "resources.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert resources.icons_dir() == installed


def test_no_icon_anywhere_gives_none_and_a_null_qicon(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_candidate_icon_dirs", lambda: [tmp_path])
    assert resources.icons_dir() is None and resources.icon_file(32) is None
    assert resources.app_icon().isNull()


@pytest.mark.parametrize("size", [16, 48, 256])
def test_app_icon_offers_the_rendered_sizes(qapp, size):
    icon = resources.app_icon()
    assert not icon.isNull()
    assert any(s.width() == size for s in icon.availableSizes())
    assert icon.pixmap(size, size).width() == size
