"""Free-period status against a fixed as-of date."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.models import FreePeriod
from catalog.periods import PeriodStatus, as_of_date, is_free_now, period_status
from conftest import run_cli

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


def test_a_presumed_end_counts_as_the_end_and_says_so_once_passed():
    read = FreePeriod(start=dt.date(2020, 2, 17), presumed_end=dt.date(2020, 8, 31), label="延期开学期间",
                      reading="至迟到秋季开学", sources=["s"])
    assert period_status(read, dt.date(2020, 3, 1)) == PeriodStatus.ACTIVE and is_free_now([read], dt.date(2020, 3, 1))
    assert period_status(read, dt.date(2020, 8, 30)) == PeriodStatus.ENDING_SOON
    assert period_status(read, dt.date(2020, 9, 1)) == PeriodStatus.ENDED_PRESUMED
    assert not is_free_now([read], dt.date(2026, 11, 29))


PERIOD_ENTRY = """\
name: 演示资源
kind: course-collection
free_periods:
  - start: 2020-02-02
    label: {label}
{extra}    sources: [moe-2020-2]
sources: [moe-2020-2]
"""


def _validate(data, label, extra=""):
    data.write("resources/demo.yaml", PERIOD_ENTRY.format(label=label, extra=extra))
    return run_cli("validate", str(data.root))


@pytest.mark.parametrize("label", ["疫情防控期间", "延期开学期间", "2020年春季学期"])
def test_a_term_or_emergency_label_without_an_end_is_an_error_that_offers_the_reading(data, label):
    result = _validate(data, label)
    assert result.returncode == 1
    assert "resources/demo.yaml:5: free_periods.0.label:" in result.stderr and "presumed_end" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("extra", ["    end: 2020-07-31\n", "    open_ended: true\n",
                                   "    presumed_end: 2023-01-07\n    reading: 按 2023-01-07 计\n"])
def test_the_source_end_or_a_presumed_end_with_its_reading_satisfies_it(data, extra):
    assert _validate(data, "疫情防控期间", extra).returncode == 0


@pytest.mark.parametrize("extra, line", [
    ("    presumed_end: 2023-01-07\n", 6),                                        # no reading
    ("    end: 2020-07-31\n    presumed_end: 2020-07-31\n    reading: x\n", 7),     # both ends
    ("    presumed_end: 2019-01-01\n    reading: x\n", 6),                         # before the start
])
def test_a_presumed_end_needs_its_reading_no_source_end_and_a_sane_date(data, extra, line):
    result = _validate(data, "疫情防控期间", extra)
    assert result.returncode == 1 and f"resources/demo.yaml:{line}: free_periods.0.presumed_end:" in result.stderr


def test_a_later_term_with_the_same_words_is_not_read_as_the_2020_one(data):
    data.write("resources/demo.yaml", PERIOD_ENTRY.format(label="2031年春季学期", extra="").replace(
        "2020-02-02", "2031-02-01"))
    assert run_cli("validate", str(data.root)).returncode == 0
