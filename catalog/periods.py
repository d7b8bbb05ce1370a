"""Free-period status against an as-of date that a build can fix, so builds are reproducible."""

from __future__ import annotations

import datetime as dt
import os
from enum import Enum

from catalog.models import FreePeriod

ENDING_SOON_DAYS = 14


class PeriodStatus(str, Enum):
    UPCOMING = "upcoming"
    ACTIVE = "active"
    ENDING_SOON = "ending-soon"
    ENDED = "ended"
    END_UNKNOWN = "end-unknown"  # started, and the source never said until when


STATUS_NAMES = {
    PeriodStatus.UPCOMING: "尚未开始",
    PeriodStatus.ACTIVE: "免费中",
    PeriodStatus.ENDING_SOON: "即将结束",
    PeriodStatus.ENDED: "已结束",
    PeriodStatus.END_UNKNOWN: "结束日期未说明",
}


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
    if period.end is None:
        return PeriodStatus.ACTIVE if period.open_ended else PeriodStatus.END_UNKNOWN
    if as_of > period.end:
        return PeriodStatus.ENDED
    if (period.end - as_of).days < soon_days:
        return PeriodStatus.ENDING_SOON
    return PeriodStatus.ACTIVE


def is_free_now(periods: list[FreePeriod], as_of: dt.date) -> bool:
    return any(period_status(p, as_of) in (PeriodStatus.ACTIVE, PeriodStatus.ENDING_SOON) for p in periods)
