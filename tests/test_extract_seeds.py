"""Extraction on the real notices and on variants made from them.

The expected values come from the notice text by plain patterns in this file, independent of the
extractor's own: every phone, e-mail, QQ number and URL of the notice's body must come out, in the
draft entry of the platform (or the contact) that its paragraph is about, and nothing may come out
that the notice does not contain. The same must hold when the notice is saved as a web page, put on
one line as in a repost, wrapped differently (also inside numbers and URLs), or written with the
other width of punctuation and digits.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from catalog_scrapers.notices.draft.build import build_draft
from catalog_scrapers.notices.readers import read_notice

from conftest import SEED_FILES, needs_seeds  # noqa: E402,F401  (re-exported to the other extract tests)

# --- independent readings of a notice ---------------------------------------------------------

_WIDTH = str.maketrans({"：": ":", "，": ",", "；": ";", "（": "(", "）": ")", "？": "?", "\u3000": " "})
PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9}|400-\d{4}-\d{3})(?!\d)")
EMAIL = re.compile(r"[\w.-]+@[\w-]+(?:\.[\w-]+)+")
QQ = re.compile(r"QQ[^\d\n]{0,4}?(\d{5,12})")
URL = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:cn|com)(?:/[\w./?=&%-]*)?")


def simple_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_WIDTH))


def url_key(url: str) -> str:
    url = re.sub(r"^https?://", "", url.strip().lower()).rstrip("/")
    return url[4:] if url.startswith("www.") else url


def body_of(text: str) -> str:
    """The notice after its document number: the page header of a repost is not body."""
    number = re.search(r"〔\d{4}〕\d+号", text)
    return text[number.start():] if number else text


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n|\u3000\u3000|  +", simple_text(body_of(text))) if p.strip()]


def urls_in(text: str) -> list[str]:
    return [m.group() for m in URL.finditer(EMAIL.sub(" ", text))]


def expected_values(text: str) -> dict[str, set[str]]:
    body = simple_text(body_of(text))
    return {"phones": set(PHONE.findall(body)), "emails": set(EMAIL.findall(body)),
            "qq": set(QQ.findall(body)), "urls": {url_key(u) for u in urls_in(body)}}


# --- variants of a notice ---------------------------------------------------------------------

def as_html(text: str) -> str:
    paragraphs_ = re.split(r"\n|\u3000\u3000", text)
    body = []
    for i, paragraph in enumerate(paragraphs_):
        escaped = html.escape(paragraph).replace("：", "&#65306;").replace(" ", "&nbsp;")
        body.append(f"<p>{escaped}</p>" if i % 2 else f"{escaped}<br>")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知</title>"
            "<style>p { margin: 0 }</style><script>var phone = '0371-12345678';</script></head>"
            "<body><div class=\"content\">\n" + "\n".join(body) + "\n</div></body></html>")


def one_line(text: str) -> str:
    return "\u3000\u3000".join(line.strip() for line in text.split("\n") if line.strip())


def glued(text: str) -> str:
    """All lines run together with nothing between them, as when a page loses its line breaks."""
    return "".join(line.strip() for line in text.split("\n"))


def _token_spans(line: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in (PHONE, EMAIL, re.compile(r"(?:https?[:：]//|www\.)[\w./?=&%-：？]+|[a-z]+\.[a-z.]+\.cn")):
        spans.extend(m.span() for m in pattern.finditer(line))
    return spans


def rewrapped(text: str, width: int = 23) -> str:
    """Lines broken at `width`, between Chinese characters, and in the middle of every number and URL."""
    out = []
    for line in text.split("\n"):
        for piece in line.split("\u3000\u3000"):
            spans = _token_spans(piece)
            inside = {(a + b) // 2 for a, b in spans if b - a > 3}
            chars, since = [], 0
            for i, ch in enumerate(piece):
                han_break = since >= width and i and "\u4e00" <= piece[i - 1] <= "\u9fff" and "\u4e00" <= ch <= "\u9fff"
                if i in inside or han_break:
                    chars.append("\n")
                    since = 0
                chars.append(ch)
                since += 1
            out.append("".join(chars))
    return "\n".join(out)


_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", ".": "．"}
_TO_FULL.update({str(d): chr(0xFF10 + d) for d in range(10)})
_TO_HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?"}


def width_swapped(text: str) -> str:
    return "".join(_TO_HALF.get(ch) or _TO_FULL.get(ch) or ch for ch in text)


VARIANTS = {
    "original": lambda t: t,
    "html": as_html,
    "one-line": one_line,
    "glued": glued,
    "rewrapped": rewrapped,
    "width-swapped": width_swapped,
}


# --- reading a draft --------------------------------------------------------------------------

HEADER = re.compile(r"^--- # (\S+)\s+(NEW|UPDATE)", re.MULTILINE)


def parse_draft(text: str) -> list[tuple[str, str, dict]]:
    headers = HEADER.findall(text)
    documents = list(yaml.safe_load_all(text))
    assert len(headers) == len(documents), "每个文档都要有目标文件的说明 (every document names its file)"
    return [(target, status, doc or {}) for (target, status), doc in zip(headers, documents)]


def doc_urls(doc: dict) -> list[str]:
    return [u["url"] if isinstance(u, dict) else u for u in doc.get("urls") or []]


def doc_values(doc: dict) -> dict[str, list[str]]:
    values = {"phones": [], "emails": [], "qq": [], "urls": [url_key(u) for u in doc_urls(doc)]}
    for contact in doc.get("contacts") or []:
        values["phones"] += [str(v) for v in contact.get("phones") or []]
        values["emails"] += contact.get("emails") or []
        values["qq"] += [str(v) for v in (contact.get("qq") or []) + (contact.get("qq_groups") or [])]
    return values


def taxonomy_only(tmp: Path) -> Path:
    data = tmp / "empty-data"
    shutil.copytree(DEFAULT_DATA_DIR / "taxonomy", data / "taxonomy")
    return data


def draft_for(path: Path, data_dir: Path) -> list[tuple[str, str, dict]]:
    text, _ = build_draft(read_notice(path), load_catalog(data_dir).catalog)
    return parse_draft(text)


@pytest.fixture(scope="module")
def empty_catalog(tmp_path_factory) -> Path:
    return taxonomy_only(tmp_path_factory.mktemp("catalog"))


# --- the tests --------------------------------------------------------------------------------

def _no_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _visible_text(variant_text: str) -> str:
    """The variant as a reader sees it, for the 'nothing invented' check: no tags, no scripts."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", variant_text, flags=re.S)
    return _no_spaces(simple_text(html.unescape(re.sub(r"<[^>]+>", "", text))))


@needs_seeds
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_value_comes_out_and_nothing_is_invented(seed, variant, tmp_path, empty_catalog):
    original = seed.read_text(encoding="utf-8")
    made = VARIANTS[variant](original)
    notice = tmp_path / ("notice.html" if variant == "html" else "notice.txt")
    notice.write_text(made, encoding="utf-8")
    documents = draft_for(notice, empty_catalog)

    found = {key: set() for key in ("phones", "emails", "qq", "urls")}
    for _, _, doc in documents:
        for key, values in doc_values(doc).items():
            found[key].update(values)
    for key, expected in expected_values(original).items():
        missing = expected - found[key]
        assert not missing, f"{seed.name} [{variant}]: 缺少 (missing) {key}: {sorted(missing)}"

    visible = _visible_text(made)
    for key, values in found.items():
        for value in values:
            assert _no_spaces(value) in visible, f"{seed.name} [{variant}]: 原文没有 (not in the notice) {key} {value}"


def _doc_with(documents, key: str, value: str) -> list[dict]:
    return [doc for _, _, doc in documents if value in doc_values(doc)[key]]


def _attachment_problems(original: str, documents) -> list[str]:
    """Each paragraph's values must sit in the entry its first URL names, with the person named before them."""
    problems = []
    for paragraph in paragraphs(original):
        urls = [url_key(u) for u in urls_in(paragraph)]
        phones = PHONE.findall(paragraph)
        if not phones and not QQ.search(paragraph) and len(urls) < 2:
            continue
        if urls:
            owners = _doc_with(documents, "urls", urls[0])
            if len(owners) != 1:
                problems.append(f"{urls[0]}: 应在一个平台条目中 (should be in one entry), found {len(owners)}")
                continue
            owner = owners[0]
            for url in urls[1:]:
                holder = _doc_with(documents, "urls", url)
                if holder and holder[0] is not owner and holder[0].get("name", "") not in paragraph:
                    problems.append(f"{url}: 不在 {urls[0]} 的条目里，也不在本段所称的平台里")
        else:
            values = set(phones) | set(QQ.findall(paragraph)) | set(EMAIL.findall(paragraph))
            owners = [doc for doc in (d for _, _, d in documents)
                      if values & {v for vs in doc_values(doc).values() for v in vs}]
            if len(owners) != 1:
                problems.append(f"{phones}: 应在一个条目中 (should be in one entry)")
                continue
            owner = owners[0]
        problems.extend(_person_problems(paragraph, owner))
    return problems


def _person_problems(paragraph: str, owner: dict) -> list[str]:
    """Each phone, e-mail and personal QQ belongs to the contact whose name stands nearest before it."""
    text = _no_spaces(paragraph)
    contacts = owner.get("contacts") or []
    names = [c.get("name") for c in contacts if c.get("name")]
    problems = []
    for kind, pattern in (("phones", PHONE), ("emails", EMAIL), ("qq", re.compile(r"QQ:(\d{5,12})"))):
        for match in pattern.finditer(text):
            value = match.group(match.lastindex or 0)
            holders = [c for c in contacts if value in [str(v) for v in c.get(kind) or []]]
            if not holders:
                problems.append(f"{value}: 不在 {owner.get('name', '来源')} 的联系人中 (not among the contacts)")
                continue
            before = text[:match.start()]
            named = [n for n in names if n in before]
            if not named:
                continue  # a number of the platform or office itself
            nearest = max(named, key=lambda n: before.rfind(n))
            if not any(h.get("name") == nearest or nearest in (h.get("name") or "") for h in holders):
                problems.append(f"{value}: 应属于“{nearest}” (should belong to {nearest}), "
                                f"found under {[h.get('name') or h.get('unit') for h in holders]}")
    return problems


@needs_seeds
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_values_are_attached_to_their_platform_and_person(seed, variant, tmp_path, empty_catalog):
    original = seed.read_text(encoding="utf-8")
    notice = tmp_path / ("notice.html" if variant == "html" else "notice.txt")
    notice.write_text(VARIANTS[variant](original), encoding="utf-8")
    problems = _attachment_problems(original, draft_for(notice, empty_catalog))
    assert not problems, f"{seed.name} [{variant}]:\n" + "\n".join(problems)


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_source_facts_are_found(seed, empty_catalog):
    text = simple_text(seed.read_text(encoding="utf-8").replace("\u3000\u3000", "\n"))
    documents = draft_for(seed, empty_catalog)
    target, status, source = documents[0]
    assert target.startswith("sources/") and status == "NEW"
    number = re.search(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号", text).group()
    assert source["number"] == number
    dates = [m for m in re.finditer(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", text, re.M)]
    first = next(m for m in dates if m.start() > text.index(number))
    assert str(source["issued"]) == f"{int(first[1]):04d}-{int(first[2]):02d}-{int(first[3]):02d}"
    assert source["title"] and simple_text(source["title"]) in re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)
    for issuer in source["issuers"]:
        assert issuer in re.sub(r"\s+", "", text)


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_each_document_given_in_full_is_a_source(seed, empty_catalog):
    """A notice that includes the document it forwards (its own 文号 on its own line) drafts both."""
    text = simple_text(seed.read_text(encoding="utf-8").replace("\u3000\u3000", "\n"))
    alone = {m.group(1) for m in re.finditer(r"^\s*\(?([\u4e00-\u9fff]+〔\d{4}〕\d+号)\)?\s*$", text, re.M)}
    numbers = {doc.get("number") for target, _, doc in draft_for(seed, empty_catalog) if target.startswith("sources/")}
    assert alone <= numbers
