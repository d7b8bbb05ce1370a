"""Plain text: each character remembers its line."""

from __future__ import annotations

from catalog_scrapers.notices.document import NoticeText


def plain_text(text: str) -> NoticeText:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[int] = []
    line = 1
    for ch in text:
        lines.append(line)
        if ch == "\n":
            line += 1
    return NoticeText(text, lines)
