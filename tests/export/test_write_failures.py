"""Writing files when things go wrong: a full disk (a real tmpfs), writers that fail silently, links.

Whatever happens, the old file survives byte for byte, no hidden `.part` file is left, and the message
is one sentence that says what to do.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.app.document_file import load_document, save_document
from explorer.app.state import DocumentState
from explorer.export import images, tables
from explorer.files import WriteError, write_atomically

from .conftest import tan_curves

ROOT = Path(__file__).resolve().parents[2]
FULL = "No space left on the device"
FILLER = "filler"


@pytest.fixture
def tmpfs(tmp_path):
    """A real 512 KiB tmpfs, unmounted after the test; skipped where mounting is impossible."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill(folder: Path) -> None:
    """Take every free block of the file system holding `folder`."""
    fd = os.open(folder / FILLER, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as error:
        assert error.errno == 28  # ENOSPC
    finally:
        os.close(fd)
    assert os.statvfs(folder).f_bavail == 0


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


# --- a full disk --------------------------------------------------------------------------------------


def test_pdf_on_a_full_disk_keeps_the_good_pdf(plot_view, tmpfs):
    path = tmpfs / "plot.pdf"
    images.export_image(plot_view, path)
    good = path.read_bytes()
    assert good.startswith(b"%PDF-") and good.rstrip().endswith(b"%%EOF")
    fill(tmpfs)
    with pytest.raises(WriteError, match=f"plot.pdf: {FULL}"):
        images.export_image(plot_view, path)
    assert path.read_bytes() == good
    assert set(os.listdir(tmpfs)) == {FILLER, "plot.pdf"}


@pytest.mark.parametrize("name", ["plot.png", "plot.svg"])
def test_png_and_svg_on_a_full_disk_say_so_and_keep_the_old_file(plot_view, tmpfs, name):
    path = tmpfs / name
    path.write_bytes(b"the old picture")
    fill(tmpfs)
    with pytest.raises(WriteError, match=f"{name}: {FULL}"):
        images.export_image(plot_view, path, (800, 500))
    assert path.read_bytes() == b"the old picture"
    assert set(os.listdir(tmpfs)) == {FILLER, name}


def test_csv_and_session_on_a_full_disk_keep_the_old_files(tmpfs):
    table, session = tmpfs / "curves.csv", tmpfs / "lesson.slope"
    table.write_bytes(b"x,f\n")
    save_document(DocumentState(text="x^2"), session)
    old_session = session.read_bytes()
    fill(tmpfs)
    with pytest.raises(WriteError, match=FULL):
        tables.export_csv(tan_curves(2001), table, (1,))
    with pytest.raises(WriteError, match=FULL):
        save_document(DocumentState(text="sin x"), session)
    assert table.read_bytes() == b"x,f\n" and session.read_bytes() == old_session
    assert set(os.listdir(tmpfs)) == {FILLER, "curves.csv", "lesson.slope"}


@pytest.mark.parametrize("name", ["f.pdf", "f.png", "f.svg"])
def test_command_line_export_on_a_full_disk_fails_with_one_line(tmpfs, name):
    path = tmpfs / name
    assert run_cli("export", "x^2", "-o", str(path)).returncode == 0
    good = path.read_bytes()
    fill(tmpfs)
    done = run_cli("export", "x^2", "-o", str(path))
    assert done.returncode != 0
    assert done.stderr == f"slope-explorer: cannot write {path}: {FULL}; free some space or choose another folder\n"
    assert path.read_bytes() == good
    assert set(os.listdir(tmpfs)) == {FILLER, name}


# --- writers that fail without saying so ------------------------------------------------------------


def test_a_writer_that_writes_nothing_does_not_replace_the_file(tmp_path):
    """QPdfWriter on a full disk: no error, an empty file. The empty file must not replace the old one."""
    path = tmp_path / "plot.pdf"
    path.write_bytes(b"%PDF- the good one %%EOF")
    with pytest.raises(WriteError, match="only 0 bytes reached the disk"):
        write_atomically(path, lambda temp: None)
    assert path.read_bytes() == b"%PDF- the good one %%EOF"
    assert os.listdir(tmp_path) == ["plot.pdf"]


def test_a_short_file_does_not_replace_the_old_one(tmp_path):
    path = tmp_path / "lesson.slope"
    path.write_bytes(b"old")
    with pytest.raises(WriteError, match="only 4 of 8 bytes"):
        write_atomically(path, lambda temp: Path(temp).write_bytes(b"half"), expected_size=8)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["lesson.slope"]


# --- symbolic links ------------------------------------------------------------------------------------


@pytest.fixture
def folders(tmp_path):
    real, links = tmp_path / "real", tmp_path / "links"
    real.mkdir()
    links.mkdir()
    return real, links


def test_export_through_a_link_writes_its_target(plot_view, folders):
    real, links = folders
    (real / "plot.pdf").write_bytes(b"old")
    (real / "plot.pdf").chmod(0o640)
    (links / "plot.pdf").symlink_to("../real/plot.pdf")
    images.export_image(plot_view, links / "plot.pdf")
    assert os.readlink(links / "plot.pdf") == "../real/plot.pdf"
    assert (real / "plot.pdf").read_bytes().startswith(b"%PDF-")
    assert (real / "plot.pdf").stat().st_mode & 0o777 == 0o640
    assert os.listdir(real) == ["plot.pdf"] and os.listdir(links) == ["plot.pdf"]


def test_save_through_a_link_writes_its_target(folders):
    real, links = folders
    save_document(DocumentState(text="x^2"), real / "lesson.slope")
    (links / "lesson.slope").symlink_to(real / "lesson.slope")
    save_document(DocumentState(text="sin x"), links / "lesson.slope")
    assert (links / "lesson.slope").is_symlink()
    assert load_document(real / "lesson.slope").text == "sin x"
    assert os.listdir(real) == ["lesson.slope"] and os.listdir(links) == ["lesson.slope"]


def test_a_dangling_link_creates_its_target(folders):
    real, links = folders
    (links / "new.csv").symlink_to("../real/new.csv")
    tables.export_csv(tan_curves(11), links / "new.csv", (1,))
    assert (links / "new.csv").is_symlink()
    assert (real / "new.csv").read_text(encoding="utf-8") == tables.curves_csv(tan_curves(11), (1,))
    assert os.listdir(real) == ["new.csv"]


def test_a_link_into_a_missing_folder_or_a_loop_is_refused(folders):
    real, links = folders
    (links / "lost.slope").symlink_to("../nowhere/lost.slope")
    (links / "a.slope").symlink_to("b.slope")
    (links / "b.slope").symlink_to("a.slope")
    with pytest.raises(WriteError, match="nowhere does not exist"):
        save_document(DocumentState(), links / "lost.slope")
    with pytest.raises(WriteError, match="loop"):
        save_document(DocumentState(), links / "a.slope")
    assert sorted(os.listdir(links)) == ["a.slope", "b.slope", "lost.slope"] and os.listdir(real) == []
