"""Build into a staging folder beside the site and swap it in at the very end, so that a build that
fails for any reason (an error in any plugin, strict-mode warnings, a kill) leaves the last good site
as it was.

MkDocs cleans `site_dir` before writing; pointing `site_dir` at a fresh sibling folder in `on_config`
makes every writer (MkDocs, the search plugin, ours) fill that folder instead. When the build has
succeeded, the two folders are exchanged in one step (renameat2 RENAME_EXCHANGE on Linux; two
renames elsewhere) and the old site is removed. `mkdocs serve` builds into its own temporary folder;
staging works there too (a failed rebuild keeps serving the last good pages). A `--dirty` build
updates the existing site in place, so it is not staged.

Folders left by a killed build carry its process id and are removed by the next build once that
process is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
import tempfile
from pathlib import Path

from catalog.atomic import replacement_mode

log = logging.getLogger("mkdocs.plugins.course-catalog")

_BUILDING = "building"
_OLD = "old"


class StagedSite:
    """One build's staging folder: begin (in on_config), finish (last in on_post_build) or abandon."""

    def __init__(self):
        self.final: Path | None = None
        self.staging: Path | None = None
        self._config = None
        self._warnings: _WarningCount | None = None

    def begin(self, config) -> None:
        self.abandon()  # an earlier build of this process (mkdocs serve) that never finished
        final = Path(config.site_dir)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            _remove_leftovers(final)
            staging = Path(tempfile.mkdtemp(dir=final.parent, prefix=_prefix(final, _BUILDING, os.getpid())))
        except OSError as exc:  # e.g. a site folder of one's own inside a folder one may not write to
            log.warning("无法在 %s 旁建立临时目录，直接写入 (cannot stage the build beside the site, "
                        "writing in place): %s", final, exc.strerror or exc)
            return
        self.final, self._config, self.staging = final, config, staging
        os.chmod(self.staging, replacement_mode(final, 0o777))  # mkdtemp's 0700 would hide the site from a web server
        config.site_dir = str(self.staging)
        if config.strict:  # MkDocs aborts after on_post_build when strict and warned: do not swap then
            self._warnings = _WarningCount()
            logging.getLogger("mkdocs").addHandler(self._warnings)

    def finish(self) -> None:
        """Swap the finished build in, unless strict mode is about to fail it for a warning."""
        if self.staging is None:
            return
        staging, final, warned = self.staging, self.final, self._warned()
        self._forget()
        if warned:
            _remove(staging)
            return
        _swap_in(staging, final)

    def abandon(self) -> None:
        """The build failed: drop what it wrote; the last good site stays."""
        if self.staging is None:
            return
        staging = self.staging
        self._forget()
        _remove(staging)

    def _warned(self) -> bool:
        return self._warnings is not None and self._warnings.count > 0

    def _forget(self) -> None:
        self._config.site_dir = str(self.final)  # gh-deploy reads the site from here after the build
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
        self.staging, self.final, self._config, self._warnings = None, None, None, None


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


def _prefix(final: Path, what: str, pid: int) -> str:
    return f".{final.name}.{what}-{pid}-"


def _remove_leftovers(final: Path) -> None:
    """Remove the staging and old folders of builds whose process has ended (killed, say)."""
    for what in (_BUILDING, _OLD):
        start = f".{final.name}.{what}-"
        for path in final.parent.glob(start + "*"):
            pid = path.name[len(start):].split("-", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                _remove(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier build of this very process (mkdocs serve) that did not finish
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but is not ours to signal
    return True


def _swap_in(staging: Path, final: Path) -> None:
    if not os.path.lexists(final):
        os.rename(staging, final)
        return
    if _exchange(staging, final):
        _remove(staging)  # now the old site
        return
    old = Path(tempfile.mkdtemp(dir=final.parent, prefix=_prefix(final, _OLD, os.getpid())))
    os.rename(final, old / final.name)
    os.rename(staging, final)
    _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two paths in one step (Linux renameat2); False where that is not available."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result != 0:
        log.debug("renameat2 failed (errno %s); swapping with two renames", ctypes.get_errno())
        return False
    return True


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
