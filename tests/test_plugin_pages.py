"""Which pages the site has and the small helpers behind them, without MkDocs."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.models import Platform

from catalog.loader import load_catalog
from catalog_plugins import pages
from catalog_plugins.render import Renderer, SiteFacts
from catalog_plugins.strings import ui_strings
from catalog_plugins.views import age_text, tel_href

ZH = ui_strings("zh")

RESOURCE = """\
name: 课程 {n}
kind: course
levels: [undergraduate]
disciplines: [ug-07]
regions: [national]
contacts:
  - {{name: 张三, regions: [henan], phones: ["13900000000"], as_of: 2020-02-01, sources: [moe-2020-2]}}
  - {{unit: 某大学, phones: ["0371-69691767转123"], as_of: 2020-02-01, sources: [moe-2020-2]}}
sources: [moe-2020-2]
"""


def loaded(data, count: int):
    for n in range(count):
        data.write(f"resources/r{n:03d}.yaml", RESOURCE.format(n=n))
    result = load_catalog(data.root)
    assert not result.problems, [p.render() for p in result.problems]
    return result.catalog


def test_entry_pages_stay_out_of_the_navigation(data):
    catalog = loaded(data, 3)
    index = pages.build_index(catalog, mask_personal_mobiles=True)
    planned = pages.plan_pages(catalog, index, ZH, page_size=500)
    in_nav = {p.src_uri for p in planned if p.in_nav}
    assert {"catalog/index.md", "levels/index.md", "contacts.md", "sources/index.md"} <= in_nav
    assert not any(p.in_nav for p in planned if p.role in ("entry", "listing", "source"))
    assert {p.src_uri for p in planned if p.role == "entry"} == {f"resources/r{n:03d}.md" for n in range(3)}


def test_long_listings_are_split_into_pages_that_link_each_other(data):
    catalog = loaded(data, 5)
    index = pages.build_index(catalog, mask_personal_mobiles=True)
    planned = pages.plan_pages(catalog, index, ZH, page_size=2)
    level_pages = [p.src_uri for p in planned if p.role == "listing" and p.key[:2] == ("level", "undergraduate")]
    assert level_pages == ["levels/undergraduate.md", "levels/undergraduate/page-2.md",
                           "levels/undergraduate/page-3.md"]
    facts = SiteFacts(as_of=dt.date(2023, 3, 1), link_state=None, mask_personal_mobiles=True, page_size=2)
    renderer = Renderer(catalog, index, ZH, facts, facet_index={})
    spec = next(p for p in planned if p.src_uri == "levels/undergraduate/page-2.md")
    html = renderer.render_details(spec, pages.page_url(spec.src_uri))
    assert html.count("<li>") == 2 and "课程 2" in html and "课程 3" in html and "课程 0" not in html
    assert 'href="../../../levels/undergraduate/"' in html and 'href="../../../levels/undergraduate/page-3/"' in html


def test_contacts_are_grouped_by_region_with_unregioned_last(data):
    catalog = loaded(data, 2)
    index = pages.build_index(catalog, mask_personal_mobiles=True)
    regions = [region for region, _ in index.contacts_by_region]
    assert regions == ["henan", None]
    henan = index.contacts_by_region[0][1]
    assert [group.entry_id for group in henan] == ["r000", "r001"]
    assert henan[0].contacts[0].phones == ["139****0000"]


def test_a_generated_address_taken_twice_is_refused(data):
    # validate refuses the reserved id `index`; the planner still guards catalogs built in code.
    catalog = loaded(data, 0)
    catalog.platforms["index"] = Platform(id="index", name="平台", kind="mooc-platform", sources=["moe-2020-2"])
    index = pages.build_index(catalog, mask_personal_mobiles=True)
    with pytest.raises(pages.PageConflict, match="platforms/index.md"):
        pages.plan_pages(catalog, index, ZH, page_size=10)


@pytest.mark.parametrize("src, directory_urls, url", [
    ("index.md", True, ""), ("contacts.md", True, "contacts/"), ("levels/index.md", True, "levels/"),
    ("resources/x.md", True, "resources/x/"), ("resources/x.md", False, "resources/x.html"),
    ("levels/index.md", False, "levels/index.html"),
])
def test_page_urls_follow_mkdocs(src, directory_urls, url):
    assert pages.page_url(src, directory_urls) == url


def test_relative_root():
    assert pages.relative_root("") == ""
    assert pages.relative_root("resources/x/") == "../../"
    assert pages.relative_root("resources/x.html") == "../"


@pytest.mark.parametrize("published, as_of, text", [
    (dt.date(2020, 2, 1), dt.date(2026, 11, 21), "6 年"),
    (dt.date(2020, 2, 1), dt.date(2021, 1, 31), "11 个月"),
    (dt.date(2020, 2, 1), dt.date(2020, 2, 20), "19 天"),
    (dt.date(2020, 2, 29), dt.date(2021, 2, 28), "11 个月"),
])
def test_contact_age(published, as_of, text):
    assert age_text(published, as_of, ZH) == text


@pytest.mark.parametrize("phone, href", [
    ("15901156289", "tel:+86-15901156289"), ("0371-69691767", "tel:+86-371-69691767"),
    ("010-66096114", "tel:+86-10-66096114"), ("(020)12345678", "tel:+86-20-12345678"),
    ("400-8980-910", "tel:+86-4008980910"), ("800-820-8820", "tel:+86-8008208820"),
    ("+86 159 0115 6289", "tel:+86-15901156289"), ("86-0371-69691767", "tel:+86-371-69691767"),
    ("0371-69691767转123", "tel:+86-371-69691767;ext=123"), ("159****6289", None),
])
def test_tel_links(phone, href):
    assert tel_href(phone) == href
