"""On a built site: inferred values are marked, ended offers say so, old facts are flagged, and a teacher
can filter by what the sources state. A real `mkdocs build`, then pages read as HTML and in Chromium."""

from __future__ import annotations

import re
import shutil

import pytest

from browser_site import CHROMIUM, build_site, launch_chromium, serve_site
from catalog.paths import DEFAULT_DATA_DIR
from conftest import MOE_SOURCE

sync_api = pytest.importorskip("playwright.sync_api")

NEW_SOURCE = """\
title: 二〇二六年核实记录
issuers: [某省教育厅]
issued: 2026-05-01
urls: [https://notices.example.edu.cn/2026.html]
"""

MEDICAL_LAB_PLATFORM = """\
name: 甲平台
kind: mooc-platform
levels: [undergraduate, higher-vocational]
disciplines: [ug-10]
regions: [national]
free_periods:
  - start: 2020-02-04
    presumed_end: 2023-01-07
    label: 疫情防控期间
    reading: 按疫情防控期间的通行读法推定
    sources: [moe-2020-2]
contacts:
  - unit: 甲平台河南服务团队
    regions: [henan]
    phones: ["0371-66317909"]
    as_of: 2020-02-04
    sources: [moe-2020-2]
basis:
  kind: {source: moe-2020-2, quote: 在线课程平台}
  levels:
    undergraduate: {source: moe-2020-2, quote: 面向全国高校免费开放}
    higher-vocational: {rule: gaoxiao-includes-vocational}
  disciplines:
    ug-10: {source: moe-2020-2, quote: 临床医学类}
  regions:
    national: {rule: national-platform}
sources: [moe-2020-2]
"""

INFERRED_LAB = """\
name: 乙实验集
kind: virtual-lab-collection
levels: [undergraduate]
disciplines: [ug-10]
regions: [beijing]
confirmed: {date: 2026-06-01, source: check-2026}
contacts:
  - unit: 乙实验集服务组
    regions: [beijing]
    phones: ["010-66096925"]
    as_of: 2026-05-01
    sources: [check-2026]
basis:
  kind: {source: check-2026, quote: 虚拟仿真实验}
  levels:
    undergraduate: {rule: notice-audience, source: check-2026, quote: 各高校}
  disciplines:
    ug-10: {rule: classified-by-description}
  regions:
    beijing: {source: check-2026, quote: "<script>alert(1)</script>"}
sources: [check-2026]
"""

ENGINEERING_LAB = """\
name: 丙实验集
kind: virtual-lab-collection
levels: [undergraduate]
disciplines: [ug-08]
regions: [national]
basis:
  kind: {source: moe-2020-2, quote: 虚拟仿真实验}
  levels:
    undergraduate: {source: moe-2020-2, quote: 高校}
  disciplines:
    ug-08: {source: moe-2020-2, quote: 工学}
  regions:
    national: {source: moe-2020-2, quote: 全国}
sources: [moe-2020-2]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("provenance-site")
    data = root / "data"
    shutil.copytree(DEFAULT_DATA_DIR / "taxonomy", data / "taxonomy")
    for relative, text in (("sources/moe-2020-2.yaml", MOE_SOURCE), ("sources/check-2026.yaml", NEW_SOURCE),
                           ("platforms/jia.yaml", MEDICAL_LAB_PLATFORM), ("resources/yi.yaml", INFERRED_LAB),
                           ("resources/bing.yaml", ENGINEERING_LAB)):
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).write_text(text, encoding="utf-8")
    return build_site(data, root / "build")  # built on 2026-11-21; the default stale_after_days is 1095


def text_of(site, relative: str) -> str:
    html = (site / relative).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_entry_page_says_which_values_are_inferred_and_by_which_rule(site):
    page = text_of(site, "platforms/jia/index.html")
    assert "按规则推断的值：学段 高职、地区 全国" in page
    assert re.search(r"学段：高职 推断 高校含高职：", page)
    assert "学科：医学 来源原话 原文： 临床医学类" in page
    stated_page = text_of(site, "resources/bing/index.html")
    assert "按规则推断的值" not in stated_page and "推断 " not in stated_page


def test_a_quote_is_shown_as_text(site):
    html = (site / "resources/yi/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_offer_read_as_ended_says_ended_presumed_with_its_dates(site):
    page = text_of(site, "platforms/jia/index.html")
    assert "已结束（推定）" in page
    assert "2020-02-04 至 2023-01-07（推定，来源未给结束日期）" in page


def test_old_facts_are_flagged_and_recent_confirmations_are_not(site):
    old = text_of(site, "platforms/jia/index.html")
    assert "最后核实 2020-02-04" in old and "已超过 1095 天未核实" in old
    recent = text_of(site, "resources/yi/index.html")
    assert "最后核实 2026-06-01" in recent and "条目写明的核实" in recent and "未核实，可能已过时" not in recent


def test_the_contacts_page_groups_contacts_by_when_they_were_published(site):
    page = text_of(site, "contacts/index.html")
    ages = page[page.index("按公布时间"):]
    assert ages.index("2026 年公布") < ages.index("2020 年公布")
    recent, old = ages.split("2020 年公布", 1)
    assert "乙实验集" in recent and "可能已过时" not in recent
    assert "甲平台" in old.split("按负责地区")[0] and "可能已过时" in old


# --- in the browser -----------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not found")


@pytest.fixture(scope="module")
def page(site):
    with serve_site(site) as url, sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.base = url
        yield page
        browser.close()


def open_catalog(page, query=""):
    page.goto(page.base + "catalog/" + query)
    page.wait_for_selector("#cc-catalog[data-ready='true']", timeout=30000)


def shown(page) -> list[str]:
    return sorted(page.eval_on_selector_all("#cc-results .cc-name a", "links => links.map(a => a.textContent)"))


@needs_chromium
def test_stated_only_leaves_entries_out_whose_matching_value_is_inferred(page):
    open_catalog(page, "?level=undergraduate&discipline=ug-10")
    assert shown(page) == ["乙实验集", "甲平台"]
    assert page.text_content("label[for='cc-discipline-ug-10'] .cc-count") == "2"
    page.check("#cc-stated")
    page.wait_for_function("() => document.querySelectorAll('#cc-results .cc-name').length === 1")
    assert shown(page) == ["甲平台"]  # 乙's 医学 is a reading, 甲's is stated
    assert page.text_content("label[for='cc-discipline-ug-10'] .cc-count") == "1"
    page.wait_for_function("() => location.search.includes('stated=1')", timeout=5000)


@needs_chromium
def test_a_shared_link_keeps_the_option(page):
    open_catalog(page, "?discipline=ug-10&stated=1")
    assert page.is_checked("#cc-stated")
    assert shown(page) == ["甲平台"]
    page.uncheck("#cc-stated")
    page.wait_for_function("() => document.querySelectorAll('#cc-results .cc-name').length === 2")
    assert shown(page) == ["乙实验集", "甲平台"]
