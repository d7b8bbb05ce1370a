"""Searches as teachers type them, beyond the entries' own words, on the shipped site in Chromium.

Subject words (数学, 计算机, 护理) find the discipline they belong to; traditional characters, 慕课 for
MOOC, English facet names and runs typed without spaces read as meant; a search that finds no entry
says where else to look; "free now" says what it means. Each check runs over every case the shipped
catalog holds (every discipline's classes, every entry name, every level and discipline), so it holds
for data the tests were not written against.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_site import CATALOG_QUERY_JS, CHROMIUM, HEADER_QUERY_JS, REPO, build_shipped_site, serve_site
from catalog.loader import load_catalog
from catalog_plugins.facets import build_facet_index, entry_url, facet_entries
from catalog.chinese_fold import simplified_of

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
              pytest.mark.slow]  # builds the shipped site

CATALOG = load_catalog(REPO / "catalog" / "data").catalog
INDEX = build_facet_index(CATALOG, dt.date(2026, 11, 21))
ENTRIES = INDEX["entries"]
FACETS = {f["key"]: f for f in INDEX["facets"]}


def url_of(position: int) -> str:
    return "/" + entry_url(INDEX["types"][ENTRIES["type"][position]][0], ENTRIES["id"][position])


def urls_with(facet: str, value_id: str) -> set[str]:
    wanted = set(facet_entries(INDEX, facet, value_id))
    return {url_of(p) for p, entry_id in enumerate(ENTRIES["id"]) if entry_id in wanted}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    with serve_site(build_shipped_site(tmp_path_factory.mktemp("words"))) as url:
        yield url


@pytest.fixture(scope="module")
def catalog_page(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "catalog/")
    page.wait_for_selector("#cc-catalog[data-ready='true']")
    yield page
    page.close()


@pytest.fixture(scope="module")
def header(browser, site_url):
    page = browser.new_page()
    page.goto(site_url)
    page.click("input.md-search__input")
    yield page
    page.close()


def all_results(page, query: str) -> set[str]:
    """Every card /catalog/ lists for the query (pressing 显示更多 until all are shown)."""
    page.evaluate(CATALOG_QUERY_JS, query)
    while page.is_visible("#cc-more"):
        page.click("#cc-more")
    return set(page.eval_on_selector_all("#cc-results > li h3 a", "l => l.map(a => new URL(a.href).pathname)"))


def test_a_subject_word_finds_every_entry_filed_under_its_discipline(catalog_page):
    """数学 finds the 理学 entries (理学 covers 数学类), 护理 the 医学 ones: every class of every discipline
    in use, typed as a teacher says it (without 类)."""
    misses = []
    vocabulary = {t.id: t for v in CATALOG.taxonomy.ordered("discipline") for t in v.terms}
    for value_id, *_ in FACETS["discipline"]["values"]:
        for covered in vocabulary[value_id].covers:
            word = covered.removesuffix("类")
            if not urls_with("discipline", value_id) <= all_results(catalog_page, word):
                misses.append((word, value_id))
    assert sum(len(t.covers) for t in vocabulary.values()) > 50
    assert misses == []


def _traditional() -> dict[str, str]:
    """simplified -> a traditional form, from the table the search folds with (any form folds back)."""
    table = {}
    for traditional, simplified in sorted(simplified_of().items()):
        table.setdefault(simplified, traditional)
    return table


def _names_in_traditional() -> list[tuple[str, str]]:
    to_traditional = _traditional()
    cases = []
    for position, name in enumerate(ENTRIES["name"]):
        typed = "".join(to_traditional.get(ch, ch) for ch in name)
        same_name = {url_of(p) for p, n in enumerate(ENTRIES["name"]) if n == name}
        if typed != name and len(same_name) == 1:
            cases.append((typed, url_of(position)))
    return cases


def test_a_name_typed_in_traditional_characters_finds_the_entry_first_in_both_boxes(header, catalog_page):
    cases = _names_in_traditional() + [("學堂在線", "/platforms/xuetangx/"), ("中國大學MOOC", "/platforms/icourse163/")]
    assert len(cases) > 30
    misses = []
    for typed, expected in cases:
        head = header.evaluate(HEADER_QUERY_JS, typed) or [None]
        cards = catalog_page.evaluate(CATALOG_QUERY_JS, typed) or [None]
        if head[0] != expected or cards[0] != expected:
            misses.append((typed, expected, head[:2], cards[:2]))
    assert misses == []


def test_mooc_and_its_chinese_name_are_one_word(header, catalog_page):
    """Every name with MOOC in it is found first by its 慕课 spelling (中国大学慕课 -> 中国大学MOOC), and
    the other way round."""
    cases = []
    for position, name in enumerate(ENTRIES["name"]):
        for word, other in (("MOOC", "慕课"), ("慕课", "MOOC")):
            if word in name:
                cases.append((name.replace(word, other), url_of(position)))
    assert ("中国大学慕课", "/platforms/icourse163/") in cases
    misses = [(typed, expected) for typed, expected in cases
              if (header.evaluate(HEADER_QUERY_JS, typed) or [None])[0] != expected
              or (catalog_page.evaluate(CATALOG_QUERY_JS, typed) or [None])[0] != expected]
    assert misses == []


def test_english_names_of_kinds_and_levels_find_their_entries(catalog_page):
    """"virtual lab", "undergraduate": the taxonomy's English names are searched like its Chinese ones."""
    vocabulary = {t.id: t for facet in ("kind", "level") for v in CATALOG.taxonomy.ordered(facet) for t in v.terms}
    misses = []
    for facet in ("kind", "level"):
        for value_id, *_ in FACETS[facet]["values"]:
            english = vocabulary[value_id].name_en
            if english and not urls_with(facet, value_id) <= all_results(catalog_page, english.lower()):
                misses.append((facet, english))
    assert misses == []
    assert "/platforms/ilab-x/" in all_results(catalog_page, "virtual lab")


def test_words_typed_without_spaces_find_what_the_spaced_words_find(catalog_page):
    """本科医学 is 本科 医学: for every level and discipline in use, and with a kind after them."""
    misses = []
    kind = next(name for value_id, name, *_ in FACETS["kind"]["values"] if value_id == "virtual-lab-collection")
    for _, level, *_ in FACETS["level"]["values"]:
        for _, discipline, *_ in FACETS["discipline"]["values"]:
            for words in ([level, discipline], [level, discipline, kind]):
                spaced = all_results(catalog_page, " ".join(words))
                if spaced and all_results(catalog_page, "".join(words)) != spaced:
                    misses.append("".join(words))
    assert misses == []
    assert "/resources/vsim-projects-2018/" in all_results(catalog_page, "本科医学虚拟仿真")


def test_a_search_no_entry_answers_leads_to_the_pages_that_do(browser, site_url):
    """河南 联系人 is no entry: /catalog/ says so, offers the whole site's search, and that search opens
    with the words and puts the contacts directory first."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        page.goto(site_url + "catalog/")
        page.wait_for_selector("#cc-catalog[data-ready='true']")
        page.fill("#cc-q", "河南 联系人")
        page.wait_for_function("document.querySelector('#cc-catalog').dataset.results === '0'")
        assert page.is_visible("#cc-way-out")
        assert "去掉“搜索词" not in page.inner_text("#cc-way-out")  # dropping the only condition is no help
        page.click("#cc-way-out a.cc-search-site")
        first = "document.querySelector('.md-search-result__list > li a.md-search-result__link')"
        page.wait_for_function(f"{first} !== null", timeout=15000)
        assert page.input_value("input.md-search__input") == "河南 联系人"
        assert urlsplit(page.evaluate(f"{first}.href")).path == "/contacts/"
    finally:
        page.close()


def test_every_region_with_contacts_and_the_word_contacts_leads_to_the_contacts_page(header):
    """<region> 联系人 in the header, spaced or not: the contacts directory comes first (its section for
    the region is titled by the region within the page 联系人目录)."""
    regions = {CATALOG.taxonomy.name("region", r) for _, e in CATALOG.entries()
               for c in getattr(e, "contacts", []) if not c.withdrawn for r in c.regions if r != "national"}
    assert regions
    misses = [(typed, hits[:2]) for r in sorted(regions) for typed in (f"{r} 联系人", f"{r}联系人")
              if (hits := header.evaluate(HEADER_QUERY_JS, typed) or [None])[0] != "/contacts/"]
    assert misses == []


def test_free_now_says_which_day_it_means(catalog_page):
    hint = catalog_page.inner_text("details[data-facet='free'] .cc-free-hint")
    as_of = re.search(r"\d{4}-\d{2}-\d{2}", catalog_page.inner_text(".cc-as-of")).group()
    assert as_of in hint  # the day "free now" is computed for, said beside the option
    count = FACETS["free"]["values"][0][3]
    assert ("没有这样的条目" in hint) == (count == 0)


def test_keyboard_enter_takes_the_results_and_cards_mark_what_matched(browser, site_url):
    """On a phone-width /catalog/: type, press Enter, and the first card has the focus (not 29 Tab presses
    through the filters); Enter opens it. The cards mark the words as the search read them (學堂 -> 学堂)."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        page.goto(site_url + "catalog/")
        page.wait_for_selector("#cc-catalog[data-ready='true']")
        page.click("#cc-q")
        page.keyboard.type("學堂在線")
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.closest('#cc-results > li') !== null")
        assert focused
        assert page.eval_on_selector("#cc-results > li h3 a", "a => a.querySelector('mark')?.textContent") == "学堂在线"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.keyboard.press("Enter")
        page.wait_for_url("**/platforms/xuetangx/")
        page.go_back()
        page.wait_for_selector("#cc-catalog[data-ready='true']")
        assert page.input_value("#cc-q") == "學堂在線"  # the address kept the search
    finally:
        page.close()


def _homophone_typos() -> list[tuple[str, str, set[str]]]:
    """(typo, pinyin, entries whose names read so) for every name whose reading the table gives: one
    character swapped for another the table reads the same, as a pinyin input method offers it."""
    from catalog_plugins.facets import entry_pinyin

    table = dict(zip(INDEX["pinyin"]["chars"], INDEX["pinyin"]["readings"].split(" ")))
    by_reading: dict[str, list[str]] = {}
    for char, reading in sorted(table.items()):
        by_reading.setdefault(reading, []).append(char)
    text = "\x01".join(ENTRIES["name"] + [a for aliases in ENTRIES["aliases"] for a in aliases] + ENTRIES["desc"])
    spoken = {url_of(p): entry_pinyin(INDEX, p)[0].split(" ") for p in range(len(ENTRIES["id"]))}
    cases = []
    for position, name in enumerate(ENTRIES["name"]):
        if ENTRIES["pinyin"][position] or not 3 <= len(name) <= 8 or not all(ch in table for ch in name):
            continue
        for i, char in enumerate(name):
            other = next((c for c in by_reading[table[char]] if c != char), None)
            typo = name[:i] + other + name[i + 1:] if other else None
            if typo and typo not in text:
                reading = "".join(table[ch] for ch in typo)
                cases.append((typo, reading, {u for u, forms in spoken.items() if any(reading in f for f in forms)}))
                break
    return cases


def test_a_homophone_typo_finds_the_name_it_sounds_like(catalog_page):
    """智慧数 for 智慧树: a word found nowhere is looked for by its pinyin."""
    cases = _homophone_typos()
    assert len(cases) > 10
    misses = [(typo, expected) for typo, _, expected in cases
              if (catalog_page.evaluate(CATALOG_QUERY_JS, typo) or [None])[0] not in expected]
    assert misses == []
