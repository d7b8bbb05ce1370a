"""How current an entry is: the day its facts were last confirmed, and by which source.

An entry may say so (`confirmed: {date, source}`); otherwise it is the newest date (issued or
published) among the sources it cites. A site marks entries whose confirmation is older than a
configurable number of days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from catalog.catalog import Catalog
from catalog.problems import Problem


@dataclass(frozen=True)
class Currency:
    date: dt.date
    source: str
    written: bool  # True: the entry's own `confirmed`; False: derived from its newest source


def source_date(source) -> dt.date | None:
    dates = [d for d in (source.issued, source.published) if d]
    return max(dates) if dates else None


def last_confirmed(catalog: Catalog, entry) -> Currency | None:
    """The entry's confirmation, or its newest dated source; None when no cited source has a date."""
    if entry.confirmed is not None:
        return Currency(entry.confirmed.date, entry.confirmed.source, True)
    dated = [(source_date(catalog.sources[i]), i) for i in entry.sources if i in catalog.sources]
    dated = [(date, i) for date, i in dated if date]
    if not dated:
        return None
    date, source_id = max(dated, key=lambda pair: (pair[0], -entry.sources.index(pair[1])))
    return Currency(date, source_id, False)


def is_stale(currency: Currency | None, as_of: dt.date, stale_after_days: int) -> bool:
    """Older than the limit (an entry with no dated source at all counts as stale); 0 turns it off."""
    if stale_after_days <= 0:
        return False
    return currency is None or (as_of - currency.date).days > stale_after_days


def check_confirmations(catalog: Catalog) -> Iterator[Problem]:
    for kind, entry in catalog.entries():
        confirmed = getattr(entry, "confirmed", None)
        if confirmed is None:
            continue
        shown, line = catalog.locate(kind, entry.id, "confirmed", "source")
        if confirmed.source not in entry.sources:
            yield Problem(shown, line, f"confirmed.source: 来源 '{confirmed.source}' 不在本条目的 sources 中 "
                                       f"(the confirming source must be one the entry cites)")
            continue
        source = catalog.sources.get(confirmed.source)
        issued = source_date(source) if source else None
        if issued and confirmed.date < issued:
            shown, line = catalog.locate(kind, entry.id, "confirmed", "date")
            yield Problem(shown, line, f"confirmed.date: 核实日期 {confirmed.date} 早于来源日期 {issued} "
                                       f"(confirmed before the source existed)")
