"""The Linux installers, built for real: the app folder, the .tar.gz, the .deb and the AppDir.

Builds with packaging/build_linux.sh unless the outputs are newer than every input (set
SLOPE_EXPLORER_REBUILD=1 to force a build). A build takes several minutes; see packaging/README.md.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from explorer import __version__

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux installers are built on Linux"),
]

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "packaging" / "dist"
APP = DIST / "slope-explorer"
EXECUTABLE = APP / "slope-explorer"
TARBALL = DIST / f"slope-explorer-{__version__}-linux-x86_64.tar.gz"
DEB = DIST / f"slope-explorer_{__version__}_amd64.deb"
APPDIR = DIST / "SlopeExplorer.AppDir"
APP_ID = "org.slopeexplorer.SlopeExplorer"
MB = 1_000_000
#: The issue's targets for what a student downloads and what lands on their disk.
MAX_UNPACKED, MAX_COMPRESSED = 650 * MB, 250 * MB


def newest_input_mtime() -> float:
    """Latest change to anything that goes into the bundle (code, resources, packaging, metadata)."""
    inputs = [ROOT / "pyproject.toml", *(ROOT / "explorer").rglob("*.py"), *(ROOT / "resources").rglob("*")]
    inputs += [p for p in (ROOT / "packaging").iterdir() if p.is_file()]
    return max(p.stat().st_mtime for p in inputs)


def headless_env(**extra: str) -> dict[str, str]:
    """The environment of a student's session without a display: no inherited Qt platform choice."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, **extra}


@pytest.fixture(scope="module")
def built() -> None:
    for tool in ("dpkg-deb", "strip"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is needed to build the Linux installers")
    outputs = (EXECUTABLE, TARBALL, DEB, APPDIR / "AppRun")
    fresh = all(p.exists() for p in outputs) and min(p.stat().st_mtime for p in outputs) > newest_input_mtime()
    if fresh and os.environ.get("SLOPE_EXPLORER_REBUILD") != "1":
        return
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is needed to build the Linux installers: "
                    "python3 -m pip install -r packaging/requirements.txt (.ci/run does)")
    result = subprocess.run(["bash", str(ROOT / "packaging" / "build_linux.sh")], capture_output=True,
                            text=True, timeout=3600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def run_self_test(executable: Path, tmp_path: Path) -> str:
    result = subprocess.run([str(executable), "--self-test"], capture_output=True, text=True, timeout=300,
                            env=headless_env(TMPDIR=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
    return result.stdout


def test_app_folder_self_test_passes_headless(built, tmp_path):
    output = run_self_test(EXECUTABLE, tmp_path)
    report = APP / "slope-explorer-self-test.txt"
    assert report.read_text(encoding="utf-8") in output  # written beside the executable


def test_sizes_are_within_the_targets(built):
    unpacked = sum(p.lstat().st_size for p in APP.rglob("*") if not p.is_dir())
    sizes = {"unpacked": unpacked, "tar.gz": TARBALL.stat().st_size, ".deb": DEB.stat().st_size}
    print(", ".join(f"{name} {size / MB:.0f} MB" for name, size in sizes.items()))
    assert unpacked <= MAX_UNPACKED, sizes
    assert sizes["tar.gz"] <= MAX_COMPRESSED and sizes[".deb"] <= MAX_COMPRESSED, sizes


def test_bundle_leaves_out_what_torch_and_qt_ship_for_their_own_builds(built):
    internal = APP / "_internal"
    assert not (internal / "torch" / "test").exists() and not (internal / "torch" / "include").exists()
    assert [p.name for p in (internal / "torch" / "bin").iterdir()] == ["torch_shm_manager"]
    assert not list(internal.rglob("libtorchbind_test.so"))
    assert not list((internal / "PySide6").rglob("*Quick*")) and not list((internal / "PySide6").rglob("*Network*"))
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    stripped = subprocess.run(["file", str(internal / "torch" / "lib" / "libtorch_cpu.so")], capture_output=True,
                              text=True).stdout
    assert ", stripped" in stripped, stripped


def test_tarball_holds_the_app_folder(built):
    with tarfile.open(TARBALL) as archive:
        member = archive.getmember("slope-explorer/slope-explorer")
    assert member.isfile() and member.mode & 0o111


def test_window_appears_under_xvfb(built, tmp_path):
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    app = None
    try:
        display = ":" + os.read(read_fd, 32).decode().strip()
        env = headless_env(DISPLAY=display, XDG_CONFIG_HOME=str(tmp_path), TMPDIR=str(tmp_path),
                           SLOPE_EXPLORER_TRACE_READOUT="1")
        log = tmp_path / "app.log"
        with log.open("wb") as output:
            app = subprocess.Popen([str(EXECUTABLE)], env=env, stdout=output, stderr=subprocess.STDOUT)
        windows = ""
        deadline = time.monotonic() + 90
        while not windows and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.5)
            windows = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Slope Explorer"],
                                     capture_output=True, text=True, env=env).stdout.strip()
        assert windows, f"no window appeared; app exit status {app.poll()}: {log.read_text(errors='replace')}"
        # The readout is traced once the engine's process (started from the same executable) has
        # answered: the packaged app computes, not only shows a window.
        readings = []
        while not readings and time.monotonic() < deadline + 60 and app.poll() is None:
            time.sleep(0.5)
            readings = [json.loads(line) for line in log.read_text(errors="replace").splitlines()
                        if line.startswith('{"x0"')]
        # Only the engine makes readings (whatever function the last saved session reopens).
        assert readings, f"no reading was traced: {log.read_text(errors='replace')}"
        assert readings[0]["readout"].startswith("x\u2080 = "), readings[0]
        time.sleep(1)  # let the curves be painted
        screenshot = tmp_path / "screen.png"
        subprocess.run(["import", "-window", "root", str(screenshot)], env=env, check=True, timeout=60)
        shutil.copy(screenshot, ROOT / "packaging" / "build" / "xvfb-screenshot.png")  # for a person to look at
        colours = subprocess.run(["convert", str(screenshot), "-format", "%k", "info:"], capture_output=True,
                                 text=True, check=True).stdout
        assert int(colours) > 50, "the screen shows next to nothing"
        assert app.poll() is None, "the app quit by itself"
    finally:
        if app is not None and app.poll() is None:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=30)
        xvfb.terminate()
        xvfb.wait(timeout=30)
        os.close(read_fd)


def test_deb_installs_launcher_menu_entry_and_icons(built, tmp_path):
    fields = subprocess.run(["dpkg-deb", "--field", str(DEB), "Package", "Version", "Architecture"],
                            capture_output=True, text=True, check=True).stdout
    assert f"Package: slope-explorer\nVersion: {__version__}\nArchitecture: amd64" in fields
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(DEB), str(root)], check=True)
    launcher = root / "usr" / "bin" / "slope-explorer"
    assert launcher.is_symlink() and os.readlink(launcher) == "/opt/slope-explorer/slope-explorer"
    installed = root / "opt" / "slope-explorer" / "slope-explorer"
    assert installed.is_file() and os.access(installed, os.X_OK)
    desktop = root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    assert "\nExec=slope-explorer %f\n" in desktop.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    assert (root / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    # The payload works from where it was unpacked (nothing points back into the build tree).
    run_self_test(installed, tmp_path)


def test_appdir_is_ready_for_appimagetool(built, tmp_path):
    assert os.access(APPDIR / "AppRun", os.X_OK)
    assert (APPDIR / f"{APP_ID}.desktop").is_file() and (APPDIR / f"{APP_ID}.png").is_file()
    assert os.readlink(APPDIR / ".DirIcon") == f"{APP_ID}.png"
    assert (APPDIR / "usr" / "share" / "metainfo" / f"{APP_ID}.appdata.xml").is_file()
    result = subprocess.run([str(APPDIR / "AppRun"), "--version"], capture_output=True, text=True, timeout=120,
                            env=headless_env(TMPDIR=str(tmp_path)))
    assert result.returncode == 0 and __version__ in result.stdout, result.stdout + result.stderr
