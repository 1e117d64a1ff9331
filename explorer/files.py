"""Write a file so that it is either the old one or the complete new one, never half of either.

Every file the app writes goes through here: `.slope` sessions (explorer/app/document_file.py) and
exported pictures and tables (explorer/export/). Standard library only, so the app layer and the
command line use it without loading Qt.

- The new content goes to a hidden temporary file next to the file it replaces, is checked (an empty
  or short file is refused: a full disk must never replace a good file), fsynced, and only then moved
  into place by `os.replace`. A full disk or an exception in the writer leaves the old file and no
  temporary file.
- A symbolic link is written through: the temporary file goes next to the file the link names and
  replaces that file, so the link stays a link and its target gets the new content.
- `exit_on_signals`: a process stopped by SIGINT or SIGTERM while writing removes its temporary files.
"""

from __future__ import annotations

import errno
import os
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: The signals a user or a session manager sends to stop a command (Ctrl+C, kill, logout).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: Temporary files this process is writing: what a stop signal must remove before the process ends.
_UNFINISHED: set[str] = set()


class WriteError(OSError):
    """The file could not be written; `str()` is a sentence a user can act on."""


def real_target(path: str | os.PathLike) -> Path:
    """The file a write to `path` replaces: `path` itself, or the file its symbolic links lead to
    (which need not exist yet: a dangling link creates its target)."""
    given = Path(path).expanduser().absolute()
    target = Path(os.path.realpath(given))
    if target.is_symlink():  # realpath stops inside a loop of links
        raise WriteError(f"cannot write {given}: its symbolic links lead round in a loop")
    return target


def check_writable(path: str | os.PathLike) -> Path:
    """Raise WriteError when `path` cannot be created or replaced (checked before any work); return
    the real file a write will replace."""
    given = Path(path).expanduser().absolute()
    target = real_target(given)
    directory = target.parent
    if not directory.is_dir():
        raise WriteError(f"cannot write {given}: folder {directory} does not exist")
    if target.is_dir():
        raise WriteError(f"cannot write {given}: it is a folder")
    if not os.access(directory, os.W_OK):
        raise WriteError(f"cannot write {given}: folder {directory} is not writable")
    return target


def write_atomically(path: str | os.PathLike, write: Callable[[str], None], expected_size: int | None = None) -> None:
    """Call `write(temp_path)` to produce the file next to `path`, check it, fsync it, then move it into place.

    The check: the file holds `expected_size` bytes, or any bytes at all when no size is given. A
    writer that fails without saying so (QPdfWriter on a full disk) leaves a short or empty file.
    The temporary file lives in the target's folder so that `os.replace` is a rename on one file
    system (atomic), not a copy.
    """
    given = Path(path).expanduser().absolute()
    target = check_writable(given)
    try:
        temp = _new_temp(target)
    except OSError as error:
        raise _failure(given, error) from error
    try:
        write(temp)
        _check_size(temp, given, expected_size)
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        _copy_mode(temp, target)
        os.replace(temp, target)
    except OSError as error:
        _discard(temp)
        if isinstance(error, WriteError):
            raise
        raise _failure(given, error) from error
    except BaseException:
        _discard(temp)
        raise
    _UNFINISHED.discard(temp)
    _fsync_dir(target.parent)


def write_bytes_atomically(path: str | os.PathLike, data: bytes) -> None:
    def write(temp: str) -> None:
        with open(temp, "wb") as out:
            out.write(data)

    write_atomically(path, write, expected_size=len(data))


@contextmanager
def exit_on_signals(message: str) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM remove the unfinished temporary files, print `message` and end
    the process at once with status 128 + the signal's number (130, 143), as shells report it.

    Ending the process, not raising KeyboardInterrupt: Qt calls our Python code while it paints an
    export, and PySide prints and drops an exception raised there, so a Ctrl+C that came during the
    painting was lost and the file written anyway.
    """

    def stop(signum, frame) -> None:
        for temp in list(_UNFINISHED):
            _remove_quietly(temp)
        try:
            os.write(2, f"{message}\n".encode())  # print() may be in the middle of writing to stderr
        except OSError:  # stderr closed: the exit status still tells
            pass
        os._exit(128 + signum)

    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


def _new_temp(target: Path) -> str:
    """A new empty hidden file next to `target`, listed as unfinished before a stop signal can act."""
    with _stop_signals_held():
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        _UNFINISHED.add(temp)
    os.close(fd)
    return temp


@contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Hold the stop signals for the few system calls inside, so that no handler runs between them.

    Windows has no signal masks, and no SIGTERM from another process; Ctrl+C there is handled as soon
    as the block ends anyway."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _check_size(temp: str, given: Path, expected_size: int | None) -> None:
    size = os.path.getsize(temp)
    complete = size == expected_size if expected_size is not None else size > 0
    if not complete:
        wanted = "" if expected_size is None else f" of {expected_size}"
        raise WriteError(f"cannot write {given}: only {size}{wanted} bytes reached the disk, so the old file was kept")


def _copy_mode(temp: str, target: Path) -> None:
    """Keep the permissions of the file we replace; mkstemp makes 0600, a new file gets the umask's."""
    if target.exists():
        os.chmod(temp, target.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)


def _failure(given: Path, error: OSError) -> WriteError:
    if error.errno == errno.ENOSPC:
        reason = "No space left on the device; free some space or choose another folder"
    else:
        reason = error.strerror or str(error)
    return WriteError(f"cannot write {given}: {reason}")


def _discard(temp: str) -> None:
    _remove_quietly(temp)
    _UNFINISHED.discard(temp)


def _remove_quietly(path: str) -> None:
    """Remove a temporary file; failing to is never worth hiding the error that made us try."""
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder, so it is best effort."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
