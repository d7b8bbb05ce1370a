"""Material's site search in headless Chromium: Chinese words find entries, entry text runs nothing."""

from __future__ import annotations

import pytest

from browser_site import CHROMIUM, launch_chromium, serve_site
from test_site_build import build, make_project

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("search") / "project")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def search_finds(page, query: str, path: str) -> bool:
    """Type a query as a reader does and wait for a result linking to `path`."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    page.keyboard.type(query)
    page.keyboard.press("End")  # typing CJK inserts text without key events; Material searches on keyup
    try:
        page.wait_for_function(
            "path => [...document.querySelectorAll('.md-search-result__list li a')]"
            ".some(a => new URL(a.href).pathname === path)", arg=path, timeout=15000)
    except Exception:
        return False
    return True


def test_site_search_finds_chinese_words_and_runs_no_entry_text(search_site):
    from playwright.sync_api import sync_playwright

    with serve_site(search_site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(base)
            assert search_finds(page, "精品", "/resources/national-courses/")
            assert search_finds(page, "智慧", "/platforms/zhihuishu/")
            assert search_finds(page, "onerror", "/resources/hostile/")
            shown = page.inner_text(".md-search-result__list")
            assert "<img src=x onerror=alert(1)>" in shown
            page.goto(base + "resources/hostile/")
            assert "<img src=x onerror=alert(1)>" in page.inner_text("h1")
            assert dialogs == []
        finally:
            browser.close()


def test_entry_and_contact_pages_fit_a_phone_screen(search_site):
    from playwright.sync_api import sync_playwright

    with serve_site(search_site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740})
            for path in ("platforms/zhihuishu/", "resources/hostile/", "contacts/", "sources/moe-2020-2/"):
                page.goto(base + path)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 360, (path, width)
                assert page.is_visible("h1")
        finally:
            browser.close()
