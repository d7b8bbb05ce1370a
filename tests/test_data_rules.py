"""Conventions of the shipped data that validation alone does not enforce (see docs/data.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from catalog.periods import PeriodStatus, as_of_date, period_status


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog(DEFAULT_DATA_DIR)
    assert result.ok, "\n".join(p.render() for p in result.problems)
    return result.catalog


def test_every_free_period_says_how_its_dates_were_read(catalog):
    unexplained = [f"{entry.id}: {period.label}" for _, entry, period in catalog.free_periods()
                   if not period.reading]
    assert not unexplained, "free periods without a `reading`:\n" + "\n".join(unexplained)


def test_a_contact_is_dated_by_one_of_its_sources(catalog):
    """A contact's as_of is the day one of its sources was issued or published, so its age is honest."""
    wrong = []
    for ref in catalog.contacts():
        dates = {d for sid in ref.contact.sources for d in (catalog.sources[sid].issued, catalog.sources[sid].published)}
        if ref.contact.as_of not in dates:
            wrong.append(f"{ref.kind} {ref.entry_id} contact {ref.index}: as_of {ref.contact.as_of}")
    assert not wrong, "\n".join(wrong)


def test_no_free_period_that_ended_years_ago_is_left_without_an_end(catalog):
    """A 2020 offer must not look open in 2026: it has the source's end, a presumed end with its reading,
    or the source's own word that it is open-ended."""
    two_years_ago = as_of_date() - dt.timedelta(days=730)
    unended = [f"{entry.id}: {period.label}" for _, entry, period in catalog.free_periods()
               if period.start < two_years_ago and not (period.end or period.open_ended or
                                                        (period.presumed_end and period.reading))]
    assert not unended, "old free periods without an end:\n" + "\n".join(unended)
    statuses = {period_status(p, as_of_date()) for _, _, p in catalog.free_periods() if p.start < two_years_ago}
    assert PeriodStatus.END_UNKNOWN not in statuses


def test_every_successor_has_its_source_and_a_written_back_link(catalog):
    """Read from either end, the shipped data says the same: A's successor is B and B replaces A."""
    missing = []
    for platform_id, platform in catalog.platforms.items():
        if platform.successor:
            newer = catalog.platforms[platform.successor]
            if platform_id not in newer.replaces:
                missing.append(f"{platform.successor}.replaces lacks {platform_id}")
            if not platform.successor_sources:
                missing.append(f"{platform_id}.successor has no source")
        for older_id in platform.replaces:
            if catalog.platforms[older_id].successor != platform_id:
                missing.append(f"{older_id}.successor is not {platform_id}")
    assert not missing, "\n".join(missing)
    assert any(p.successor for p in catalog.platforms.values())


def test_every_source_has_an_address_or_says_why_not(catalog):
    unexplained = [source_id for source_id, source in catalog.sources.items()
                   if not source.urls and not source.no_url_reason]
    assert not unexplained, "sources without urls or no_url_reason: " + ", ".join(sorted(unexplained))


def test_no_entry_is_without_levels_unless_it_says_why(catalog):
    """Every notice here addresses schools of some level: an entry without levels explains in its note
    (with the word 学段) that its sources give none."""
    silent = [entry.id for kind, entry in catalog.entries() if kind != "source"
              and not entry.levels and "学段" not in (entry.note or "")]
    assert not silent, "entries without levels and without a note on 学段: " + ", ".join(sorted(silent))
