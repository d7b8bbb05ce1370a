"""The document model every reader produces: one text, and where each of its characters came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable


class NoticeError(Exception):
    """A notice that cannot be read; the message names the file (and line when known)."""


@dataclass
class NoticeText:
    text: str
    lines: list[int]  # the source line of every character of `text`

    def line_at(self, pos: int) -> int:
        if not self.lines:
            return 1
        return self.lines[max(0, min(pos, len(self.lines) - 1))]

    def sub(self, pattern: re.Pattern, repl: Callable[[re.Match], str]) -> "NoticeText":
        """Like `pattern.sub`, keeping line origins: a replacement takes the line of its match."""
        parts: list[str] = []
        origins: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            parts.append(self.text[last:match.start()])
            origins.extend(self.lines[last:match.start()])
            new = repl(match)
            parts.append(new)
            origins.extend([self.line_at(match.start())] * len(new))
            last = match.end()
        parts.append(self.text[last:])
        origins.extend(self.lines[last:])
        return NoticeText("".join(parts), origins)
