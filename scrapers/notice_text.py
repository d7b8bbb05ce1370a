"""Read an official notice (plain text or a saved web page) and normalise its text for extraction.

Notices arrive as web pages, reposts with the whole text on one line, and PDF text with lines broken
anywhere. Normalising makes one text that the extractor can read with simple patterns:
full-width forms become half-width (NFKC), runs of ideographic spaces (the repost's paragraph marks)
become line breaks, `。` between Latin letters or digits is read as `.`, and a line break inside a
phone number, URL, e-mail address or a run of Chinese characters is removed.

Every character of the normalised text remembers the line of the file it came from, so each value
the extractor finds can be quoted with its line for the maintainer to check.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from catalog.contactforms import phone_kind

MAX_NOTICE_BYTES = 5 * 1024 * 1024


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


# --- reading ------------------------------------------------------------------------------------

def read_notice(path: Path) -> NoticeText:
    """The normalised text of the notice at `path`, or `NoticeError` with a message naming it."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise NoticeError(f"{shown}: 找不到文件 (file not found)") from None
    except IsADirectoryError:
        raise NoticeError(f"{shown}: 是目录，不是文件 (is a directory, not a file)") from None
    except OSError as exc:
        raise NoticeError(f"{shown}: 无法读取文件 (cannot read file): {exc.strerror}") from None
    if len(raw) > MAX_NOTICE_BYTES:
        raise NoticeError(f"{shown}: 文件过大：{len(raw)} 字节，上限 {MAX_NOTICE_BYTES} 字节 (file too large)")
    text = decode_notice(raw, shown)
    if not text.strip():
        raise NoticeError(f"{shown}: 文件是空的 (file is empty)")
    return normalize(html_to_text(text) if looks_like_html(path, text) else plain_text(text))


def decode_notice(raw: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030; binary data is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise NoticeError(f"{shown}: UTF-16 编码有误 (broken UTF-16 text)") from None
    controls = sum(1 for b in raw[:65536] if b < 9 or 13 < b < 27 or 27 < b < 32)
    if b"\x00" in raw or controls > 8:
        raise NoticeError(f"{shown}: 是二进制文件，不是文本或 HTML (binary file, not text or HTML)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_line = raw[: exc.start].count(b"\n") + 1
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise NoticeError(f"{shown}:{utf8_line}: 既不是 UTF-8 也不是 GB18030 编码 "
                          f"(neither UTF-8 nor GB18030 text)") from None


_HTML_SNIFF = re.compile(r"<(?:!doctype|html|head|body|p|br|div|span|table|meta)\b", re.IGNORECASE)


def looks_like_html(path: Path, text: str) -> bool:
    return Path(path).suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML_SNIFF.search(text[:4096]))


def plain_text(text: str) -> NoticeText:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[int] = []
    line = 1
    for ch in text:
        lines.append(line)
        if ch == "\n":
            line += 1
    return NoticeText(text, lines)


class _HtmlText(HTMLParser):
    """Visible text of a page; block elements end a paragraph (a blank line)."""

    BLOCKS = {"p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "title",
              "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr",
              "tbody", "thead", "center", "form"}
    CELLS = {"td", "th"}
    SKIPPED = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[str] = []
        self.lines: list[int] = []
        self.skipping = 0

    def _add(self, text: str, line: int) -> None:
        for ch in text:
            self.chars.append(ch)
            self.lines.append(line)
            if ch == "\n":
                line += 1

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self._add("\n", self.getpos()[0])
        elif tag in self.BLOCKS:
            self._add("\n\n", self.getpos()[0])
        elif tag in self.CELLS:
            self._add(" ", self.getpos()[0])

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._add("\n", self.getpos()[0])
        elif tag == "hr":
            self._add("\n\n", self.getpos()[0])

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self._add("\n\n", self.getpos()[0])

    def handle_data(self, data):
        if not self.skipping:
            self._add(data, self.getpos()[0])


def html_to_text(text: str) -> NoticeText:
    parser = _HtmlText()
    parser.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return NoticeText("".join(parser.chars), parser.lines)


# --- normalising --------------------------------------------------------------------------------

_NFKC_CACHE: dict[str, str] = {}
_DROPPED = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}


def _nfkc(ch: str) -> str:
    if ch not in _NFKC_CACHE:
        _NFKC_CACHE[ch] = "" if ch in _DROPPED else unicodedata.normalize("NFKC", ch)
    return _NFKC_CACHE[ch]


_ANY_CHAR = re.compile(r"[^\x00-\x7f]")
_PARAGRAPH_SPACES = re.compile(r"\u3000{2,}")  # a repost's paragraph indent: a paragraph break
_BLANKS = re.compile(r"[ \t\u00a0\u3000]+")
_SPACE_AT_EOL = re.compile(r"[ \t]+(?=\n)")
_IDEO_STOP_IN_TOKEN = re.compile(r"(?<=[A-Za-z0-9])。(?=[A-Za-z])")
# A break between two Chinese characters is a wrapped line, unless the next line opens a section (一、).
_HANZI_BREAK = re.compile(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])(?![一二三四五六七八九十]{1,3}、|附件)")
_TOKEN_BREAK = re.compile(r"\n")
_TOKEN_TAIL = re.compile(r"[A-Za-z0-9@%&=?/.:_~#+-]+$")
_TOKEN_HEAD = re.compile(r"^[A-Za-z0-9@%&=?/.:_~#+-]+")
_LIST_MARK_AFTER = re.compile(r"^\d{1,2}[。.、)]")
_QQ_LABEL_TAIL = re.compile(r"QQ[^\n\d]{0,6}$")


def normalize(notice: NoticeText) -> NoticeText:
    notice = notice.sub(_PARAGRAPH_SPACES, lambda m: "\n\n")
    notice = notice.sub(_ANY_CHAR, lambda m: _nfkc(m.group()))
    notice = notice.sub(_BLANKS, lambda m: " ")
    notice = notice.sub(_HANZI_BREAK, lambda m: "")  # before trailing spaces go: "通知  \n教育部" stays two lines
    notice = notice.sub(_SPACE_AT_EOL, lambda m: "")
    notice = notice.sub(_IDEO_STOP_IN_TOKEN, lambda m: ".")
    for _ in range(8):  # a token broken twice is joined piece by piece
        joined = _join_first_token_breaks(notice)
        if len(joined.text) == len(notice.text):
            break
        notice = joined
    return notice


def _join_first_token_breaks(notice: NoticeText) -> NoticeText:
    """Remove the breaks inside tokens, but not two in a row: the joined left part decides the next."""
    text = notice.text
    joined_at: list[int] = []

    def decide(match: re.Match) -> str:
        if joined_at and text.rfind("\n", 0, match.start()) == joined_at[-1]:
            return "\n"
        if _continues_token(text, match.start()):
            joined_at.append(match.start())
            return ""
        return "\n"
    return notice.sub(_TOKEN_BREAK, decide)


def _continues_token(text: str, newline: int) -> bool:
    """Whether the line break at `newline` falls inside a phone number, URL or e-mail address."""
    left_match = _TOKEN_TAIL.search(text[max(0, newline - 300):newline])
    right_match = _TOKEN_HEAD.match(text[newline + 1:newline + 301])
    if not left_match or not right_match:
        return False
    left, right = left_match.group(), right_match.group()
    after = text[newline + 1:newline + 1 + len(right) + 1]
    if _LIST_MARK_AFTER.match(after) or right.lower().startswith(("http", "www.")):
        return False
    if (left[-1].isdigit() or left[-1] == "-") and right[0].isdigit():
        return _continues_number(text[:newline], left, right)
    core = left[:-1] if left.endswith(":") else left
    word = re.split(r":(?!//)", core)[-1]  # "网址:http" -> "http", but "http://a" stays whole
    if word.lower() in ("http", "https") and right[0] in ":/":
        return True
    if right[0] == "@" or left[-1] == "@":  # an e-mail address broken at its @
        return True
    if "@" in right and re.fullmatch(r"[A-Za-z0-9._%+-]+", word):  # ... or in its local part
        return True
    if "://" in left or left.lower().startswith("www.") or "@" in left or re.search(r"[a-z0-9]\.[a-z]", left):
        if left[-1] in "/.-_?=&:#%~+@" or right[0] in "/.-_?=&:#%~+@" or re.search(r"[./?=&#%@]", right):
            return True
        return bool(re.search(r"[a-z0-9]", right)) and not right.isupper()
    return False


def _continues_number(before: str, left: str, right: str) -> bool:
    left_digits = re.search(r"[\d-]+$", left).group()
    right_digits = re.match(r"^\d[\d-]*", right)
    if not right_digits:
        return False
    joined = left_digits + right_digits.group()
    if _QQ_LABEL_TAIL.search(before[: len(before) - len(left_digits)]):
        return len(joined) <= 12
    if phone_kind(joined):
        return True
    if phone_kind(left_digits):
        return False
    return len(re.sub(r"\D", "", joined)) <= 12
