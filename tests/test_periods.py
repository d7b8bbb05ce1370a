"""Free-period status against a fixed as-of date."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.models import FreePeriod
from catalog.periods import PeriodStatus, as_of_date, is_free_now, period_status

SPRING = FreePeriod(start=dt.date(2020, 2, 1), end=dt.date(2020, 7, 31), label="2020年春季学期", sources=["s"])


@pytest.mark.parametrize("day, status", [
    (dt.date(2020, 1, 31), PeriodStatus.UPCOMING),
    (dt.date(2020, 2, 1), PeriodStatus.ACTIVE),
    (dt.date(2020, 7, 17), PeriodStatus.ACTIVE),
    (dt.date(2020, 7, 18), PeriodStatus.ENDING_SOON),
    (dt.date(2020, 7, 31), PeriodStatus.ENDING_SOON),
    (dt.date(2020, 8, 1), PeriodStatus.ENDED),
])
def test_status_around_the_dates(day, status):
    assert period_status(SPRING, day) == status


def test_an_end_the_source_never_gave_is_not_read_as_free_forever():
    unsaid = FreePeriod(start=dt.date(2020, 2, 17), sources=["s"])
    forever = FreePeriod(start=dt.date(2020, 2, 17), open_ended=True, sources=["s"])
    later = dt.date(2026, 11, 21)
    assert period_status(unsaid, later) == PeriodStatus.END_UNKNOWN
    assert not is_free_now([unsaid], later)
    assert period_status(forever, later) == PeriodStatus.ACTIVE and is_free_now([forever], later)
    assert is_free_now([SPRING, forever], later) and not is_free_now([SPRING], later)


def test_source_date_epoch_fixes_the_build_date():
    assert as_of_date({"SOURCE_DATE_EPOCH": "1581465600"}) == dt.date(2020, 2, 12)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        as_of_date({"SOURCE_DATE_EPOCH": "yesterday"})
    assert isinstance(as_of_date({}), dt.date)
