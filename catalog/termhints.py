"""Which taxonomy id a maintainer meant by a Chinese term typed where an id belongs (本科 → undergraduate,
河南 → henan, 慕课 → mooc-platform): matched against the terms' names and aliases."""

from __future__ import annotations

import unicodedata

from catalog.taxonomy import FACET_FIELDS, Taxonomy


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def facet_of(loc: tuple) -> str | None:
    """The facet an id at this location belongs to: levels.0, free_periods.1.regions.0, basis.levels.本科."""
    for part in reversed(loc):
        if isinstance(part, str) and part in FACET_FIELDS:
            return FACET_FIELDS[part]
    return None


def term_hint(taxonomy: Taxonomy, loc: tuple, value) -> tuple[str, str] | None:
    """(id, name) of the term whose name or alias is `value` (or begins with it: 河南 → 河南省), or None."""
    facet = facet_of(loc)
    if facet is None or not isinstance(value, str) or not value.strip():
        return None
    wanted = _plain(value)
    starts = None
    for term_id, (_, term) in taxonomy.facet_terms(facet).items():
        names = [term.name, *term.aliases]
        if any(_plain(name) == wanted for name in names):
            return term_id, term.name
        if starts is None and any(_plain(name).startswith(wanted) for name in names):
            starts = (term_id, term.name)
    return starts
