"""The /catalog/ page in headless Chromium, on a site built by the real `mkdocs build` and plugin.

Seven entries chosen so that each assertion can tell right from wrong: OR within a facet, AND across
facets, counts for the current selection, search by Chinese, pinyin, initials and a polyphone
(重庆 is chong), the view from a shared URL, keyboard-only use, a 360 px phone, and an entry whose
name is markup.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from browser_site import CHROMIUM, build_site, serve_site
from catalog.paths import DEFAULT_DATA_DIR
from conftest import with_basis
from conftest import MOE_SOURCE

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from synth_catalog import PLATFORM_COUNT, write_catalog  # noqa: E402

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} 不存在：浏览器测试需要 Debian 的 chromium 软件包 "
                f"(browser tests need Debian's chromium at {CHROMIUM}; CI installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

XSS_NAME = "<img src=x onerror=alert(1)>"

ACTIVE = "[{start: 2026-01-01, open_ended: true, label: 长期免费, sources: [moe-2020-2]}]"
ENDED = "[{start: 2020-02-01, end: 2020-07-31, label: 2020年春季学期, sources: [moe-2020-2]}]"

# id -> (folder, name, aliases, kind, levels, disciplines, regions, description, free periods)
ENTRIES = {
    "zhihuishu": ("platforms", "智慧树", "[知到]", "mooc-platform", "[undergraduate, higher-vocational]",
                  "[ug-07, voc21-51]", "[national]", "在线课程平台", ACTIVE),
    "xuetangx": ("platforms", "学堂在线", "[]", "mooc-platform", "[undergraduate]", "[ug-08]", "[national]",
                 "清华大学发起的慕课平台", "[]"),
    "xss": ("platforms", XSS_NAME, "['\"><svg onload=alert(2)>']", "teaching-tool", "[primary]", "[k12-math]",
            "[henan]", "'<script>window.__xss = 1</script>'", "[]"),
    "gaoshu": ("resources", "高等数学（同济大学）", "[]", "course", "[undergraduate]", "[ug-07]", "[national]",
               "微积分与线性代数基础", ACTIVE),
    "yuwen": ("resources", "七年级语文同步课堂", "[]", "video-collection", "[junior]", "[k12-chinese]",
              "[henan]", "初中语文课例", ENDED),
    "dianlu": ("resources", "重庆大学电路原理", "[]", "course", "[undergraduate]", "[ug-08]", "[chongqing]",
               "含虚拟仿真实验", "[]"),
    "wangluo": ("resources", "计算机网络技术", "[]", "course", "[higher-vocational]", "[voc21-51]", "[henan]",
                "高职专业课程", ACTIVE),
}
NAMES = {entry_id: spec[1] for entry_id, spec in ENTRIES.items()}


def _entry_yaml(entry_id, folder, name, aliases, kind, levels, disciplines, regions, description, periods):
    lines = [f"name: '{name}'", f"aliases: {aliases}", f"kind: {kind}",
             f"urls: [https://example.org/{entry_id}]", f"levels: {levels}", f"disciplines: {disciplines}",
             f"regions: {regions}", f"description: {description}", f"free_periods: {periods}",
             "sources: [moe-2020-2]"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("catalog-site")
    data = root / "data"
    shutil.copytree(DEFAULT_DATA_DIR / "taxonomy", data / "taxonomy")
    (data / "sources").mkdir()
    (data / "sources" / "moe-2020-2.yaml").write_text(MOE_SOURCE, encoding="utf-8")
    for entry_id, (folder, *spec) in ENTRIES.items():
        (data / folder).mkdir(exist_ok=True)
        (data / folder / f"{entry_id}.yaml").write_text(with_basis(_entry_yaml(entry_id, folder, *spec)),
                                                           encoding="utf-8")
    site = build_site(data, root / "build")
    with serve_site(site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.dialogs = []
    page.errors = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def open_catalog(page, site_url, query=""):
    page.goto(site_url + "catalog/" + query)
    page.wait_for_selector("#cc-catalog[data-ready='true']", timeout=30000)


def shown(page) -> list[str]:
    """The names on the result cards, sorted (the order is the page's business)."""
    return sorted(page.eval_on_selector_all("#cc-results .cc-name a", "links => links.map(a => a.textContent)"))


def address_ends_with(page, suffix: str) -> bool:
    """The address follows the view within a moment (catalog.js writes it 250 ms after a change)."""
    page.wait_for_function("suffix => location.href.endsWith(suffix)", arg=suffix, timeout=5000)
    return True


def count(page, facet, value) -> int:
    return int(page.text_content(f"label[for='cc-{facet}-{value}'] .cc-count"))


def names(*ids) -> list[str]:
    return sorted(NAMES[i] for i in ids)


def open_facet(page, facet):
    page.eval_on_selector(f".cc-facet[data-facet='{facet}']", "details => { details.open = true; }")


def test_filters_or_within_a_facet_and_across_facets_with_counts(page, site_url):
    open_catalog(page, site_url)
    assert page.text_content("#cc-status") == "共 7 条"
    assert shown(page) == sorted(NAMES.values())

    page.check("#cc-level-undergraduate")
    assert shown(page) == names("zhihuishu", "xuetangx", "gaoshu", "dianlu")
    assert page.text_content("#cc-status") == "共 4 条"
    # Counts follow the selection: other facets count within it, the level facet counts what ticking adds.
    assert (count(page, "kind", "course"), count(page, "kind", "mooc-platform")) == (2, 2)
    assert count(page, "kind", "video-collection") == 0
    assert (count(page, "level", "junior"), count(page, "level", "undergraduate")) == (1, 4)
    assert count(page, "free", "now") == 2

    page.check("#cc-level-junior")  # OR within the level facet
    assert shown(page) == names("zhihuishu", "xuetangx", "gaoshu", "dianlu", "yuwen")

    open_facet(page, "region")
    page.check("#cc-region-henan")  # AND with the region facet
    assert shown(page) == names("yuwen")
    assert (count(page, "region", "national"), count(page, "region", "chongqing")) == (3, 1)
    assert count(page, "level", "higher-vocational") == 1  # wangluo is in Henan too
    assert address_ends_with(page, "/catalog/?level=junior&level=undergraduate&region=henan")

    page.uncheck("#cc-level-junior")
    assert shown(page) == []
    assert "没有符合条件的条目" in page.text_content("#cc-status")
    page.click("button.cc-reset")
    page.wait_for_function("document.querySelector('#cc-catalog').dataset.results === '7'")
    assert address_ends_with(page, "/catalog/")
    assert not page.errors


@pytest.mark.parametrize("typed, expected", [
    ("智慧", ["zhihuishu", "xss"]),    # and the teaching tool: 智慧 begins its kind's alias 智慧教学工具
    ("zhihuishu", ["zhihuishu"]),
    ("zhs", ["zhihuishu"]),
    ("zhidao", ["zhihuishu"]),          # the alias 知到, in pinyin
    ("ZHS", ["zhihuishu"]),
    ("cqdx", ["dianlu"]),               # 重庆 reads chong qing
    ("虚拟仿真", ["dianlu"]),            # the description
    ("gaodeng shuxue", ["gaoshu"]),     # words in any order, all must match
    ("语文 hn", []),
])
def test_search_by_chinese_pinyin_and_initials(page, site_url, typed, expected):
    open_catalog(page, site_url)
    page.locator("#cc-q").press_sequentially(typed)
    assert shown(page) == names(*expected)
    assert address_ends_with(page, "/catalog/?q=" + quote(typed))


def test_search_narrows_and_widens_as_one_types_and_deletes(page, site_url):
    open_catalog(page, site_url)
    box = page.locator("#cc-q")
    box.press_sequentially("zh")
    assert shown(page) == names("zhihuishu")  # only 智慧树 has zh in its pinyin or initials
    box.press("Backspace")
    assert shown(page) == names("zhihuishu", "xuetangx")  # z: zhi hui shu, xue tang zai xian
    box.press("Backspace")
    assert len(shown(page)) == 7 and address_ends_with(page, "/catalog/")


def test_a_shared_url_opens_the_same_view(page, site_url):
    open_catalog(page, site_url, "?level=undergraduate&kind=course&free=now&q=gaodeng")
    assert shown(page) == names("gaoshu")
    assert page.is_checked("#cc-level-undergraduate") and page.is_checked("#cc-kind-course")
    assert page.is_checked("#cc-free-now")
    assert page.input_value("#cc-q") == "gaodeng"
    assert not page.is_checked("#__search")  # Material's own search did not take the q
    assert address_ends_with(page, "/catalog/?level=undergraduate&kind=course&free=now&q=gaodeng")

    open_catalog(page, site_url, "?discipline=ug-07&discipline=ug-08&region=national")
    assert shown(page) == names("zhihuishu", "xuetangx", "gaoshu")
    assert page.eval_on_selector(".cc-facet[data-facet='discipline']", "d => d.open")

    open_catalog(page, site_url, "?free=now&q=%E6%99%BA%E6%85%A7")  # 智慧
    assert shown(page) == names("zhihuishu")


def test_filters_work_by_keyboard_alone_with_labels(page, site_url):
    open_catalog(page, site_url)
    for _ in range(60):  # tab from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "cc-q":
            break
    else:
        pytest.fail("the search box is not reachable by Tab")
    page.keyboard.type("gaode")
    assert shown(page) == names("gaoshu")
    page.keyboard.press("Tab")  # the level group's summary, then its first checkbox
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["level", "primary"]  # the first level used, in taxonomy order
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Space")
    assert page.is_checked("#cc-level-primary") and shown(page) == []
    page.keyboard.press("Space")
    assert shown(page) == names("gaoshu")
    # A screen reader hears each box by its label (name and count), the result count from a live region.
    assert page.get_by_role("checkbox", name=re.compile(r"^本科\s*1$")).count() == 1
    assert page.get_by_role("search").count() >= 1
    assert page.get_by_role("status").filter(has_text="共 1 条").count() == 1


def test_phone_width_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        open_catalog(page, site_url, "?region=henan")
        open_facet(page, "discipline")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == 360
        box = page.locator("#cc-q").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        for card in page.locator(".cc-card").all():
            card_box = card.bounding_box()
            assert card_box["x"] >= 0 and card_box["x"] + card_box["width"] <= 360
        # Facets without a selection start folded, so the first results are within the first screens.
        open_facets = page.evaluate("Array.from(document.querySelectorAll('details.cc-facet[open]'))"
                                    ".map(d => d.dataset.facet)")
        assert sorted(open_facets) == ["discipline", "region"]  # opened by hand, and by the link's region
        first = page.locator(".cc-card").first.bounding_box()
        assert first["y"] < 2 * 740
    finally:
        context.close()


def test_markup_in_an_entry_is_shown_as_text_and_runs_nothing(page, site_url):
    page.add_init_script("window.__xss = undefined;")
    open_catalog(page, site_url, "?q=img")
    assert shown(page) == [XSS_NAME]
    card = page.locator(".cc-card").first
    assert "<script>window.__xss = 1</script>" in card.text_content()
    assert '"><svg onload=alert(2)>' in card.text_content()
    assert page.locator("#cc-results img, #cc-results svg, #cc-results script").count() == 0
    card.locator("a").click()  # the entry's own page, rendered by the plugin
    page.wait_for_load_state("load")
    assert page.url.endswith("/platforms/xss/")
    assert XSS_NAME in page.locator("article").text_content()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == [] and page.errors == []


def test_without_javascript_the_listings_lead_on(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "catalog/")
        assert not page.is_visible("#cc-form")
        assert "需要启用 JavaScript" in page.text_content("noscript") or page.is_visible(".cc-noscript")
        links = page.eval_on_selector_all(".cc-browse a", "links => links.map(a => a.getAttribute('href'))")
        assert "../levels/" in links and "../disciplines/" in links
        page.goto(site_url + "levels/")
        assert page.locator("a[href*='undergraduate']").count() >= 1
    finally:
        context.close()


@pytest.fixture(scope="session")
def big_site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("catalog-site-120")
    site = build_site(write_catalog(root / "data", 120, seed=3), root / "build")
    with serve_site(site) as url:
        yield url


def test_long_lists_render_a_page_at_a_time_and_more_by_keyboard(page, big_site_url):
    open_catalog(page, big_site_url)
    total = 120 + PLATFORM_COUNT  # resources and the generator's platforms
    assert page.text_content("#cc-status") == f"共 {total} 条，显示前 50 条"
    assert page.locator(".cc-card").count() == 50
    page.focus("#cc-more")
    page.keyboard.press("Enter")
    assert page.locator(".cc-card").count() == 100
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('.cc-card')[50]")
    page.click("#cc-more")
    assert page.locator(".cc-card").count() == total and not page.is_visible("#cc-more")
    assert page.text_content("#cc-status") == f"共 {total} 条"
