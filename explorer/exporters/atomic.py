"""Write a file so that it is either the old one or the complete new one, never half of either.

A crash, a full disk or an exception in the writer leaves at most a stray temporary file that we
remove ourselves; the target path is only ever touched by the final `os.replace`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteError(OSError):
    """The file could not be written; `str()` is a sentence a user can act on."""


def check_writable(path: str | os.PathLike) -> None:
    """Raise WriteError when `path` cannot be created or replaced (checked before any work)."""
    path = Path(path).expanduser().absolute()
    directory = path.parent
    if not directory.is_dir():
        raise WriteError(f"cannot write {path}: folder {directory} does not exist")
    if path.is_dir():
        raise WriteError(f"cannot write {path}: it is a folder")
    if not os.access(directory, os.W_OK):
        raise WriteError(f"cannot write {path}: folder {directory} is not writable")


def write_atomically(path: str | os.PathLike, write: Callable[[str], None]) -> None:
    """Call `write(temp_path)` to produce the file next to `path`, fsync it, then move it into place.

    The temporary file lives in the target's folder so that `os.replace` is a rename on one file
    system (atomic), not a copy.
    """
    target = Path(path).expanduser().absolute()
    check_writable(target)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        write(temp)
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        if target.exists():
            # Keep the permissions of the file we replace; mkstemp makes 0600.
            os.chmod(temp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except OSError as error:
        _remove_quietly(temp)
        if isinstance(error, WriteError):
            raise
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from error
    except BaseException:
        _remove_quietly(temp)
        raise
    _fsync_dir(target.parent)


def write_bytes_atomically(path: str | os.PathLike, data: bytes) -> None:
    def write(temp: str) -> None:
        with open(temp, "wb") as out:
            out.write(data)

    write_atomically(path, write)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
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
