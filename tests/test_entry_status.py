"""The top of an entry page answers first: free now and for whom, links at the last check, replaced or
not (both ways), verified or not; the /catalog/ cards carry the same answers in short."""

from __future__ import annotations

import datetime as dt
import re

from catalog.linkstate import LinkRecord, LinkState, state_key
from catalog.loader import load_catalog
from catalog_plugins import pages
from catalog_plugins.facets import build_facet_index
from catalog_plugins.render import Renderer, SiteFacts
from catalog_plugins.status import StatusBook, free_answer
from catalog_plugins.strings import ui_strings

ZH = ui_strings("zh")
AS_OF = dt.date(2020, 3, 1)

OLD = """\
name: 旧云课堂
kind: resource-platform
successor: new-cloud
successor_sources: [moe-2020-2]
urls: [http://old.example.cn, http://old2.example.cn]
levels: [primary]
description: >-
  据通知：免费提供课程，
  以及直播服务。
free_periods:
  - {start: 2020-01-01, end: 2020-01-31, scope: 河南省高校, sources: [moe-2020-2]}
  - {start: 2020-02-01, end: 2020-06-30, scope: 全国中小学, sources: [moe-2020-2]}
sources: [moe-2020-2]
"""
NEW = """\
name: 新智慧平台
kind: resource-platform
urls: [https://new.example.cn/home]
levels: [primary]
verified: false
sources: [moe-2020-2]
"""


def build(data, link_state=None):
    data.write("platforms/old-cloud.yaml", OLD)
    data.write("platforms/new-cloud.yaml", NEW)
    result = load_catalog(data.root)
    assert not result.problems, [p.render() for p in result.problems]
    catalog = result.catalog
    index = pages.build_index(catalog, mask_personal_mobiles=False)
    facts = SiteFacts(as_of=AS_OF, link_state=link_state, mask_personal_mobiles=False, page_size=50)
    return catalog, Renderer(catalog, index, ZH, facts, facet_index={})


def entry_html(renderer, entry_id) -> tuple[str, str]:
    spec = pages.PageSpec(pages.entry_page("platform", entry_id), "entry", entry_id, ("platform", entry_id))
    url = pages.page_url(spec.src_uri)
    return renderer.render(spec, url), renderer.render_details(spec, url)


def panel_text(html: str) -> str:
    panel = html[html.index('<section class="ccp-glance"'):html.index("</section>")]
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", panel))


def test_the_panel_comes_right_after_the_title_and_answers_each_question(data):
    _, renderer = build(data)
    top, _ = entry_html(renderer, "old-cloud")
    assert top.index("ccp-glance") < top.index("ccp-summary")  # before the description
    text = panel_text(top)
    assert "现在是否免费是，免费中，至2020-06-30" in text
    assert "适用对象全国中小学" in text  # the period in force speaks, not the ended one
    assert "另有1个免费期" in text
    assert "链接尚未检查" in text
    assert "已按官方来源核实" in text


def test_a_replaced_entry_names_its_successor_with_its_address_and_marks_its_own_as_old(data):
    _, renderer = build(data)
    top, details = entry_html(renderer, "old-cloud")
    text = panel_text(top)
    assert "后继为新智慧平台：https://new.example.cn/home" in text
    assert 'href="../../platforms/new-cloud/"' in top and 'href="https://new.example.cn/home"' in top
    assert details.count('<span class="ccp-old-mark">旧网址</span>') == 2


def test_the_successor_links_back_to_what_it_replaced(data):
    _, renderer = build(data)
    top, details = entry_html(renderer, "new-cloud")
    text = panel_text(top)
    assert "前身旧云课堂（旧网址：http://old.example.cn）" in text
    assert 'href="../../platforms/old-cloud/"' in top and 'href="../../platforms/old-cloud/"' in details
    assert "未核实：来自二手资料" in text
    assert "ccp-old-mark" not in details  # its own address is the current one


def test_links_say_when_they_were_last_checked_and_how_many_open(data):
    def record(url, link_class, dead=False):
        return LinkRecord(url=url, link_class=link_class, first_seen="2020-02-01T00:00:00Z",
                          last_checked="2020-02-27T08:00:00Z", confirmed_dead=dead)

    records = [record("http://old.example.cn", "ok"), record("http://old2.example.cn", "not-found", dead=True)]
    state = LinkState(records={state_key(r.url): r for r in records})
    _, renderer = build(data, link_state=state)
    text = panel_text(entry_html(renderer, "old-cloud")[0])
    assert "最近检查于2020-02-27：2个网址中1个可以打开、1个已确认失效" in text


def test_folded_chinese_text_has_no_stray_space(data):
    _, renderer = build(data)
    top, _ = entry_html(renderer, "old-cloud")
    assert "<p>据通知：免费提供课程，以及直播服务。</p>" in top


def test_which_period_answers(data):
    catalog, _ = build(data)
    periods = catalog.platforms["old-cloud"].free_periods
    assert free_answer(periods, dt.date(2020, 1, 15)).period.scope == "河南省高校"  # both running: latest end
    assert free_answer(periods, dt.date(2020, 8, 1)).status == "ended"
    assert free_answer(periods, dt.date(2020, 8, 1)).period.end == dt.date(2020, 6, 30)  # the latest ended
    assert free_answer([], AS_OF).status is None


def test_cards_carry_the_same_marks_in_short(data):
    catalog, _ = build(data)
    book = StatusBook(catalog, AS_OF)
    index = build_facet_index(catalog, AS_OF, marks=lambda kind, entry: book.short_marks(kind, entry, ZH))
    by_id = dict(zip(index["entries"]["id"], index["entries"]["mark"]))
    old = [tuple(index["marks"][m]) for m in by_id["old-cloud"]]
    new = [tuple(index["marks"][m]) for m in by_id["new-cloud"]]
    assert old == [("active", "免费中·全国中小学"), ("replaced", "已由新智慧平台取代")]
    assert new == [("unverified", "未核实")]
