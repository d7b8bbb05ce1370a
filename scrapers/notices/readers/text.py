"""Plain text: each character remembers its line."""

from __future__ import annotations

from catalog_scrapers.notices.document import NoticeText


def plain_text(text: str) -> NoticeText:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        lines.extend([number] * (len(line) + 1))  # the line's characters and its break
    return NoticeText(text, lines[: len(text)])
