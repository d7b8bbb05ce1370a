"""The catalog page's facet index, built from a small real catalog without MkDocs."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from catalog.loader import load_catalog
from catalog_plugins.facets import (build_facet_index, entry_pinyin, entry_url, facet_entries, facet_index_json,
                            pinyin_forms, short_description)

PLATFORM = """\
name: 智慧树
aliases: [知到]
kind: mooc-platform
urls: [https://www.zhihuishu.com]
levels: [undergraduate, higher-vocational]
disciplines: [ug-07, voc21-51]
regions: [national]
description: 在线课程平台。
free_periods:
  - {start: 2020-02-01, end: 2020-07-31, label: 2020年春季学期, sources: [moe-2020-2]}
sources: [moe-2020-2]
"""

RESOURCE = """\
name: {name}
kind: {kind}
urls: [https://example.org/{slug}]
levels: {levels}
disciplines: {disciplines}
regions: {regions}
description: {description}
free_periods: {periods}
sources: [moe-2020-2]
"""


@pytest.fixture
def catalog(data):
    data.write("platforms/zhihuishu.yaml", PLATFORM)
    data.write("resources/gaoshu.yaml", RESOURCE.format(
        name="高等数学", kind="course", slug="gaoshu", levels="[undergraduate]", disciplines="[ug-07]",
        regions="[national]", description="同济大学的高等数学课程",
        periods="[{start: 2026-01-01, sources: [moe-2020-2]}]"))  # end not stated: not counted as free now
    data.write("resources/yuwen.yaml", RESOURCE.format(
        name="七年级语文", kind="video-collection", slug="yuwen", levels="[junior]", disciplines="[k12-chinese]",
        regions="[henan, national]", description="'</script><b>粗</b>'",
        periods="[{start: 2026-01-01, open_ended: true, label: 长期, sources: [moe-2020-2]}]"))
    result = load_catalog(data.root)
    assert result.ok, [p.render() for p in result.problems]
    return result.catalog


def facet(index, key):
    return next(f for f in index["facets"] if f["key"] == key)


def test_pinyin_and_initials_of_names():
    assert pinyin_forms("智慧树") == ("zhihuishu", "zhs")
    assert pinyin_forms("中国大学MOOC") == ("zhongguodaxuemooc", "zgdxmooc")
    assert pinyin_forms("重庆大学") == ("chongqingdaxue", "cqdx")  # a phrase reading, not zhong


def test_entries_carry_their_page_text_and_pinyin(catalog):
    index = build_facet_index(catalog, dt.date(2026, 11, 21))
    entries = index["entries"]
    assert entries["id"] == ["zhihuishu", "gaoshu", "yuwen"]  # platforms first, then by pinyin
    first = {key: column[0] for key, column in entries.items()}
    assert first["name"] == "智慧树" and first["aliases"] == ["知到"]
    assert entry_pinyin(index, 0) == ("zhihuishu zhidao", "zhs zd")
    assert entry_pinyin(index, 2) == ("qinianjiyuwen", "qnjyw")
    kind, folder = index["types"][first["type"]]
    assert (kind, folder + first["id"] + "/") == ("platform", entry_url("platform", "zhihuishu"))
    assert entry_url("resource", "gaoshu") == "resources/gaoshu/"
    assert entries["desc"][1] == "同济大学的高等数学课程"


def test_pinyin_table_reads_characters_and_keeps_phrase_readings_it_would_get_wrong(data):
    names = {"chongqing": "重庆大学", "zhongyao": "重要课程", "zhongdian": "重点实验", "dili": "地理", "mooc": "中国大学MOOC"}
    for entry_id, name in names.items():
        data.write(f"resources/{entry_id}.yaml", RESOURCE.format(
            name=name, kind="course", slug=entry_id, levels="[]", disciplines="[]", regions="[]",
            description="x", periods="[]"))
    index = build_facet_index(load_catalog(data.root).catalog, dt.date(2026, 11, 21))
    table = dict(zip(index["pinyin"]["chars"], index["pinyin"]["readings"].split(" ")))
    assert (table["重"], table["地"]) == ("zhong", "di")  # the reading most names here use (地 alone is de)
    cells = dict(zip(index["entries"]["id"], index["entries"]["pinyin"]))
    assert cells["chongqing"] == "chongqingdaxue|cqdx" and cells["zhongyao"] == "" and cells["dili"] == ""
    for position, name in enumerate(index["entries"]["name"]):  # whichever way, the phrase reading
        assert entry_pinyin(index, position) == pinyin_forms(name)
    assert len(index["pinyin"]["chars"]) == len(index["pinyin"]["readings"].split(" "))


def test_facet_values_are_the_used_terms_in_taxonomy_order_with_counts(catalog):
    index = build_facet_index(catalog, dt.date(2026, 11, 21))
    levels = facet(index, "level")
    assert [v[0] for v in levels["values"]] == ["junior", "higher-vocational", "undergraduate"]
    assert {v[0]: v[3] for v in levels["values"]} == {"junior": 1, "higher-vocational": 1, "undergraduate": 2}
    assert facet_entries(index, "level", "undergraduate") == ["zhihuishu", "gaoshu"]
    assert facet_entries(index, "region", "henan") == ["yuwen"]
    disciplines = facet(index, "discipline")
    group_names = [disciplines["groups"][v[2]] for v in disciplines["values"]]
    assert ("ug-07", "理学") in [(v[0], v[1]) for v in disciplines["values"]]
    assert group_names[0] == "中小学学科"  # k12-chinese's vocabulary comes first by its order
    assert facet_entries(index, "kind", "course") == ["gaoshu"]


def test_free_now_follows_the_as_of_date(catalog):
    in_2020 = build_facet_index(catalog, dt.date(2020, 3, 1))
    in_2026 = build_facet_index(catalog, dt.date(2026, 11, 21))
    assert facet_entries(in_2020, "free", "now") == ["zhihuishu"]
    assert facet_entries(in_2026, "free", "now") == ["yuwen"]
    assert facet(in_2026, "free")["values"] == [["now", "正在免费", 0, 1]]
    assert in_2026["as_of"] == "2026-11-21"


def test_json_is_compact_deterministic_and_safe_in_html(catalog):
    index = build_facet_index(catalog, dt.date(2026, 11, 21))
    text = facet_index_json(index)
    assert text == facet_index_json(build_facet_index(catalog, dt.date(2026, 11, 21)))
    assert "</" not in text and ": " not in text
    assert json.loads(text)["entries"]["desc"][2] == "</script><b>粗</b>"


def test_short_description_caps_long_text():
    assert short_description("  a \n b ") == "a b"
    long = "长" * 500
    assert len(short_description(long)) == 160 and short_description(long).endswith("…")
    assert short_description(None) == ""


def test_catalog_page_has_a_labelled_checkbox_per_value_and_escapes_text(catalog):
    import re

    from catalog_plugins.catalog_page import render_catalog_page

    index = build_facet_index(catalog, dt.date(2026, 11, 21))
    html = render_catalog_page(index, site_root="../", listings=[("<b>按学段</b>", "levels/?a=1&b=2")])
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)" name="([^"]+)" value="([^"]+)">', html)
    expected = [(f["key"], v[0]) for f in index["facets"] for v in f["values"]]
    assert [(name, value) for _, name, value in boxes] == expected
    for dom_id, _, _ in boxes:
        assert f'<label for="{dom_id}">' in html
    assert 'for="cc-level-undergraduate">本科 <span class="cc-count">2</span>' in html
    assert html.count("<fieldset>") == html.count("<legend") == len(index["facets"])
    assert 'role="status" aria-live="polite"' in html and '<label for="cc-q">' in html
    assert '<a href="../levels/?a=1&amp;b=2">&lt;b&gt;按学段&lt;/b&gt;</a>' in html
    assert "<b>" not in html and "高等数学" not in html  # entry text reaches the page only as JSON data
