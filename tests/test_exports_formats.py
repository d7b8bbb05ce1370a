"""Every export read back by a real reader: csv (Excel dialect, BOM), vobject, icalendar."""

from __future__ import annotations

import csv
import io

import icalendar
import vobject

from catalog.exports import render_export
from catalog.exports.csv_export import neutralise
from test_exports_catalog import AS_OF, FACTS, PLATFORM, load, write_catalog

BOM = b"\xef\xbb\xbf"


def read_sheet(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM), "Excel needs the UTF-8 byte-order mark to read Chinese"
    assert b"\r\n" in data  # Excel's row ending
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8"), newline=""), dialect="excel"))


def test_csv_sheets_round_trip_in_excel_dialect(tmp_path):
    files = render_export("csv", load(write_catalog(tmp_path)), as_of=AS_OF)
    assert sorted(files) == ["contacts.csv", "free-periods.csv", "platforms.csv", "resources.csv", "sources.csv"]

    [platform] = read_sheet(files["platforms.csv"])
    assert platform["id"] == "icourse163" and platform["名称"] == "中国大学MOOC"
    assert platform["类型"] == "慕课平台"
    assert platform["简介"] == PLATFORM["description"]  # commas, semicolons, Chinese text intact
    assert platform["别名"].split("\n") == ["爱课程", FACTS["formula_alias"]]  # only a cell's start counts
    assert platform["当前免费"] == "是"
    assert "2020-02-01 至 2020-07-31（2020年春季学期；河南省高校） [免费中]" in platform["免费期"]
    assert platform["数量"] == "慕课课程：8000 余门（2020-02-01）"

    contacts = read_sheet(files["contacts.csv"])
    by_name = {row["姓名"] or row["单位"]: row for row in contacts}
    assert by_name[FACTS["person_name"]]["电话"] == FACTS["person_mobile"]
    assert by_name[FACTS["person_name"]]["职务"] == FACTS["tricky_role"]
    assert by_name["河南区域服务团队"]["电话"].split("\n") == [FACTS["unit_mobile"], FACTS["hotline"]]
    assert by_name["河南区域服务团队"]["QQ群"] == FACTS["qq_group"]
    assert by_name["河南区域服务团队"]["QQ"] == FACTS["qq"]
    assert by_name["麦世奎"]["邮箱"] == FACTS["email"]
    assert by_name["麦世奎"]["条目类型"] == "来源" and by_name["麦世奎"]["公布日期"] == "2020-02-01"

    [period_row, open_row] = read_sheet(files["free-periods.csv"])
    assert (period_row["开始"], period_row["结束"], period_row["状态"]) == ("2020-02-01", "2020-07-31", "免费中")
    assert (open_row["条目名称"], open_row["结束"], open_row["长期"], open_row["状态"]) == \
        ("国家精品在线开放课程", "", "否", "结束日期未说明")
    assert period_row["说明"] == FACTS["tricky_note"]
    [source] = read_sheet(files["sources.csv"])
    assert source["文号"] == "豫教疫防办〔2020〕5号" and source["成文日期"] == "2020-02-01"
    [resource] = read_sheet(files["resources.csv"])
    assert resource["所在平台"] == "中国大学MOOC"


def test_csv_neutralises_every_formula_lead(tmp_path):
    leads = ["=1+1", "+86 15901156289", "-2", "@SUM(A1)", "\tx", "\rx"]
    platform = {**PLATFORM, "aliases": [], "note": None, "services": []}
    platform["description"] = leads[0]
    platform["note"] = leads[3]
    platform["services"] = leads[1:3]  # a list cell: its first character leads
    files = render_export("csv", load(write_catalog(tmp_path, platform)), as_of=AS_OF)
    [row] = read_sheet(files["platforms.csv"])
    assert row["简介"] == "'=1+1"
    assert row["说明"] == "'@SUM(A1)"
    assert row["服务"] == "'+86 15901156289\n-2"
    platform["aliases"] = [FACTS["formula_alias"], "爱课程"]
    [row] = read_sheet(render_export("csv", load(write_catalog(tmp_path / "b", platform)), as_of=AS_OF)
                       ["platforms.csv"])
    assert row["别名"] == "'" + FACTS["formula_alias"] + "\n爱课程"
    # tabs and carriage returns cannot lead an entry's text (YAML values are stripped): checked directly
    assert [neutralise(t) for t in leads] == ["'" + t for t in leads]
    assert neutralise("中国大学MOOC") == "中国大学MOOC"


def test_vcard_cards_parse_and_round_trip(tmp_path):
    files = render_export("vcard", load(write_catalog(tmp_path)), as_of=AS_OF)
    data = files["contacts.vcf"]
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line  # folded at 75 octets ...
        line.decode("utf-8")  # ... never inside a character
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == 3  # one per contact that may be published
    by_name = {card.fn.value: card for card in cards}
    assert all(card.version.value == "4.0" for card in cards)

    person = by_name[FACTS["person_name"]]
    assert person.org.value == ["中国大学MOOC", "爱课程"]
    assert person.title.value == FACTS["tricky_role"]  # comma, semicolon, backslash survive escaping
    assert person.role.value == "平台使用咨询"
    [tel] = person.contents["tel"]
    assert tel.value == FACTS["person_mobile"] and tel.params["TYPE"] == ["cell"]
    assert person.kind.value == "individual"
    assert "河南省" in person.note.value and "豫教疫防办〔2020〕5号" in person.note.value

    unit = by_name["河南区域服务团队"]
    assert unit.kind.value == "org"
    assert [(t.value, t.params["TYPE"]) for t in unit.contents["tel"]] == \
        [(FACTS["unit_mobile"], ["cell"]), (FACTS["hotline"], ["voice"])]
    assert [q.value for q in unit.contents["x-qq-group"]] == [FACTS["qq_group"]]
    assert [q.value for q in unit.contents["x-qq"]] == [FACTS["qq"]]

    official = by_name["麦世奎"]
    assert official.org.value == ["河南省教育厅", "科技处"]
    assert official.email.value == FACTS["email"]
    assert official.tel.params["TYPE"] == ["voice"]
    assert len({card.uid.value for card in cards}) == 3

    masked = render_export("vcard", load(tmp_path / "data"), as_of=AS_OF, mask_personal_mobiles=True)
    person = {c.fn.value: c for c in vobject.readComponents(masked["contacts.vcf"].decode("utf-8"))}[
        FACTS["person_name"]]
    assert (person.tel.value, person.tel.params["TYPE"]) == (FACTS["person_mobile_masked"], ["cell"])


def test_ical_events_parse_with_stable_uids(tmp_path):
    catalog = load(write_catalog(tmp_path))
    data = render_export("ical", catalog, as_of=AS_OF)["free-periods.ics"]
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    summary = {str(e["SUMMARY"]): e for e in events}
    assert len(events) == 3  # start and end of the spring term, start of the open-ended period
    start = summary["中国大学MOOC 免费期开始（2020年春季学期）"]
    end = summary["中国大学MOOC 免费期最后一天（2020年春季学期）"]
    assert start.decoded("DTSTART").isoformat() == "2020-02-01"
    assert end.decoded("DTSTART").isoformat() == "2020-07-31"
    assert "适用对象：河南省高校" in str(end["DESCRIPTION"])
    assert str(end["DESCRIPTION"]).endswith(FACTS["tricky_note"])  # escaped and folded, read back intact
    assert str(end["URL"]) == "https://www.icourse163.org"
    [alarm] = end.walk("VALARM")
    assert alarm["TRIGGER"].dt.days == -7
    assert {e.decoded("DTSTAMP").date() for e in events} == {AS_OF}

    # UIDs do not depend on the position of a period: adding one before it keeps the old UIDs
    earlier = {"start": "2019-09-01", "end": "2020-01-15", "sources": ["henan-2020-5"]}
    moved = {**PLATFORM, "free_periods": [earlier] + PLATFORM["free_periods"]}
    again = icalendar.Calendar.from_ical(
        render_export("ical", load(write_catalog(tmp_path / "moved", moved)), as_of=AS_OF)["free-periods.ics"])
    old_uids = {str(e["UID"]) for e in events}
    new_uids = {str(e["UID"]) for e in again.walk("VEVENT")}
    assert old_uids < new_uids and len(new_uids) == 5
