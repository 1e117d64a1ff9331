"""Export without a window: a Session and a plot view, and nothing else (no MainWindow, menus or settings)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOW_MODULES = ("explorer.launch", "explorer.views.main_window", "explorer.views.file_menu", "explorer.app.settings")


def test_a_headless_export_builds_no_window_and_reads_no_settings(tmp_path):
    path, settings = tmp_path / "plot.png", tmp_path / "settings"
    settings.mkdir()
    code = (
        "import sys; from explorer.cli import main; from PySide6.QtWidgets import QApplication;"
        f"done = main(['export', 'a x^2', '--caption', '--orders', '1,2', '--layout', 'stacked', '-o', {str(path)!r}]);"
        f"print(done, sorted(m for m in sys.modules if m.startswith({WINDOW_MODULES!r})),"
        " [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isWindow() and not w.isHidden()])"
    )
    env = {**os.environ, "SLOPE_EXPLORER_SETTINGS_DIR": str(settings)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "0 [] []", out.stderr
    assert path.read_bytes().startswith(b"\x89PNG")
    assert list(settings.iterdir()) == []
