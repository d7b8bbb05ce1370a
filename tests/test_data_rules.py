"""Conventions of the shipped data that validation alone does not enforce (see docs/data.md)."""

from __future__ import annotations

import pytest

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR


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
