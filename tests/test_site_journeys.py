"""A teacher's and a school's journeys through the shipped site in Chromium, from the home page.

Each named journey (中国大学MOOC, the 2020 K-12 platform, 智慧树, 本科 + 医学 + virtual labs) is
followed by the same check over every entry of the catalog, so the pages hold in general."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit
from pathlib import Path

import pytest

from browser_site import CHROMIUM, REPO, build_shipped_site, serve_site
from catalog.loader import load_catalog
from catalog.privacy import present_contacts
from catalog_plugins.facets import facet_entries
from catalog_plugins.views import tel_href

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
              pytest.mark.slow]  # builds the shipped site

DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 360, "height": 740}
CATALOG = load_catalog(REPO / "catalog" / "data").catalog


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_shipped_site(tmp_path_factory.mktemp("journeys"))


@pytest.fixture(scope="module")
def site_url(site):
    with serve_site(site) as url:
        yield url


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def catalog_from_home(page, base):
    """Home page, then the navigation's 目录筛选, as a visitor clicks."""
    page.goto(base)
    page.click(".md-sidebar--primary a:has-text('目录筛选')")
    page.wait_for_selector("#cc-catalog[data-ready='true']", timeout=30000)


def result_link(page, name: str):
    """The result card's link named `name` (its text may be split by the <mark> of the search words)."""
    return page.locator("#cc-results .cc-name").get_by_role("link", name=name, exact=True)


def open_through_filter(page, base, typed: str, name: str) -> str:
    """Type into the filter's search and open the card with that name; the entry page's address."""
    catalog_from_home(page, base)
    page.fill("#cc-q", typed)
    result_link(page, name).click()
    page.wait_for_selector("#ccp-title")
    return page.url


def on_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def glance_text(page) -> str:
    return re.sub(r"\s+", "", page.inner_text(".ccp-glance"))


# --- filters with a way out ------------------------------------------------------------------

def matching(index, conditions: dict) -> set[str]:
    """Ids of the entries the facet conditions let through (OR within a facet, AND across)."""
    sets = [set().union(*(facet_entries(index, facet, v) for v in values)) for facet, values in conditions.items()]
    return set.intersection(*sets)


def empty_combination(index) -> dict:
    """A level + discipline + kind combination of the shipped index that yields nothing, though each
    value has entries and dropping one condition gives some (the situation the page must help out of)."""
    values = {spec["key"]: [v[0] for v in spec["values"] if v[3]] for spec in index["facets"]}
    for level in values["level"]:
        for discipline in values["discipline"]:
            for kind in values["kind"]:
                chosen = {"level": [level], "discipline": [discipline], "kind": [kind]}
                drops = [matching(index, {f: v for f, v in chosen.items() if f != facet}) for facet in chosen]
                if not matching(index, chosen) and sum(1 for d in drops if d) >= 2:
                    return chosen
    raise AssertionError("no empty combination in the shipped catalog")


def test_an_empty_combination_offers_the_condition_to_drop(desktop, site, site_url):
    index = json.loads((site / "catalog" / "facets.json").read_text(encoding="utf-8"))
    chosen = empty_combination(index)
    catalog_from_home(desktop, site_url)
    for facet, values in chosen.items():
        desktop.eval_on_selector(f".cc-facet[data-facet='{facet}']", "details => { details.open = true; }")
        for value in values:
            desktop.check(f"#cc-{facet}-{value}")
    desktop.wait_for_function("document.querySelector('#cc-catalog').dataset.results === '0'")

    offered = desktop.inner_text("#cc-way-out")
    counts = {}
    for facet in chosen:
        counts[facet] = len(matching(index, {f: v for f, v in chosen.items() if f != facet}))
        spec = next(spec for spec in index["facets"] if spec["key"] == facet)
        value_name = next(v[1] for v in spec["values"] if v[0] == chosen[facet][0])
        offer = f"去掉“{spec['name']}：{value_name}”，有 {counts[facet]} 条"
        assert (offer in offered) == (counts[facet] > 0), (offer, offered)

    # Take the way out that keeps the most, as a teacher would, and land on exactly those entries.
    dropped = max(counts, key=counts.get)
    spec_name = next(spec["name"] for spec in index["facets"] if spec["key"] == dropped)
    desktop.click(f"#cc-way-out a:has-text('{spec_name}：')")
    desktop.wait_for_function(f"document.querySelector('#cc-catalog').dataset.results === '{counts[dropped]}'")
    expected = matching(index, {f: v for f, v in chosen.items() if f != dropped})
    shown = set()
    while True:  # the list shows 50 at a time
        hrefs = desktop.eval_on_selector_all("#cc-results .cc-name a", "links => links.map(a => a.getAttribute('href'))")
        shown = {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}
        if not desktop.is_visible("#cc-more"):
            break
        desktop.click("#cc-more")
    assert shown == expected
    assert not desktop.is_checked(f"#cc-{dropped}-{chosen[dropped][0]}")
    assert all(desktop.is_checked(f"#cc-{f}-{v[0]}") for f, v in chosen.items() if f != dropped)
    assert desktop.is_hidden("#cc-way-out")


def test_a_search_that_finds_nothing_with_a_filter_offers_to_drop_either(desktop, site_url):
    catalog_from_home(desktop, site_url)
    desktop.check("#cc-level-primary")
    desktop.fill("#cc-q", "智慧树")
    desktop.wait_for_function("document.querySelector('#cc-catalog').dataset.results === '0'")
    offered = desktop.inner_text("#cc-way-out")
    assert "去掉“学段：小学”" in offered and "去掉“搜索词‘智慧树’”" in offered
    desktop.click("#cc-way-out a:has-text('学段：小学')")
    result_link(desktop, "智慧树").wait_for()
    assert desktop.input_value("#cc-q") == "智慧树"


# --- status first ------------------------------------------------------------------------------

def test_the_first_screen_of_icourse163_says_whether_it_is_free_now(browser, desktop, site_url):
    address = open_through_filter(desktop, site_url, "中国大学MOOC", "中国大学MOOC")
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        try:
            page.goto(address)
            for row in (".ccp-glance-free dd", ".ccp-glance-scope dd"):
                assert on_first_screen(page, row), (viewport, row)
            text = glance_text(page)
            # built as of 2026-11-21; the end is the source's or a documented reading's (推定)
            assert re.search(r"现在是否免费否，已结束(（推定）)?：2020-02-01至2020-07-31", text), text
            assert "适用对象河南省高校" in text
        finally:
            context.close()


def test_the_2020_k12_platform_shows_its_2022_successor_and_the_successor_links_back(desktop, site_url):
    open_through_filter(desktop, site_url, "国家中小学网络云平台", "国家中小学网络云平台")
    assert on_first_screen(desktop, ".ccp-glance-replaced dd")
    assert "后继为国家中小学智慧教育平台：http://basic.smartedu.cn" in glance_text(desktop)
    assert desktop.locator(".ccp-links .ccp-old-mark").count() == 2  # its own addresses are old
    desktop.click(".ccp-glance-replaced a:text-is('国家中小学智慧教育平台')")
    desktop.wait_for_selector(".ccp-glance-replaces")
    assert "前身国家中小学网络云平台（旧网址：http://ykt.eduyun.cn）" in glance_text(desktop)
    desktop.click(".ccp-glance-replaces a:text-is('国家中小学网络云平台')")
    assert desktop.url.endswith("/platforms/ykt-eduyun/")


def test_every_succession_says_on_both_first_screens_which_source_states_it(desktop, site_url):
    """Arriving on an old platform's page in 2026: the first screen names the successor, marks the
    old addresses, and links the source that says so; the successor's page does the same the other way."""
    pairs = [(old.id, old.successor, old.successor_sources) for old in CATALOG.platforms.values() if old.successor]
    assert pairs
    for old, new, sources in pairs:
        for here, there, row in ((old, new, ".ccp-glance-replaced dd"), (new, old, ".ccp-glance-replaces dd")):
            desktop.goto(f"{site_url}platforms/{here}/")
            assert on_first_screen(desktop, row), (here, row)
            links = desktop.eval_on_selector_all(row + " a", "l => l.map(a => new URL(a.href).pathname)")
            assert f"/platforms/{there}/" in links, (here, links)
            assert any(f"/sources/{source}/" in links for source in sources), (here, links)


def test_the_contacts_page_offers_the_numbers_to_take_away(desktop, site_url):
    """The vCard and CSV of every contact, linked at the top of the contacts page, open and hold the
    numbers the page shows."""
    desktop.goto(site_url)
    desktop.click(".md-sidebar--primary a:has-text('联系人目录')")
    desktop.wait_for_selector(".ccp-contact-downloads")  # the contacts page, not the home page still
    links = desktop.locator(".ccp-contact-downloads + ul a")
    hrefs = links.evaluate_all("l => l.map(a => a.href)")
    assert sorted(h.rsplit(".", 1)[1] for h in hrefs) == ["csv", "vcf"]
    assert on_first_screen(desktop, ".ccp-contact-downloads")
    shown = desktop.eval_on_selector_all("a[href^='tel:']", "l => l.map(a => a.textContent.trim())")
    for href in hrefs:
        reply = desktop.request.get(href)
        assert reply.ok, href
        body = reply.text()
        assert shown and all(number.replace("-", "") in body.replace("-", "") for number in shown), href


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_every_entry_page_answers_on_its_first_screen(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)  # static HTML: faster
    page = context.new_page()
    late = []
    try:
        for kind, entry in CATALOG.entries():
            if kind == "source":
                continue
            page.goto(f"{site_url}{kind}s/{entry.id}/", wait_until="load")  # styled: the layout a reader sees
            if not on_first_screen(page, ".ccp-glance-free dd"):
                late.append(entry.id)
            successor = getattr(entry, "successor", None)
            if successor and CATALOG.platforms[successor].urls:
                assert CATALOG.platforms[successor].urls[0].url in page.inner_text(".ccp-glance"), entry.id
    finally:
        context.close()
    assert late == []


# --- contacts a school can call ----------------------------------------------------------------

def test_zhihuishus_page_shows_its_henan_contacts_numbers_in_full(desktop, site_url):
    open_through_filter(desktop, site_url, "zhihuishu", "智慧树")
    link = desktop.locator("a[href='tel:+86-13939909533']")
    assert link.inner_text() == "13939909533"
    contact = desktop.locator(".ccp-contact", has=link)
    text = contact.inner_text()
    assert "河南省" in text and "2020-02-01" in text and "豫教疫防办〔2020〕5号" in text  # the notice, its date
    assert "****" not in desktop.content()


def test_every_published_number_is_shown_in_full_and_dialable(site):
    missing = []
    for kind, entry in CATALOG.entries():
        folder = "sources" if kind == "source" else f"{kind}s"
        html = (site / folder / entry.id / "index.html").read_text(encoding="utf-8")
        for contact in present_contacts(entry.contacts, mask_personal_mobiles=False):
            for phone in contact.phones:
                if f'<a href="{tel_href(phone)}">{phone}</a>' not in html:
                    missing.append((entry.id, phone))
    assert missing == []


def test_the_contacts_page_jumps_by_region_and_platform(desktop, site_url):
    desktop.goto(site_url)
    desktop.click(".md-sidebar--primary a:has-text('联系人目录')")
    desktop.click("#ccp-jump-entry ~ ul a >> nth=0")
    assert desktop.url.split("#")[1].startswith("c-")
    desktop.click(".md-sidebar--primary a:has-text('联系人目录')")
    desktop.click("#ccp-jump-region ~ ul a:text-is('河南省')")
    assert on_first_screen(desktop, "#region-henan")
    names = desktop.eval_on_selector_all("#region-henan ~ h3", "hs => hs.map(h => h.textContent.trim())")
    assert names.index("智慧树") < names.index("中国大学MOOC")  # pinyin order: zhi before zhong


def test_a_visit_asks_nothing_of_other_hosts(desktop, site_url):
    """Offline once served, and no third party told who reads: the repository link (repo_url is set in
    mkdocs.yml) stays a plain link instead of the theme's widget that asks the code host's API."""
    hosts = set()
    desktop.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    catalog_from_home(desktop, site_url)
    for path in ("platforms/icourse163/", "contacts/", "sources/"):
        desktop.goto(site_url + path)
        desktop.wait_for_load_state("networkidle")
    assert desktop.locator("a.md-source").count() >= 1  # the link itself is still there
    assert hosts == {urlsplit(site_url).hostname}
