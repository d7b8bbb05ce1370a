"""The shipped site in Chromium, checked as assistive technology and a keyboard meet it: axe-core finds
no serious or critical violation on any page type at 1280 and 360 px, the filter is one skip link away,
/catalog/ does not jump while it loads, and without JavaScript it says only what is true."""

from __future__ import annotations

import time

import pytest

from browser_site import CHROMIUM, axe_violations, build_shipped_site, serve_site

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
              pytest.mark.slow]  # builds the shipped site

WIDTHS = {"desktop": (1280, 800), "phone": (360, 740)}
# One page of each type of the shipped site (home, filter, entry, contacts, listing, source, and a
# Markdown page with a wide table).
PAGE_TYPES = {
    "home": "",
    "catalog": "catalog/",
    "entry": "platforms/ykt-eduyun/",
    "contacts": "contacts/",
    "listing": "regions/henan/",
    "source": "sources/yujiaoyifangban-2020-5/",
    "docs": "data/",
}
LAYOUT_SHIFTS = """
window.__layoutShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory):
    return build_shipped_site(tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="module")
def site_url(shipped_site):
    with serve_site(shipped_site) as url:
        yield url


def open_page(browser, url, width, **options):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])), **options)
    page = context.new_page()
    page.goto(url)
    if "/catalog/" in url and options.get("java_script_enabled", True):
        page.wait_for_selector("#cc-catalog[data-ready='true']", timeout=30000)
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_or_critical_axe_violation_on_any_page_type(browser, site_url, width):
    found = {}
    for name, path in PAGE_TYPES.items():
        context, page = open_page(browser, site_url + path, width)
        try:
            violations = axe_violations(page)
        finally:
            context.close()
        if violations:
            found[name] = violations
    assert found == {}


def test_the_dark_scheme_has_no_violation_either(browser, site_url):
    found = {}
    for name in ("catalog", "entry", "contacts"):
        context, page = open_page(browser, site_url + PAGE_TYPES[name], "desktop", color_scheme="dark")
        try:
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
            violations = axe_violations(page)
        finally:
            context.close()
        if violations:
            found[name] = violations
    assert found == {}


def test_an_empty_filter_result_has_no_violation_either(browser, site_url):
    context, page = open_page(browser, site_url + "catalog/?discipline=ug-10&kind=tv-channel", "phone")
    try:
        assert page.is_visible("#cc-way-out")
        assert axe_violations(page) == []
    finally:
        context.close()


def test_the_first_tab_offers_a_skip_link_straight_to_the_filter(browser, site_url):
    context, page = open_page(browser, site_url + "catalog/", "desktop")
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "跳到筛选"
        page.keyboard.press("Enter")
        page.keyboard.type("zhs")
        assert page.input_value("#cc-q") == "zhs"
        page.wait_for_function("document.querySelector('#cc-catalog').dataset.results === '1'")
    finally:
        context.close()


def test_entry_pages_skip_to_their_title(browser, site_url):
    context, page = open_page(browser, site_url + "platforms/zhihuishu/", "phone")
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#ccp-title"
    finally:
        context.close()


@pytest.fixture(scope="module")
def slow_site_url(shipped_site):
    """The same site over a slow connection: /catalog/ stops for a second at the end of its form,
    so the browser paints the form before it has read the script that follows it."""
    with serve_site(shipped_site, stall=(b"class=\"cc-reset\"", 1.0)) as url:
        yield url


@pytest.mark.parametrize("connection", ["stalled-page", "slow-script"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_catalog_page_does_not_jump_while_it_loads(browser, site_url, slow_site_url, width, connection):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    context.add_init_script(LAYOUT_SHIFTS)

    def slow_script(route):  # a busy or slow connection: the browser paints before the script arrives
        time.sleep(0.8)
        route.continue_()

    context.route("**/catalog.js", slow_script)
    page = context.new_page()
    try:
        page.goto((slow_site_url if connection == "stalled-page" else site_url) + "catalog/")
        page.wait_for_selector("#cc-catalog[data-ready='true']", timeout=30000)
        page.wait_for_timeout(500)
        assert page.evaluate("window.__layoutShift") < 0.1
    finally:
        context.close()


def test_without_javascript_the_page_says_only_what_is_true(browser, site_url):
    context, page = open_page(browser, site_url + "catalog/", "phone", java_script_enabled=False)
    try:
        text = page.inner_text("article")
        assert "需要启用 JavaScript" in text
        assert "正在加载" not in text and "没有符合" not in text
        assert not page.is_visible("#cc-form") and not page.is_visible("#cc-status")
        assert page.is_visible(".cc-browse a >> text=按学段")
    finally:
        context.close()
