"""Content lines shared by vCard (RFC 6350) and iCalendar (RFC 5545): escaping and folding.

Both formats escape TEXT the same way and fold lines longer than 75 octets; entries come by pull
request, so every value written through here is treated as untrusted text.
"""

from __future__ import annotations

import re

LINE_OCTETS = 75
CRLF = "\r\n"
# Control characters other than the line breaks escaped below are not allowed in TEXT values.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped, control characters dropped."""
    value = _CONTROL.sub("", value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """The line cut into pieces of at most 75 octets, never inside a UTF-8 character, CRLF-ended.

    A continuation begins with one space, which counts toward its 75 octets.
    """
    if len(line) * 4 <= LINE_OCTETS or len(line.encode("utf-8")) <= LINE_OCTETS:
        return line + CRLF  # most lines: nothing to cut, no need to measure each character
    pieces: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces) + CRLF


def content_line(name: str, text: str, /, **params: str) -> str:
    """`NAME;PARAM=x:text`, folded. `text` must already be escaped (or be a structured value)."""
    head = name
    for key, param in params.items():
        head += f";{key.upper().replace('_', '-')}={param}"
    return fold(f"{head}:{text}")
