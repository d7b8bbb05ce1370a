"""The facts about the notice itself: 文号, title, issuers, dates, whether it is public, where it was posted."""

from __future__ import annotations

import datetime as dt
import re

from catalog_scrapers.notices.model import Found, LinkDraft, SourceDraft
from catalog_scrapers.notices.recognise.patterns import DOC_NUMBER, HAN, PUBLIC_MARK, STANDALONE_DATE, Token

_TITLE_END = re.compile(r"(?:通知|意见|办法|方案|决定|通告|公告|函|纲要|规定|安排)$")
_TITLE = re.compile(r"关于|" + _TITLE_END.pattern)
_HEADER_ISSUER = re.compile(r"^(.{2,40}?)\s*文\s*件$")
_SEAL = re.compile(r"^\(.*\)$")  # (河南省教育厅代章), (此页无正文)
_SPACE_IN_HAN = re.compile(rf"(?<=[{HAN}]) +(?=[{HAN}])")
_MARKDOWN = re.compile(r"^[#*>\s]+|[*\s]+$")
_LIST_START = re.compile(r"^(?:\d{1,2} ?[。.、]|\(?[一二三四五六七八九十]{1,3}[、)])")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of the text."""
    result, offset = [], 0
    for line in text.split("\n"):
        result.append((offset, line))
        offset += len(line) + 1
    return result


def _tidy(line: str) -> str:
    return _SPACE_IN_HAN.sub("", _MARKDOWN.sub("", line))


def extract_sources(text: str, tokens: list[Token]) -> tuple[SourceDraft, list[SourceDraft]]:
    """The notice itself, and the documents it includes in full after its own date (a forwarded one)."""
    main = extract_source(text, tokens)
    included: list[SourceDraft] = []
    start = main.issued.end if main.issued else None
    while start is not None:
        number = next((m for m in DOC_NUMBER.finditer(text, start) if _stands_alone(text, m)), None)
        if number is None:
            break
        region = text.rfind("\n\n", start, number.start())
        document = extract_source(text, tokens, start=region + 1 if region >= 0 else start)
        included.append(document)
        start = document.issued.end if document.issued else None
    if included:  # what comes after the notice's own date belongs to the included document
        end = included[0].title.start if included[0].title else included[0].number.start
        mark = PUBLIC_MARK.search(text, 0, end)
        main.public = Found(mark.group(1) == "主动公开", mark.start(), mark.end()) if mark else None
    return main, included


def _stands_alone(text: str, match: re.Match) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start: len(text) if line_end < 0 else line_end]
    return _tidy(line).replace(" ", "").strip("()") == re.sub(r"\s+", "", match.group())


def extract_source(text: str, tokens: list[Token], start: int = 0) -> SourceDraft:
    source = SourceDraft()
    lines = [(offset, line) for offset, line in _lines(text) if offset >= start]
    number = DOC_NUMBER.search(text, start)
    header_end = number.start() if number else start
    if number:
        source.number = Found(re.sub(r"\s+", "", number.group()), number.start(), number.end())
    source.title = _title(lines)
    for offset, line in lines:
        if offset >= header_end:
            break
        issuer = _HEADER_ISSUER.match(_tidy(line).replace(" ", ""))
        if issuer:
            source.header_issuer = Found(issuer.group(1), offset, offset + len(line))
    _dates(source, lines, header_end)
    mark = PUBLIC_MARK.search(text, start)
    if mark:
        source.public = Found(mark.group(1) == "主动公开", mark.start(), mark.end())
    _urls(source, text, [t for t in tokens if t.start >= start], header_end)
    _kind(source, text, header_end)
    return source


def _title(lines: list[tuple[int, str]]) -> Found | None:
    """The first line that reads like a title; a title broken over two lines is joined."""
    for index, (offset, line) in enumerate(lines):
        tidy = _tidy(line)
        if (4 <= len(tidy) <= 120 and _TITLE.search(tidy) and not _LIST_START.match(tidy)
                and not tidy.startswith("附") and not re.search(r"[,。]|:$", tidy)):
            end = offset + len(line)
            if not _TITLE_END.search(tidy) and index + 1 < len(lines):
                next_offset, next_line = lines[index + 1]
                rest = _tidy(next_line)
                if rest and len(rest) <= 60 and _TITLE_END.search(rest):
                    tidy, end = tidy + rest, next_offset + len(next_line)
            return Found(tidy, offset, end)
    return None


def _dates(source: SourceDraft, lines: list[tuple[int, str]], header_end: int) -> None:
    for index, (offset, line) in enumerate(lines):
        match = STANDALONE_DATE.match(line)
        if not match:
            continue
        try:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
        found = Found(day, offset, offset + len(line))
        if match.group(4) and offset < max(header_end, 1) and source.published is None:
            source.published = found
        elif not match.group(4) and offset >= header_end and source.issued is None:
            source.issued = found
            source.issuers = _signature(lines, index)


def _signature(lines: list[tuple[int, str]], date_index: int) -> list[Found]:
    """The short lines just above the date: the issuing bodies, seals left out."""
    issuers: list[Found] = []
    for offset, line in reversed(lines[:date_index]):
        tidy = _tidy(line).replace(" ", "")
        if not tidy:
            continue
        if _SEAL.match(tidy):
            continue  # a seal or a page remark, not an issuer
        if (len(tidy) > 40 or tidy.endswith(("。", ":", ";")) or ":" in tidy or _LIST_START.match(tidy)
                or re.search(r"[\d@]", tidy)):  # a table row or a list, not a signature
            break
        issuers.insert(0, Found(re.sub(r"\(代章\)$", "", tidy), offset, offset + len(line)))
    return issuers


def _urls(source: SourceDraft, text: str, tokens: list[Token], header_end: int) -> None:
    for token in tokens:
        if token.kind != "url" or token.start >= header_end:
            continue
        before = text[max(0, token.start - 8):token.start]
        label = "原文链接" if "原文链接" in before else None
        path = re.sub(r"^[a-z]+://[^/]+", "", token.value, flags=re.IGNORECASE)
        unsure = token.warning or (None if label or (len(path) > 1 and not path.endswith("/")) else
                                   "页首的频道或导航链接？(a section or navigation link of the page?)")
        source.urls.append(LinkDraft(Found(token.value, token.value_start, token.end, unsure=unsure), label))


def _kind(source: SourceDraft, text: str, header_end: int) -> None:
    title = source.title.value if source.title else ""
    if "转发" in title:
        at = source.title
        source.kind = Found("forwarding", at.start, at.end)
        main = source.number.value if source.number else None
        for match in DOC_NUMBER.finditer(text):
            number = re.sub(r"\s+", "", match.group())
            if number != main and number not in [f.value for f in source.forwards]:
                source.forwards.append(Found(number, match.start(), match.end()))
    elif source.urls or source.published:
        first = source.urls[0].url if source.urls else source.published
        source.kind = Found("repost", first.start, first.end,
                            unsure="正文前有网址或发布时间，像是转载页 (page header suggests a repost)")
