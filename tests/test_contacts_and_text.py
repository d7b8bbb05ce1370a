"""Contacts a school can call (ordered, jumpable, on the region's page too), Chinese text without stray
spaces, and listings whose numbers are counts."""

from __future__ import annotations

import datetime as dt
import re

import markdown

from catalog.loader import load_catalog
from catalog_plugins import pages
from catalog_plugins.cjk_text import CjkLineJoin, join_cjk
from catalog_plugins.render import Renderer, SiteFacts
from catalog_plugins.strings import ui_strings

ZH = ui_strings("zh")

PLATFORM = """\
name: {name}
kind: mooc-platform
levels: [undergraduate]
regions: [national]
contacts:
  - {{name: 李四, role: 河南负责人, regions: [henan], phones: ["{phone}"], as_of: 2020-02-01, sources: [moe-2020-2]}}
sources: [moe-2020-2]
"""
PROVINCIAL = """\
name: 河南省平台
kind: resource-platform
levels: [primary]
regions: [henan]
contacts:
  - {unit: 省电教馆, regions: [henan], phones: ["0371-66320001"], as_of: 2020-02-01, sources: [moe-2020-2]}
  - {unit: 全国热线, regions: [national], phones: ["400-8980-910"], as_of: 2020-02-01, sources: [moe-2020-2]}
sources: [moe-2020-2]
"""


def site(data, mask=False):
    # File names in the opposite order of the names' pinyin: zhong(guo) > zhi(hui) > a(ike).
    data.write("platforms/a-first-file.yaml", PLATFORM.format(name="中国大学MOOC", phone="15901156289"))
    data.write("platforms/b-second-file.yaml", PLATFORM.format(name="智慧树", phone="13939909533"))
    data.write("platforms/c-third-file.yaml", PLATFORM.format(name="爱课程", phone="13800000000"))
    data.write("platforms/henan-platform.yaml", PROVINCIAL)
    result = load_catalog(data.root)
    assert not result.problems, [p.render() for p in result.problems]
    catalog = result.catalog
    index = pages.build_index(catalog, mask_personal_mobiles=mask)
    facts = SiteFacts(as_of=dt.date(2026, 11, 21), link_state=None, mask_personal_mobiles=mask, page_size=50)
    return catalog, index, Renderer(catalog, index, ZH, facts, facet_index={})


def render(renderer, spec, details=False):
    url = pages.page_url(spec.src_uri)
    return renderer.render_details(spec, url) if details else renderer.render(spec, url)


def test_contacts_in_full_by_default_dialable_in_international_form(data):
    _, _, renderer = site(data)
    html = render(renderer, pages.PageSpec(pages.CONTACTS_PAGE, "contacts", "联系人目录"))
    assert 'href="tel:+86-13939909533">13939909533</a>' in html
    assert 'href="tel:+86-371-66320001"' in html and 'href="tel:+86-4008980910"' in html
    assert "****" not in html


def test_masking_stays_a_site_option(data):
    _, _, renderer = site(data, mask=True)
    html = render(renderer, pages.PageSpec(pages.CONTACTS_PAGE, "contacts", "联系人目录"))
    assert "139****9533" in html and "13939909533" not in html
    assert "0371-66320001" in html  # a unit's number is never masked


def test_entries_are_in_pinyin_order_and_the_page_jumps_by_region_and_platform(data):
    _, _, renderer = site(data)
    html = render(renderer, pages.PageSpec(pages.CONTACTS_PAGE, "contacts", "联系人目录"))
    henan = html[html.index('<h2 id="region-henan">'):]
    headings = re.findall(r'<h3 id="([^"]+)">', henan)
    assert headings == ["c-henan-platform-c-third-file", "c-henan-platform-henan-platform",
                        "c-henan-platform-b-second-file", "c-henan-platform-a-first-file"]  # ai, he, zhi, zhong
    jump_regions = html[html.index('id="ccp-jump-region"'):html.index('id="ccp-jump-entry"')]
    assert re.findall(r'href="#(region-[a-z]+)"', jump_regions) == ["region-national", "region-henan"]
    jump_entries = html[html.index('id="ccp-jump-entry"'):html.index('<h2 id="region-national">')]
    assert jump_entries.index("爱课程") < jump_entries.index("河南省平台") < jump_entries.index("智慧树")
    # every jump target exists
    for target in re.findall(r'href="#([^"]+)"', jump_regions + jump_entries):
        assert f'id="{target}"' in html, target


def test_a_regions_page_lists_every_contact_for_it_national_platforms_included(data):
    catalog, index, renderer = site(data)
    planned = pages.plan_pages(catalog, index, ZH, page_size=50)
    spec = next(p for p in planned if p.src_uri == pages.listing_page("region", "henan"))
    details = render(renderer, spec, details=True)
    contacts = details[details.index("本地区的联系方式"):]
    for name, phone in (("智慧树", "13939909533"), ("中国大学MOOC", "15901156289"), ("河南省平台", "0371-66320001")):
        assert name in contacts and phone in contacts
    assert "400-8980-910" not in contacts  # the national hotline is for the national region


def test_region_and_discipline_indexes_print_counts_not_codes(data):
    catalog, index, renderer = site(data)
    planned = pages.plan_pages(catalog, index, ZH, page_size=50)
    spec = next(p for p in planned if p.src_uri == pages.facet_index_page("region"))
    html = render(renderer, spec)
    assert re.search(r">河南省</a> <span class=\"ccp-count\">1 个条目</span>", html)
    assert "41" not in html  # Henan's code


def test_stray_spaces_between_chinese_go_and_other_spacing_stays():
    assert join_cjk("免费提供， 以及线上 教学") == "免费提供，以及线上教学"
    assert join_cjk("提供 3300 余门课程，共 12 大门类") == "提供 3300 余门课程，共 12 大门类"
    assert join_cjk("“爱课程” （中国大学MOOC）") == "“爱课程”（中国大学MOOC）"


def test_wrapped_chinese_in_markdown_pages_joins_without_a_space():
    text = ("# 标题\n正文第一行，\n第二行。\n\n- 列表项，\n  续行\n\n```\n代码，\n保留\n```\n\n"
            "English line\n continues\n")
    html = markdown.markdown(text, extensions=["fenced_code", CjkLineJoin()])
    assert "<h1>标题</h1>" in html
    assert "<p>正文第一行，第二行。</p>" in html
    assert "<li>列表项，续行</li>" in html
    assert "代码，\n保留" in html  # code is left as written
    assert "English line\n continues" in html
