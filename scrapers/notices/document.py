"""The document model every reader produces: one text, where each of its characters came from, and its tables.

`lines` holds an origin number for every character. For text and HTML it is the line of the file;
readers of DOCX, XLSX and PDF name their origins instead (`places[n]`: "第2页", "表1 第3行 第2列",
"附件1!D4"), so every value can be quoted with the place a maintainer finds it at.

Tables are written into the text cell by cell, between marks (TABLE, ROW, CELL, END) that
normalising leaves alone; `mark_tables` then turns each mark into a line break and records where
every cell's text stands, so the recognisers read a row as one item with named columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

# Private-use characters: no notice writes them, NFKC keeps them, no pattern matches them.
TABLE, ROW, CELL, END = "\ue000", "\ue001", "\ue002", "\ue003"
MARKS = TABLE + ROW + CELL + END


class NoticeError(Exception):
    """A notice that cannot be read; the message names the file (and line when known)."""


@dataclass
class Cell:
    start: int
    end: int


@dataclass
class Table:
    rows: list[list[Cell]]

    @property
    def start(self) -> int:
        return self.rows[0][0].start if self.rows and self.rows[0] else 0

    @property
    def end(self) -> int:
        return self.rows[-1][-1].end if self.rows and self.rows[-1] else 0


@dataclass
class NoticeText:
    text: str
    lines: list[int]  # the origin (source line, or index into `places`) of every character of `text`
    places: list[str] | None = None
    tables: list[Table] = field(default_factory=list)

    def line_at(self, pos: int) -> int:
        if not self.lines:
            return 1
        return self.lines[max(0, min(pos, len(self.lines) - 1))]

    def place_at(self, pos: int) -> str:
        origin = self.line_at(pos)
        if self.places is None:
            return f"L{origin}"
        return self.places[origin] if 0 <= origin < len(self.places) else "?"

    def sub(self, pattern: re.Pattern, repl: Callable[[re.Match], str]) -> "NoticeText":
        """Like `pattern.sub`, keeping origins: a replacement takes the origin of its match."""
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
        return NoticeText("".join(parts), origins, self.places)


class TextBuilder:
    """What a reader writes: text with an origin for each piece, and tables between marks."""

    def __init__(self, named: bool):
        self.chars: list[str] = []
        self.lines: list[int] = []
        self.places: list[str] | None = [] if named else None

    def origin(self, place: str) -> int:
        """An origin number for a named place (DOCX, XLSX, PDF)."""
        assert self.places is not None
        self.places.append(place)
        return len(self.places) - 1

    def add(self, text: str, origin: int) -> None:
        self.chars.append(text)
        self.lines.extend([origin] * len(text))

    def build(self) -> NoticeText:
        return NoticeText("".join(self.chars), self.lines, self.places)


def mark_tables(notice: NoticeText) -> NoticeText:
    """Record the cells between table marks and turn each mark into a line break (offsets unchanged)."""
    text = notice.text
    if not any(mark in text for mark in MARKS):
        return notice
    tables: list[Table] = []
    rows: list[list[Cell]] | None = None
    cell_start = None

    def close_cell(at: int) -> None:
        nonlocal cell_start
        if cell_start is not None and rows:
            rows[-1].append(Cell(cell_start, at))
        cell_start = None

    for match in re.finditer(f"[{MARKS}]", text):
        mark, at = match.group(), match.start()
        close_cell(at)
        if mark == TABLE:
            rows = []
        elif mark == ROW and rows is not None:
            rows.append([])
        elif mark == CELL and rows is not None:
            cell_start = at + 1
        elif mark == END and rows is not None:
            rows = [row for row in rows if row]
            if rows:
                tables.append(Table(rows))
            rows = None
    plain = re.sub(f"[{MARKS}]", "\n", text)
    return NoticeText(plain, notice.lines, notice.places, tables)
