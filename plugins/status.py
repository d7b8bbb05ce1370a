"""What the top of an entry page answers first: free now and for whom, do its links work, was it
replaced, are its facts verified. Plain functions over the loaded catalog; the entry page's status
panel and the /catalog/ cards both read them, so the two cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalog import succession
from catalog.catalog import Catalog
from catalog.periods import PeriodStatus, period_status

# Which period speaks for the entry when it has several: the one a teacher can use now comes first;
# any kind of ended (stated or presumed) comes last.
_STATUS_RANK = {PeriodStatus.ACTIVE.value: 0, PeriodStatus.ENDING_SOON.value: 1, PeriodStatus.UPCOMING.value: 2,
                PeriodStatus.END_UNKNOWN.value: 3}
_ENDED_RANK = 4


@dataclass(frozen=True)
class FreeAnswer:
    status: str | None  # a PeriodStatus value; None when the sources give no free period
    period: object | None  # the catalog.models.FreePeriod that answers
    others: int  # how many more periods the entry has
    end: dt.date | None = None  # the end a source gave, else the end a documented reading presumes
    end_presumed: bool = False


@dataclass(frozen=True)
class LinkAnswer:
    total: int
    checked: int
    working: int
    failing: int
    dead: int
    last_checked: dt.date | None


@dataclass(frozen=True)
class EntryStatus:
    free: FreeAnswer
    links: LinkAnswer
    successor: object | None  # the Platform that replaced this one
    predecessors: tuple  # the Platforms this one replaced
    verified: bool
    lineage_sources: tuple = ()  # ids of the sources that state the succession (either way)


def predecessors_by_id(catalog: Catalog) -> dict[str, list[str]]:
    """successor id -> ids of the platforms it replaced (the back-link of `successor`, and `replaces`)."""
    return succession.predecessors_by_id(catalog)


def free_answer(periods, as_of: dt.date) -> FreeAnswer:
    if not periods:
        return FreeAnswer(None, None, 0)
    ranked = []
    for period in periods:
        status = period_status(period, as_of).value
        # Among equals: the latest end (or start) is the one that still matters.
        latest = (period_end(period) or period.start).toordinal()
        ranked.append((_STATUS_RANK.get(status, _ENDED_RANK), -latest, status, period))
    ranked.sort(key=lambda item: item[:2])
    _, _, status, period = ranked[0]
    return FreeAnswer(status, period, len(periods) - 1, end=period_end(period),
                      end_presumed=period.end is None and period_end(period) is not None)


def period_end(period) -> dt.date | None:
    """The stated end, else the presumed one (with its reading)."""
    return period.end or period.presumed_end


def link_answer(urls, link_state) -> LinkAnswer:
    records = [link_state.lookup(link.url) for link in urls] if link_state is not None else []
    records = [r for r in records if r is not None]
    checked = [r.last_checked for r in records if r.last_checked is not None]
    last = max(checked) if checked else None
    if isinstance(last, dt.datetime):
        last = last.astimezone(dt.timezone.utc).date()
    return LinkAnswer(total=len(urls), checked=len(records), working=sum(1 for r in records if r.works),
                      failing=sum(1 for r in records if r.failing and not r.confirmed_dead),
                      dead=sum(1 for r in records if r.confirmed_dead), last_checked=last)


class StatusBook:
    """Each entry's status for one build (as-of date and link state fixed)."""

    def __init__(self, catalog: Catalog, as_of: dt.date, link_state=None):
        self.catalog = catalog
        self.as_of = as_of
        self.link_state = link_state
        self.predecessors = predecessors_by_id(catalog)

    def of(self, kind: str, entry) -> EntryStatus:
        successor_id = getattr(entry, "successor", None)
        successor = self.catalog.platforms.get(successor_id) if successor_id else None
        before = tuple(self.catalog.platforms[i] for i in self.predecessors.get(entry.id, ())
                       if kind == "platform" and i in self.catalog.platforms)
        stated_by = [*(getattr(entry, "successor_sources", []) if successor else [])]
        for platform in before:
            stated_by += platform.successor_sources
        return EntryStatus(free=free_answer(entry.free_periods, self.as_of),
                           links=link_answer(entry.urls, self.link_state),
                           successor=successor, predecessors=before, verified=entry.verified,
                           lineage_sources=tuple(dict.fromkeys(stated_by)))

    def short_marks(self, kind: str, entry, strings) -> list[tuple[str, str]]:
        """The card's marks: (code, text), e.g. ("active", "免费中·河南省高校"), ("replaced", "已由 X 取代")."""
        status = self.of(kind, entry)
        marks = []
        if status.free.status is not None:
            text = strings["status_" + status.free.status]
            scope = scope_text(status.free.period, self.catalog, strings)
            marks.append((status.free.status, text + (strings["mark_separator"] + scope if scope else "")))
        if status.successor is not None:
            marks.append(("replaced", strings["mark_replaced"].format(status.successor.name)))
        if status.links.dead:
            marks.append(("link-dead", strings["mark_link_dead"]))
        elif status.links.failing:
            marks.append(("link-failing", strings["mark_link_failing"]))
        if not status.verified:
            marks.append(("unverified", strings["mark_unverified"]))
        return marks


def scope_text(period, catalog: Catalog, strings) -> str:
    """Whom a free period is for, as the source said it, else from its regions and levels."""
    if period is None:
        return ""
    if period.scope:
        return period.scope
    names = []
    for facet, ids in (("region", period.regions), ("level", period.levels)):
        for term_id in ids:
            term = catalog.taxonomy.term(facet, term_id)
            names.append(term.name if term is not None else term_id)
    return strings["list_separator"].join(names)
