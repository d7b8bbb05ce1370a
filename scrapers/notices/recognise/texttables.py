"""Tables that reached the text as text: a header line of column labels, then one line per row
(cells between spaces), or the header's cells one per line and each row's cells likewise (a web page's
table copied as text). Found by the header's labels (tables.column_roles); rows must fit its columns.
"""

from __future__ import annotations

import re

from catalog_scrapers.notices.document import Cell, Table
from catalog_scrapers.notices.recognise.patterns import lines_with_offsets
from catalog_scrapers.notices.recognise.tables import column_role, column_roles

_FIELD = re.compile(r"\S+")
_SERIAL = re.compile(r"^\d{1,3}[.、]?$")
_LABEL_LIKE = re.compile(r"^[^\s:\d@/.,;，。：]{1,8}$")  # 平台名称, 联系人及电话: no values in a header


def _labels(text: str, cells: list[Cell]) -> bool:
    return all(_LABEL_LIKE.match(text[c.start:c.end]) for c in cells)


def _fields(offset: int, line: str) -> list[Cell]:
    return [Cell(offset + m.start(), offset + m.end()) for m in _FIELD.finditer(line)]


def text_tables(text: str, taken: list[tuple[int, int]] = ()) -> list[Table]:
    """The tables written as text in `text`, outside the spans already read as tables."""
    lines = lines_with_offsets(text)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        offset, line = lines[index]
        if any(start <= offset < end for start, end in taken) or not line.strip():
            index += 1
            continue
        fields = _fields(offset, line)
        found = None
        if 3 <= len(fields) <= 12 and _labels(text, fields) and column_roles([text[c.start:c.end] for c in fields]):
            found = _spaced(text, lines, index, fields)
        elif len(fields) == 1:
            found = _stacked(text, lines, index)
        if found:
            table, index = found
            tables.append(table)
        else:
            index += 1
    return tables


def _spaced(text, lines, index, header: list[Cell]):
    """Header and rows on one line each, cells between spaces; rows until a line that does not fit."""
    rows = [header]
    width = len(header)
    numbered = column_role(text[header[0].start:header[0].end]) == "number"  # a 序号 column
    end = index + 1
    while end < len(lines):
        offset, line = lines[end]
        if not line.strip():
            end += 1
            continue
        fields = _fields(offset, line)
        if len(fields) == width or (numbered and 2 <= len(fields) < width
                                     and _SERIAL.match(text[fields[0].start:fields[0].end])):
            rows.append(fields)
            end += 1
            continue
        break
    return (Table(rows), end) if len(rows) >= 2 else None


def _stacked(text, lines, index):
    """Header cells one per line (序号 / 平台名称 / 网址 ...), then each row's cells one per line."""
    header, end = [], index
    while end < len(lines) and len(_fields(*lines[end])) == 1 and len(header) < 12:
        header.append(_fields(*lines[end])[0])
        following = _fields(*lines[end + 1]) if end + 1 < len(lines) else []
        if column_roles([text[c.start:c.end] for c in header]) and \
                (len(following) != 1 or column_role(text[following[0].start:following[0].end]) is None):
            break  # the next line is no label: the header ends here
        end += 1
    roles = column_roles([text[c.start:c.end] for c in header])
    if not roles or len(header) < 3 or roles[0] != "number" or not _labels(text, header):
        return None  # without a 序号 column the rows cannot be told apart
    width, rows, at = len(header), [header], end + 1
    while at < len(lines):
        chunk = [line for line in lines[at:at + width]]
        if len(chunk) < 2 or not _SERIAL.match(chunk[0][1].strip()):
            break
        cells = []
        for offset, line in chunk:
            if _SERIAL.match(line.strip()) and cells:
                break  # the next row starts early: this row had empty cells
            stripped = line.strip()
            start = offset + line.find(stripped) if stripped else offset
            cells.append(Cell(start, start + len(stripped)))
        rows.append(cells)
        at += len(cells)
    return (Table(rows), at) if len(rows) >= 2 else None
