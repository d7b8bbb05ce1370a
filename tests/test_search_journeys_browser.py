"""A teacher's searches on the shipped catalog, in headless Chromium: the header search and /catalog/.

The site is the README's build of the real catalog. The named journeys start on the home page and
type as a person does; the general cases take every entry of the shipped catalog and look it up by
its name, each alias, its pinyin and its initials, in both boxes: the entry must come first (or, when
entries share the name, one of those that share it).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_site import CATALOG_QUERY_JS, CHROMIUM, HEADER_QUERY_JS, build_shipped_site, serve_site

REPO = Path(__file__).resolve().parents[1]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} 不存在：浏览器测试需要 Debian 的 chromium 软件包 "
                f"(browser tests need Debian's chromium at {CHROMIUM}; CI installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

ZHIHUISHU = "/platforms/zhihuishu/"
ICOURSE163 = "/platforms/icourse163/"

@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    with serve_site(build_shipped_site(tmp_path_factory.mktemp("journeys"))) as url:
        yield url


def first_header_hit(page, base: str, query: str) -> str:
    """From the home page: open the header search, type the query key by key, read the first hit."""
    page.goto(base)
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=30)
    page.keyboard.press("End")  # typing CJK inserts text without key events; Material searches on keyup
    first = "document.querySelector('.md-search-result__list > li a.md-search-result__link')"
    page.wait_for_function(f"{first} !== null", timeout=15000)
    page.wait_for_timeout(300)  # the answer to the last key, not to one typed before it
    return urlsplit(page.evaluate(f"{first}.href")).path


def first_catalog_hit(page, base: str, query: str) -> str:
    """From the home page: follow the navigation to /catalog/, type the query, read the first card."""
    page.goto(base)
    page.locator("a[href='catalog/']:visible").first.click()
    page.wait_for_selector("#cc-catalog[data-ready='true']")
    page.click("#cc-q")
    page.keyboard.type(query, delay=30)
    page.wait_for_timeout(300)
    return urlsplit(page.eval_on_selector("#cc-results > li h3 a", "a => a.href")).path


@pytest.mark.parametrize("query, expected", [("智慧树", ZHIHUISHU), ("zhihuishu", ZHIHUISHU), ("zhs", ZHIHUISHU),
                                             ("中国大学MOOC", ICOURSE163), ("爱课程", ICOURSE163)])
def test_a_teachers_search_finds_the_platform_first_in_both_boxes(site_url, browser, query, expected):
    page = browser.new_page()
    try:
        assert first_header_hit(page, site_url, query) == expected
        assert first_catalog_hit(page, site_url, query) == expected
    finally:
        page.close()


def test_the_entry_named_comes_before_pages_that_mention_it(site_url, browser):
    page = browser.new_page()
    try:
        page.goto(site_url)
        page.click("input.md-search__input")
        hits = page.evaluate(HEADER_QUERY_JS, "中国大学MOOC")
        assert hits[0] == ICOURSE163
        # the resource and the pages that mention it come after it, and so does the 中国 of other names
        assert "/resources/national-quality-online-courses/" in hits[1:]
        assert "/platforms/cetv4/" not in hits  # 中国教育电视台4频道 shares only 中国 with the query
        medicine = page.evaluate(HEADER_QUERY_JS, "医学")
        assert medicine[0] == "/disciplines/ug-10/"  # the page named 医学, then the entries filed under it
        assert all(hit.startswith(("/platforms/", "/resources/")) for hit in medicine[1:6]), medicine
    finally:
        page.close()


# --- every entry of the shipped catalog -----------------------------------------------------------

def _compact(text: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("’", "").split())


def _lookups() -> list[tuple[str, str, set[str]]]:
    """(what, query, pages that may come first) for every entry's name, aliases, pinyin and initials."""
    import datetime as dt

    from catalog.loader import load_catalog
    from catalog_plugins.facets import build_facet_index, entry_pinyin, entry_url

    catalog = load_catalog(REPO / "catalog" / "data").catalog
    index = build_facet_index(catalog, dt.date(2026, 11, 21))
    e = index["entries"]
    names, spoken = [], []
    for position, entry_id in enumerate(e["id"]):
        url = "/" + entry_url(index["types"][e["type"][position]][0], entry_id)
        names.append((url, {_compact(n) for n in [e["name"][position], *e["aliases"][position]]}))
        full, initials = entry_pinyin(index, position)
        spoken.append((url, {_compact(f) for f in full.split(" ") + initials.split(" ") if f}))
    cases = []
    for position, (url, own) in enumerate(names):
        for what, query in [("name", e["name"][position])] + [("alias", a) for a in e["aliases"][position]]:
            key = _compact(query)
            cases.append((what, query, {u for u, forms in names if key in forms}))
        for form in sorted(spoken[position][1]):
            exact = {u for u, forms in names if form in forms}  # an alias spelled like this comes first
            cases.append(("pinyin", form, exact or {u for u, forms in spoken if form in forms}))
    unique = {}  # Material sends a query only when the text changed: ask each text once
    for case in cases:
        unique.setdefault(case[1], case)
    return list(unique.values())


LOOKUPS = _lookups()


def test_every_entry_is_first_for_its_name_aliases_and_pinyin_in_both_boxes(site_url, browser):
    page = browser.new_page()
    misses = []
    try:
        page.goto(site_url)
        page.click("input.md-search__input")
        for what, query, expected in LOOKUPS:
            hits = page.evaluate(HEADER_QUERY_JS, query)
            if not hits or hits[0] not in expected:
                misses.append(("header", what, query, sorted(expected), (hits or [None])[:3]))
        page.goto(site_url + "catalog/")
        page.wait_for_selector("#cc-catalog[data-ready='true']")
        for what, query, expected in LOOKUPS:
            hits = page.evaluate(CATALOG_QUERY_JS, query)
            if not hits or hits[0] not in expected:
                misses.append(("catalog", what, query, sorted(expected), hits[:3]))
    finally:
        page.close()
    assert len(LOOKUPS) > 100
    assert misses == []
