"""Free-period status against an as-of date that a build can fix, so builds are reproducible.

A source may give an end date (`end`), say the offer has none (`open_ended`), or only name a term or
an emergency ("2020年春季学期", "延期开学期间", "疫情防控期间"). Such a label has ended, but the
source never said when: the entry then writes a `presumed_end` with its `reading`, and the status
after that day is "已结束（推定）". `LABEL_READINGS` are the readings docs/data.md documents.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from enum import Enum

from catalog.models import FreePeriod

ENDING_SOON_DAYS = 14


class PeriodStatus(str, Enum):
    UPCOMING = "upcoming"
    ACTIVE = "active"
    ENDING_SOON = "ending-soon"
    ENDED = "ended"
    ENDED_PRESUMED = "ended-presumed"  # past the end a documented reading gives, not a source
    END_UNKNOWN = "end-unknown"  # started, and the source never said until when


STATUS_NAMES = {
    PeriodStatus.UPCOMING: "尚未开始",
    PeriodStatus.ACTIVE: "免费中",
    PeriodStatus.ENDING_SOON: "即将结束",
    PeriodStatus.ENDED: "已结束",
    PeriodStatus.ENDED_PRESUMED: "已结束（推定）",
    PeriodStatus.END_UNKNOWN: "结束日期未说明",
}


@dataclass(frozen=True)
class LabelReading:
    """How a term or emergency label is read as an end date, when a source gives none."""

    pattern: re.Pattern
    presumed_end: dt.date
    reading: str


# Checked in order; the first that matches a label is its reading. docs/data.md lists the same.
LABEL_READINGS = (
    LabelReading(re.compile(r"春季|一学期|一个学期"), dt.date(2020, 7, 31),
                 "2020 年春季学期按 7 月 31 日结束计（原文未给结束日期）"),
    LabelReading(re.compile(r"延期开学|推迟开学|延迟开学"), dt.date(2020, 8, 31),
                 "延期开学期间至迟到 2020 年秋季学期开学为止，按 2020-08-31 计（原文未给结束日期）"),
    LabelReading(re.compile(r"疫情"), dt.date(2023, 1, 7),
                 "疫情防控期间至迟到国家卫生健康委公告 2022年第7号自 2023 年 1 月 8 日起解除甲类传染病预防、控制措施"
                 "为止，按 2023-01-07 计（原文未给结束日期）"),
)


def label_reading(label: str | None, start: dt.date) -> LabelReading | None:
    """The documented reading of a term or emergency label of a period that starts before the reading's
    end (a 2031 spring term is not the 2020 one), or None."""
    if not label:
        return None
    return next((r for r in LABEL_READINGS if r.pattern.search(label) and start <= r.presumed_end), None)


def as_of_date(environ=os.environ) -> dt.date:
    """The build date: SOURCE_DATE_EPOCH (UTC) when set, else today in China (UTC+8)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    china = dt.timezone(dt.timedelta(hours=8))
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH “{epoch}”不是整数秒 (not a whole number of seconds)") from None
    return dt.datetime.now(tz=china).date()


def period_status(period: FreePeriod, as_of: dt.date, soon_days: int = ENDING_SOON_DAYS) -> PeriodStatus:
    if as_of < period.start:
        return PeriodStatus.UPCOMING
    end = period.end or period.presumed_end  # a presumed end counts as the end the label means
    if end is None:
        return PeriodStatus.ACTIVE if period.open_ended else PeriodStatus.END_UNKNOWN
    if as_of > end:
        return PeriodStatus.ENDED if period.end else PeriodStatus.ENDED_PRESUMED
    if (end - as_of).days < soon_days:
        return PeriodStatus.ENDING_SOON
    return PeriodStatus.ACTIVE


def is_free_now(periods: list[FreePeriod], as_of: dt.date) -> bool:
    return any(period_status(p, as_of) in (PeriodStatus.ACTIVE, PeriodStatus.ENDING_SOON) for p in periods)
