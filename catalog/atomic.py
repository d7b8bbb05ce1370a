"""Writing a file so that a crash or an interruption leaves either the old file or the new one.

State files, exports and drafts all go through here: never a half-written file, never lost data.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """A temporary file in the same folder, flushed to disk, then renamed over `path`.

    The folder must exist: creating it is the caller's choice (a mistyped folder should not appear).
    A symbolic link is written through (the link stays, its target gets the new content); a device or
    a pipe (`-o /dev/stdout`, a FIFO) is written to directly: renaming over it would replace the device
    itself with a plain file.
    """
    path = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with open(path, "wb") as handle:
            handle.write(data)
        return
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, replacement_mode(path))
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)  # make the rename itself durable
    except OSError:
        pass
    finally:
        os.close(folder)


def replacement_mode(path: Path, fresh: int = 0o666) -> int:
    """The mode a replacement for `path` should get: the existing one's, else `fresh` minus the umask
    (0o666 gives the usual 0644 for files; 0o777 the usual 0755 for folders)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return fresh & ~umask
