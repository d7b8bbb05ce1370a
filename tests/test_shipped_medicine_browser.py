"""The shipped site in headless Chromium: a teacher asks /catalog/ for 本科 医学 virtual labs.

The site is the repository's own `mkdocs build` (the shipped catalog); the query is the one a teacher
would share. The answers are the virtual-lab entries whose sources name a medical category or lab
special; with "stated values only" ticked, the one whose 医学 is a reading (the 401 courses, by the
vsim-401-projects rule) leaves, the stated ones stay.
"""

from __future__ import annotations

import pytest

from browser_site import CHROMIUM, build_shipped_site, launch_chromium, serve_site

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} 不存在：浏览器测试需要 Debian 的 chromium 软件包 (browser tests need {CHROMIUM})",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

QUERY = "?level=undergraduate&discipline=ug-10&kind=virtual-lab-platform&kind=virtual-lab-collection"
STATED = {"国家虚拟仿真实验教学项目共享平台", "2018年度国家虚拟仿真实验教学项目", "公共卫生与预防医学虚拟仿真实验专题"}
READING = "国家虚拟仿真实验课程"  # 医学 by the rule vsim-401-projects (105 + 296 = 401)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    with serve_site(build_shipped_site(tmp_path_factory.mktemp("shipped"))) as url:
        yield url


@pytest.fixture(scope="module")
def page(site_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1024, "height": 800})
        yield page
        browser.close()


def shown(page, site_url, query) -> set[str]:
    page.goto(site_url + "catalog/" + query)
    page.wait_for_selector("#cc-catalog[data-ready='true']", timeout=30000)
    return set(page.eval_on_selector_all("#cc-results .cc-name a", "links => links.map(a => a.textContent)"))


def test_undergraduate_medicine_virtual_labs_on_the_shipped_site(page, site_url):
    found = shown(page, site_url, QUERY)
    assert STATED | {READING} <= found
    assert "首批国家虚拟仿真实验教学项目" not in found  # its list (and so its categories) is not in any source here
    assert "流行病学、传染病学慕课专题" not in found  # medicine, but a course collection, not a virtual lab


def test_stated_values_only_keeps_the_quoted_and_drops_the_reading(page, site_url):
    found = shown(page, site_url, QUERY + "&stated=1")
    assert STATED <= found
    assert READING not in found
