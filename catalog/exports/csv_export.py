"""`export --format csv`: one sheet per entry kind, a flat contacts sheet and a free-periods sheet.

For Excel on Windows: UTF-8 with a byte-order mark (else Chinese shows as mojibake), Excel's dialect
(quoted fields, CRLF rows). A cell that starts with = + - @ (or a tab or carriage return) would be
read as a formula, so it gets a leading apostrophe (CSV injection). Lists share a cell, one item a line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, Callable, Iterable

from catalog.catalog import Catalog
from catalog.exports.document import end_text, published_contacts, source_names
from catalog.models import Count, FreePeriod
from catalog.periods import STATUS_NAMES, is_free_now, period_status

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
Column = tuple[str, Callable[[Any], Any]]
KIND_NAMES = {"source": "来源", "platform": "平台", "resource": "资源"}
SOURCE_KIND_NAMES = {"official": "原文", "forwarding": "转发通知", "repost": "转载", "secondary": "二手资料"}


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def cell(value: Any) -> str:
    """The cell text; only its first character can start a formula, so only that is guarded."""
    return neutralise(_text(value))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "\n".join(_text(item) for item in value)
    return str(value)


def sheet(columns: list[Column], rows: Iterable[Any]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow([header for header, _ in columns])
    for row in rows:
        writer.writerow([cell(get(row)) for _, get in columns])
    return buffer.getvalue().encode("utf-8-sig")


def render(catalog: Catalog, as_of: dt.date, mask_personal_mobiles: bool) -> dict[str, bytes]:
    tax = catalog.taxonomy

    def names(facet: str, ids: list[str]) -> list[str]:
        return [tax.name(facet, term_id) for term_id in ids]

    def count_text(count: Count) -> str:
        amount = count.as_written or f"{count.value}"
        return f"{count.what}：{amount}（{count.as_of.isoformat()}）"

    def period_text(period: FreePeriod) -> str:
        end = end_text(period)
        about = "；".join(p for p in (period.label, period.scope) if p)
        return (f"{period.start.isoformat()} 至 {end}" + (f"（{about}）" if about else "")
                + f" [{STATUS_NAMES[period_status(period, as_of)]}]")

    def sources_of(ids: list[str]) -> list[str]:
        return source_names(catalog, ids)

    described: list[Column] = [
        ("id", lambda e: e.id), ("名称", lambda e: e.name), ("别名", lambda e: e.aliases),
        ("类型", lambda e: tax.name("kind", e.kind)),
    ]
    offered: list[Column] = [
        ("网址", lambda e: [link.url for link in e.urls]),
        ("学段", lambda e: names("level", e.levels)), ("学科", lambda e: names("discipline", e.disciplines)),
        ("专题", lambda e: names("theme", e.themes)), ("地区", lambda e: names("region", e.regions)),
        ("简介", lambda e: e.description), ("服务", lambda e: e.services),
        ("数量", lambda e: [count_text(c) for c in e.counts]),
        ("免费期", lambda e: [period_text(p) for p in e.free_periods]),
        ("当前免费", lambda e: is_free_now(e.free_periods, as_of)),
        ("来源", lambda e: sources_of(e.sources)), ("已核实", lambda e: e.verified), ("说明", lambda e: e.note),
    ]
    platforms = described + [
        ("运营单位", lambda e: e.operator), ("开通日期", lambda e: e.launched),
        ("状态", lambda e: [f"{s.label}（{s.since.isoformat()}起）" for s in e.statuses]),
        ("后继平台", lambda e: e.successor),
    ] + offered
    resources = described + [
        ("所在平台", lambda e: [catalog.platforms[p].name if p in catalog.platforms else p for p in e.platforms]),
    ] + offered
    sources: list[Column] = [
        ("id", lambda s: s.id), ("标题", lambda s: s.title), ("文号", lambda s: s.number),
        ("发文单位", lambda s: s.issuers), ("成文日期", lambda s: s.issued), ("类型", lambda s: SOURCE_KIND_NAMES.get(s.kind, s.kind)),
        ("网址", lambda s: [link.url for link in s.urls]), ("发布日期", lambda s: s.published),
        ("主动公开", lambda s: s.public), ("转发", lambda s: s.forwards), ("转载", lambda s: s.repost_of),
        ("说明", lambda s: s.note),
    ]
    contacts: list[Column] = [
        ("条目类型", lambda r: KIND_NAMES[r.kind]), ("条目id", lambda r: r.entry.id),
        ("条目名称", lambda r: getattr(r.entry, "name", None)),
        ("单位", lambda r: r.contact.unit), ("姓名", lambda r: r.contact.name),
        ("个人", lambda r: r.contact.person), ("职务", lambda r: r.contact.role),
        ("咨询事项", lambda r: r.contact.purpose), ("地区", lambda r: names("region", r.contact.regions)),
        ("学段", lambda r: names("level", r.contact.levels)),
        ("电话", lambda r: r.contact.phones), ("邮箱", lambda r: r.contact.emails),
        ("QQ", lambda r: r.contact.qq), ("QQ群", lambda r: r.contact.qq_groups),
        ("微信", lambda r: r.contact.wechat), ("公布日期", lambda r: r.contact.as_of),
        ("来源", lambda r: sources_of(r.contact.sources)), ("说明", lambda r: r.contact.note),
    ]
    periods: list[Column] = [
        ("条目类型", lambda r: KIND_NAMES[r[0]]), ("条目id", lambda r: r[1].id), ("条目名称", lambda r: r[1].name),
        ("开始", lambda r: r[2].start), ("结束", lambda r: r[2].end),
        ("推定结束", lambda r: r[2].presumed_end), ("长期", lambda r: r[2].open_ended),
        ("状态", lambda r: STATUS_NAMES[period_status(r[2], as_of)]),
        ("说法", lambda r: r[2].label), ("解读", lambda r: r[2].reading), ("适用对象", lambda r: r[2].scope),
        ("地区", lambda r: names("region", r[2].regions)), ("学段", lambda r: names("level", r[2].levels)),
        ("来源", lambda r: sources_of(r[2].sources)), ("说明", lambda r: r[2].note),
    ]

    def ordered(entries: dict) -> list:
        return [entries[i] for i in sorted(entries)]

    return {
        "sources.csv": sheet(sources, ordered(catalog.sources)),
        "platforms.csv": sheet(platforms, ordered(catalog.platforms)),
        "resources.csv": sheet(resources, ordered(catalog.resources)),
        "contacts.csv": sheet(contacts, published_contacts(catalog, mask_personal_mobiles)),
        "free-periods.csv": sheet(periods, catalog.free_periods()),
    }
