"""The contacts page by age: each entry's contacts grouped by the year they were published, newest
first, each year marked when it is older than the site's `stale_after_days`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalog_plugins.pages import ContactGroup, SiteIndex


@dataclass(frozen=True)
class AgeGroup:
    year: int
    newest: dt.date  # the latest publication date in the group, for its age
    stale: bool
    members: tuple[tuple[str | None, ContactGroup], ...]  # (region, group) as on the page


def contacts_by_age(index: SiteIndex, as_of: dt.date, stale_after_days: int) -> list[AgeGroup]:
    by_year: dict[int, list[tuple[dt.date, str | None, ContactGroup]]] = {}
    for region, groups in index.contacts_by_region:
        for group in groups:
            published = max(contact.as_of for contact in group.contacts)
            by_year.setdefault(published.year, []).append((published, region, group))
    result = []
    for year in sorted(by_year, reverse=True):
        members = by_year[year]
        newest = max(published for published, _, _ in members)
        stale = stale_after_days > 0 and (as_of - newest).days > stale_after_days
        result.append(AgeGroup(year, newest, stale, tuple((region, group) for _, region, group in members)))
    return result
