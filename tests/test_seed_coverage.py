"""The catalog holds every contact detail and address the source notices published.

The notices themselves are the test input: phone numbers, emails, QQ numbers and groups, WeChat
accounts and URLs are pulled out of their text by the patterns below, never typed into this file.
The whole notice from its document number on is scanned (a superset of its platform and contact
sections); the notices write `https：//` with a full-width colon, `？` in a query and `1。` in numbering.
The notices live beside the repository (../shared/seeds) or where COURSE_CATALOG_SEEDS points.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from catalog.urls import address_key
from conftest import SEED_FILES, SEEDS_DIR, SEEDS_ENV


# A document number such as 教高厅〔2020〕2号: the notice proper starts at its first one, so that a
# reposting site's navigation links above it are not taken for facts.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
# A landline with its area code, and bare local numbers listed after it ("010-66096925、66097392").
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})-(\d{7,8})((?:、\d{7,8})*)(?!\d)")
SERVICE = re.compile(r"(?<!\d)[48]00-?\d{3,4}-?\d{3,4}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
QQ = re.compile(r"QQ(群|工作群)?[：:]\s*(\d{5,12})")
WECHAT = re.compile(r"微信公众号(?:[：:]\s*([^\s；;，,。]+)|([A-Za-z][A-Za-z0-9_-]{2,}))")
# With or without a scheme; not the domain part of an email address.
URL = re.compile(r"(?<![A-Za-z0-9@.-])(?:https?://)?(?:[A-Za-z0-9-]+\.)+(?:com|cn|org|net)(?![A-Za-z0-9-])"
                 r"(?:/[A-Za-z0-9._~/?？=&%#-]*)?")
NAME_AND_MOBILE = re.compile(r"([\u4e00-\u9fff]{2})，手机号码[：:]?\s*(1[3-9]\d{9})")
WHERE_READ = re.compile(r"原文链接[：:]\s*(\S+)")


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def url_key(value: str) -> str:
    return address_key(value.replace("？", "?")).lower()


@pytest.fixture(scope="module")
def notices() -> dict[str, str]:
    files = SEED_FILES
    if not files:
        pytest.skip(f"找不到源通知 {SEEDS_DIR}（设置 {SEEDS_ENV} 指向它）(source notices not found)")
    texts = {}
    for file in files:
        text = file.read_text(encoding="utf-8").replace("：//", "://")
        start = DOC_NUMBER.search(text)
        texts[file.name] = text[start.start():] if start else text
    return texts


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog(DEFAULT_DATA_DIR)
    assert result.ok, "\n".join(p.render() for p in result.problems)
    return result.catalog


def published(text: str) -> dict[str, set[str]]:
    """Every contact detail and URL in a notice, normalised for comparison."""
    found: dict[str, set[str]] = defaultdict(set)
    found["phone"].update(MOBILE.findall(text))
    for area, first, rest in LANDLINE.findall(text):
        found["phone"].update(area + number for number in [first, *rest.split("、")[1:]])
    found["phone"].update(digits(number) for number in SERVICE.findall(text))
    found["email"].update(address.lower() for address in EMAIL.findall(text))
    for group, number in QQ.findall(text):
        found["qq_group" if group else "qq"].add(number)
    found["wechat"].update(a or b for a, b in WECHAT.findall(text))
    found["url"].update(url_key(url if "://" in url else "http://" + url) for url in URL.findall(text))
    return found


def in_catalog(catalog) -> dict[str, set[str]]:
    held: dict[str, set[str]] = defaultdict(set)
    for ref in catalog.contacts():
        contact = ref.contact
        held["phone"].update(digits(phone) for phone in contact.phones)
        held["email"].update(email.lower() for email in contact.emails)
        held["qq"].update(contact.qq)
        held["qq_group"].update(contact.qq_groups)
        held["wechat"].update(contact.wechat)
    held["url"].update(url_key(link.url) for link in catalog.iter_links())
    return held


def test_every_published_contact_detail_and_url_is_in_the_catalog(notices, catalog):
    held = in_catalog(catalog)
    missing = []
    totals: dict[str, int] = defaultdict(int)
    for name, text in notices.items():
        for kind, values in published(text).items():
            totals[kind] += len(values)
            missing += [f"{name}: {kind} {value}" for value in sorted(values - held[kind])]
    assert not missing, "目录中缺少通知公布的联系方式或网址 (missing from the catalog):\n" + "\n".join(missing)
    # the patterns must have found something of every kind, or this test proves nothing
    assert all(totals[kind] for kind in ("phone", "email", "qq", "qq_group", "wechat", "url")), dict(totals)


def test_the_address_a_copy_was_read_from_is_recorded_as_a_source_url(notices, catalog):
    source_urls = {url_key(link.url) for source in catalog.sources.values() for link in source.urls}
    read_from = [url for text in notices.values() for url in WHERE_READ.findall(text)]
    for file in SEED_FILES:
        read_from += WHERE_READ.findall(file.read_text(encoding="utf-8"))
    assert read_from, "no 原文链接 line found in the notices"
    assert {url_key(url) for url in read_from} <= source_urls


def test_one_mobile_published_under_two_names_keeps_both_with_a_note(notices, catalog):
    names_of: dict[str, set[str]] = defaultdict(set)
    for text in notices.values():
        for name, mobile in NAME_AND_MOBILE.findall(text):
            names_of[mobile].add(name)
    conflicting = {mobile: names for mobile, names in names_of.items() if len(names) > 1}
    assert conflicting, "expected the notices' 朱锐/朱瑞 discrepancy"
    for mobile, names in conflicting.items():
        holders = [ref.contact for ref in catalog.contacts() if mobile in map(digits, ref.contact.phones)]
        for name in names:
            assert any((c.name or "").endswith(name) for c in holders), f"{name} ({mobile}) not kept as published"
        assert all(c.note for c in holders), f"contacts with {mobile} need a note on the discrepancy"


def test_a_qq_group_published_in_two_lengths_carries_a_note(notices, catalog):
    groups = set().union(*(published(text)["qq_group"] for text in notices.values()))
    variants = {(a, b) for a in groups for b in groups if a != b and b.startswith(a)}
    assert variants, "expected the notices' 806766200/8067662003 discrepancy"
    for short, long in variants:
        holders = [ref.contact for ref in catalog.contacts() if {short, long} & set(ref.contact.qq_groups)]
        assert holders and all(c.note and short in c.note and long in c.note for c in holders)


def test_entries_drawn_only_from_secondary_sources_are_marked_unverified(catalog):
    secondary = {sid for sid, source in catalog.sources.items() if source.kind == "secondary"}
    assert secondary
    for kind, entry in catalog.entries():
        if kind == "source":
            continue
        only_secondary = set(entry.sources) <= secondary
        if only_secondary:
            assert entry.verified is False, f"{kind} {entry.id} cites only secondary sources"
        if entry.verified is False:
            assert set(entry.sources) & secondary, f"{kind} {entry.id} is unverified but cites no secondary source"
