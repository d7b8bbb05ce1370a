"""`export --format ical`: free-period starts and ends as all-day iCalendar events (RFC 5545).

For a calendar subscription: each end carries a reminder a week before. UIDs come from what the
period is, not from its position, so a subscribed calendar updates events instead of duplicating
them; DTSTAMP is the as-of date so the same data and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from catalog.catalog import Catalog
from catalog.exports.contentlines import content_line, escape_text
from catalog.exports.document import end_text, source_names
from catalog.models import FreePeriod

FILE_NAME = "free-periods.ics"
PRODID = "-//Course Catalog//课程资源目录 免费期//ZH"
CALENDAR_NAME = "课程资源免费期"
REMIND_BEFORE_END = "-P7D"


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def period_key(kind: str, entry_id: str, period: FreePeriod) -> str:
    fields = (kind, entry_id, period.start.isoformat(), period.end.isoformat() if period.end else "",
              period.label or "", period.scope or "")
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:16]


def event(uid: str, stamp: str, day: dt.date, summary: str, description: str, url: str | None,
          remind: str | None) -> str:
    lines = [content_line("BEGIN", "VEVENT"), content_line("UID", escape_text(uid)),
             content_line("DTSTAMP", stamp),
             content_line("DTSTART", _date(day), value="DATE"),
             content_line("DTEND", _date(day + dt.timedelta(days=1)), value="DATE"),
             content_line("SUMMARY", escape_text(summary)),
             content_line("DESCRIPTION", escape_text(description)),
             content_line("TRANSP", "TRANSPARENT")]
    if url:
        lines.append(content_line("URL", url, value="URI"))
    if remind:
        lines += [content_line("BEGIN", "VALARM"), content_line("ACTION", "DISPLAY"),
                  content_line("TRIGGER", REMIND_BEFORE_END),
                  content_line("DESCRIPTION", escape_text(remind)), content_line("END", "VALARM")]
    lines.append(content_line("END", "VEVENT"))
    return "".join(lines)


def render(catalog: Catalog, as_of: dt.date, mask_personal_mobiles: bool) -> dict[str, bytes]:
    stamp = as_of.strftime("%Y%m%dT000000Z")
    parts = [content_line("BEGIN", "VCALENDAR"), content_line("VERSION", "2.0"),
             content_line("PRODID", escape_text(PRODID)), content_line("CALSCALE", "GREGORIAN"),
             content_line("METHOD", "PUBLISH"), content_line("X-WR-CALNAME", escape_text(CALENDAR_NAME))]
    seen: set[str] = set()
    for kind, entry, period in catalog.free_periods():
        key = period_key(kind, entry.id, period)
        if key in seen:  # the same period written twice in one entry: one event is enough
            continue
        seen.add(key)
        label = f"（{period.label}）" if period.label else ""
        sources = "、".join(source_names(catalog, period.sources))
        details = [f"适用对象：{period.scope}" if period.scope else "",
                   f"日期解读：{period.reading}" if period.reading else "",
                   f"免费期：{period.start.isoformat()} 至 {end_text(period)}",
                   f"来源：{sources}", period.note or ""]
        description = "\n".join(d for d in details if d)
        url = entry.urls[0].url if entry.urls else None
        uid = f"{kind}-{entry.id}-{key}"
        parts.append(event(f"{uid}-start@course-catalog", stamp, period.start,
                           f"{entry.name} 免费期开始{label}", description, url, None))
        if period.end:
            parts.append(event(f"{uid}-end@course-catalog", stamp, period.end,
                               f"{entry.name} 免费期最后一天{label}", description, url,
                               f"{entry.name} 的免费期将于 {period.end.isoformat()} 结束"))
    parts.append(content_line("END", "VCALENDAR"))
    return {FILE_NAME: "".join(parts).encode("utf-8")}
