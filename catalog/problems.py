"""A problem found in the data: where it is and what to do about it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

# Characters that would let text change the output around it: line breaks (a new GitHub workflow
# command line, a forged `path:line:` message), terminal escapes, and the invisible bidirectional
# controls that make a name read differently from what it is.
# Zero-width characters, the byte-order mark and tag characters are escaped too: a message quoting a
# name must show the invisible character it is about.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                          "\U000e0000-\U000e007f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text) -> str:
    """``text`` on one line with every control character written as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``), so that what a maintainer, a terminal or a CI runner sees is what is there."""
    return _UNPRINTABLE.sub(_escape, str(text))


def _escape(found: re.Match) -> str:
    char = found.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def render(self) -> str:
        """One line, whatever the path and message hold."""
        return f"{printable(self.path)}:{self.line}: {printable(self.message)}"

    def render_github(self) -> str:
        """A GitHub Actions workflow command, shown on the file and line of a pull request: one line,
        so that no text in it can start a command of its own (``::stop-commands::``, ``::error``)."""
        message = printable(self.message).replace("%", "%25")
        path = printable(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line}::{message}"


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as a maintainer would type it: relative to the working folder when inside it."""
    for root in (Path.cwd(), base):
        if root is None:
            continue
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)


def did_you_mean(value: str, known) -> str:
    """“；是否应为 'x'？” for the closest known value, or nothing when none is close."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"；是否应为 '{close[0]}'？" if close else ""
