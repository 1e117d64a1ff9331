"""The icon, .desktop entry and AppStream metainfo that every installer ships."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
ICONS = RESOURCES / "icons"
APP_ID = "org.slopeexplorer.SlopeExplorer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def run_tool(*command: str) -> subprocess.CompletedProcess:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    return subprocess.run(command, capture_output=True, text=True)


def test_desktop_file_validates():
    result = run_tool("desktop-file-validate", str(RESOURCES / f"{APP_ID}.desktop"))
    assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout + result.stderr


def test_metainfo_validates():
    result = run_tool("appstreamcli", "validate", "--no-net", str(RESOURCES / f"{APP_ID}.metainfo.xml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ids_agree_between_desktop_file_metainfo_and_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(RESOURCES / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    component = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.find("provides/binary").text == desktop["Exec"].split()[0] == "slope-explorer"
    assert desktop["Icon"] == APP_ID
    assert (ICONS / f"{APP_ID}.svg").is_file()


@pytest.mark.parametrize("size", SIZES)
def test_png_icons_have_their_size_and_a_drawing(size):
    image = QImage(str(ICONS / f"{APP_ID}-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    # Transparent corners (rounded tile), opaque centre.
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_pngs_ico_and_icns_are_rendered_from_the_current_svg(qapp, tmp_path, monkeypatch):
    """Re-render into a scratch folder: the committed PNGs must be what the script makes now, to
    within one level of a colour channel (the rasterizer rounds antialiased edges differently on
    different processors), and the .ico and .icns must pack exactly the committed PNGs."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import render_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    shutil.copy(ICONS / f"{APP_ID}.svg", tmp_path)
    monkeypatch.setattr(render_icons, "ICONS", tmp_path)
    assert render_icons.main() == 0
    for size in SIZES:
        fresh = _channels(tmp_path / f"{APP_ID}-{size}.png")
        committed = _channels(ICONS / f"{APP_ID}-{size}.png")
        assert fresh.shape == committed.shape and np.abs(fresh - committed).max() <= 1, (
            f"{size} px PNG is stale: run python packaging/render_icons.py")
    pngs = {size: (ICONS / f"{APP_ID}-{size}.png").read_bytes() for size in SIZES}
    assert (ICONS / f"{APP_ID}.ico").read_bytes() == render_icons.ico_bytes(
        {size: pngs[size] for size in render_icons.ICO_SIZES})
    assert (ICONS / f"{APP_ID}.icns").read_bytes() == render_icons.icns_bytes(
        {size: pngs[size] for size in render_icons.ICNS_TYPES})


def _channels(path: Path) -> np.ndarray:
    """The image's ARGB channels as integers, one row of bytes per pixel row."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].astype(int)


def test_ico_lists_each_size_with_a_png_inside():
    data = (ICONS / f"{APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_chunks_cover_the_file():
    data = (ICONS / f"{APP_ID}.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    position, kinds = 8, []
    while position < len(data):
        kind, length = data[position:position + 4], struct.unpack_from(">I", data, position + 4)[0]
        assert data[position + 8:position + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        position += length
    assert position == len(data)
    assert kinds == [b"icp4", b"icp5", b"icp6", b"ic07", b"ic08", b"ic09"]
