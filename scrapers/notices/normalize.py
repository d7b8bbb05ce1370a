"""Normalise a notice's text for extraction, keeping the origin of every character.

Notices arrive as web pages, reposts with the whole text on one line, and PDF text with lines broken
anywhere. Normalising makes one text that the extractor can read with simple patterns:
full-width forms become half-width (NFKC), runs of ideographic spaces (the repost's paragraph marks)
become line breaks, `。` between Latin letters or digits is read as `.`, and a line break inside a
phone number, URL, e-mail address or a run of Chinese characters is removed.

Every character of the normalised text remembers where in the file it came from, so each value
the extractor finds can be quoted with its place for the maintainer to check.
"""

from __future__ import annotations

import re
import unicodedata

from catalog.contactforms import phone_kind
from catalog_scrapers.notices.document import NoticeText

_NFKC_CACHE: dict[str, str] = {}
_DROPPED = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}


# PDF fonts map some characters to CJK Radicals Supplement forms, which NFKC leaves alone (段会⻘).
_RADICALS = dict(zip("⻅⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳", "见贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄齐齿龙龟"))
_RADICALS["︰"] = ":"  # a vertical-form colon Macau and Hong Kong pages print (電話︰); NFKC makes it a leader


def _nfkc(ch: str) -> str:
    if ch not in _NFKC_CACHE:
        _NFKC_CACHE[ch] = "" if ch in _DROPPED else _RADICALS.get(ch) or unicodedata.normalize("NFKC", ch)
    return _NFKC_CACHE[ch]


_ANY_CHAR = re.compile(r"[^\x00-\x7f]")


def _nfkc_text(notice: NoticeText) -> NoticeText:
    """NFKC character by character: one-to-one changes by translation (origins stay), the few that change
    length (… -> ...) by substitution."""
    chars = set(_ANY_CHAR.findall(notice.text))
    same_length = {ord(ch): _nfkc(ch) for ch in chars if len(_nfkc(ch)) == 1}
    notice = NoticeText(notice.text.translate(same_length), notice.lines, notice.places)
    others = [ch for ch in chars if len(_nfkc(ch)) != 1]
    if not others:
        return notice
    pattern = re.compile("[" + "".join(re.escape(ch) for ch in others) + "]")
    return notice.sub(pattern, lambda m: _nfkc(m.group()))
_PARAGRAPH_SPACES = re.compile(r"\u3000{2,}")  # a repost's paragraph indent: a paragraph break
_BLANKS = re.compile(r"[ \t\u00a0\u3000]+")
_SPACE_AT_EOL = re.compile(r"[ \t]+(?=\n)")
_IDEO_STOP_IN_TOKEN = re.compile(r"(?<=[A-Za-z0-9])。(?=[A-Za-z])")
# A break between two Chinese characters may be a wrapped line (see _join_wrapped), unless the next
# line opens a section (一、) or an attachment.
_HANZI_BREAK = re.compile(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])(?![一二三四五六七八九十]{1,3}、|附件)")
# A line that ends a title or the addressees: the break after it is meant.
_ENDS_TITLE = re.compile(r"(?:通知|意见|办法|方案|决定|通告|公告|函|建议|措施|通报|说明|指南|介绍|名单)\s*$")
_ADDRESSEES = re.compile(r"^各[^\n]{1,80}[:：]\s*$")
_LABELLED = re.compile(r"^[\u4e00-\u9fff]{1,8}[:：]")  # 承辦人:, 發文字號:, 主旨: a record of its own
# Pinyin glosses a repost puts after characters: 學(xué), 區(qū). Removed before names are read.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü]{{0,6}}[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")
# Glosses without tone marks (德(de)業樓, 學(xue)生(sheng)(sheng)): a syllable in brackets after a character, removed
# only where a page glosses throughout (a lone "(a)" after a word is no gloss).
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrwyzcs])?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|"
             r"a|o|e|i|u|v|ü)")
_TONELESS_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])(?:\({_SYLLABLE}\)){{1,3}}")
_GLOSSED_PAGE = 3  # this many toneless glosses make a glossed page
_TOKEN_BREAK = re.compile(r"\n")
_TOKEN_TAIL = re.compile(r"[A-Za-z0-9@%&=?/.:_~#+-]+$")
_TOKEN_HEAD = re.compile(r"^[A-Za-z0-9@%&=?/.:_~#+-]+")
_LIST_MARK_AFTER = re.compile(r"^\d{1,2}[。.、)]")
_QQ_LABEL_TAIL = re.compile(r"QQ[^\n\d]{0,6}$")


def normalize(notice: NoticeText) -> NoticeText:
    notice = notice.sub(_PARAGRAPH_SPACES, lambda m: "\n\n")
    notice = _nfkc_text(notice)
    notice = notice.sub(_BLANKS, lambda m: " ")
    notice = notice.sub(_PINYIN_GLOSS, lambda m: "")
    if len(_TONELESS_GLOSS.findall(notice.text)) >= _GLOSSED_PAGE:
        notice = notice.sub(_TONELESS_GLOSS, lambda m: "")
    notice = _join_wrapped(notice)  # before trailing spaces go: "通知  \n教育部" stays two lines
    notice = notice.sub(_SPACE_AT_EOL, lambda m: "")
    notice = notice.sub(_IDEO_STOP_IN_TOKEN, lambda m: ".")
    for _ in range(8):  # a token broken twice is joined piece by piece
        joined = _join_first_token_breaks(notice)
        if len(joined.text) == len(notice.text):
            break
        notice = joined
    return notice


def _join_wrapped(notice: NoticeText) -> NoticeText:
    """Join lines broken between two Chinese characters where the text looks hard-wrapped: the line
    before the break is about as long as the text's usual full line. A short line (a title, a
    signature, an addressee line) keeps its break, and so does a line ending a title."""
    text = notice.text
    lengths = sorted(len(line.strip()) for line in text.split("\n") if len(line.strip()) >= 8)
    if len(lengths) < 2:
        return notice
    width = lengths[(len(lengths) * 3) // 4]

    def decide(match: re.Match) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start:match.start()].strip()
        next_end = text.find("\n", match.end())
        following = text[match.end(): len(text) if next_end < 0 else next_end]
        if len(line) < max(8, 0.7 * width) or _ENDS_TITLE.search(line) or _ADDRESSEES.match(following) \
                or _LABELLED.match(following):
            return "\n"
        return ""
    return notice.sub(_HANZI_BREAK, decide)


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


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%&=?/.:_~#+-")


def _token_tail(text: str, end: int, limit: int = 300) -> str:
    """The token characters just before `end` (at most `limit`): a backward walk, linear in what it takes."""
    start = end
    while start > max(0, end - limit) and text[start - 1] in _TOKEN_CHARS:
        start -= 1
    return text[start:end]


def _continues_token(text: str, newline: int) -> bool:
    """Whether the line break at `newline` falls inside a phone number, URL or e-mail address."""
    left_match = _TOKEN_TAIL.search(_token_tail(text, newline))
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
