"""The catalog page's facet index: what the browser needs to filter and search every entry.

Plain functions over a loaded `Catalog`; no MkDocs here, so tests call them directly.

Contract (for the plugin, part A):

    index = build_facet_index(catalog, as_of)   # as_of: catalog.periods.as_of_date() of the build
    text = facet_index_json(index)              # deterministic, compact JSON (same inputs -> same bytes)
    # write `text` to the site as FACET_INDEX_FILE next to the catalog page, i.e. site/catalog/facets.json,
    # and pass `index` to plugins.catalog_page.render_catalog_page (it needs the facet names and counts).

The JSON, version 2 (columns, so that 25,000 entries compress well):

    {"version": 1, "as_of": "2026-11-21",
     "types": [["platform", "platforms/"], ["resource", "resources/"]],    # entry type -> page folder
     "facets": [{"key": "level", "name": "学段",
                 "groups": ["学段"],                                      # vocabulary names
                 "values": [["primary", "小学", 0, 12], ...]},              # [id, name, group, count]
                ... discipline, kind, region, free (one value: ["now", "正在免费", 0, count])],
     "entries": {"type": [1, ...], "id": ["r000001", ...], "name": [...], "aliases": [[...], ...],
                 "desc": [...], "pinyin": ["", "chongqingdaxue|cqdx", ...],
                 "level": [[0, 3], ...], "discipline": [[...]], "kind": [[...]], "region": [[...]],
                 "free": [[0], [], ...]},
     "pinyin": {"chars": "智慧树…", "readings": "zhi hui shu …"},     # each character's own reading
     "synonyms": [["慕课", "mooc"]], "fold": {"from": "學線…", "to": "学线…"}}

Each facet also has "words": per value, the other words it is found by (aliases, English name, what it
covers: 理学 covers 数学类); `synonyms` and `fold` (traditional -> simplified) serve the search too
(plugins/search_terms.py).

`inferred` (beside `entries`) holds, per facet, the values of each entry that a rule inferred rather than a
source stated (the entry's `basis`), as indexes like the facet's own column: the page's "stated
only" option leaves them out of matching and counting.

Pinyin: the browser reads each Han character of a name or alias through the `pinyin` table (other
characters pass through, lower-cased, without spaces: 中国大学MOOC -> zhongguodaxuemooc, initials
zgdxmooc); `forms_by_table` is that rule in Python. Where pypinyin reads a name differently as a
phrase (重庆: chong, not zhong), the entry's `pinyin` cell holds the phrase reading instead, as
"full pinyin of name and aliases, space-separated|initials, likewise"; otherwise it is "". A table
instead of a column keeps 25,000 entries' pinyin to a few kilobytes.

Facet columns hold indexes into that facet's `values`; a value is listed only when some entry has
it, in taxonomy order. An entry's page is `types[type][1] + id + "/"`, relative to the site root
(`entry_url`). Entries come platforms first, then resources, each sorted by the pinyin of the name.
Strings are the entries' own text, unescaped: whoever renders them must escape them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from functools import lru_cache

from pypinyin import lazy_pinyin

from catalog.catalog import Catalog
from catalog.periods import is_free_now
from catalog.provenance import is_inferred
from catalog_plugins.cjk_text import join_cjk
from catalog_plugins.search_terms import SYNONYMS, fold_table, term_words

FORMAT_VERSION = 2
FACET_INDEX_FILE = "facets.json"
ENTRY_TYPES = (("platform", "platforms/"), ("resource", "resources/"))
# (facet key, entry field, facet title); the order the catalog page shows them in.
FACETS = (("level", "levels", "学段"), ("discipline", "disciplines", "学科"), ("kind", "kind", "类型"),
          ("region", "regions", "地区"))
FREE_FACET = "free"
FREE_NOW = "now"
FREE_TITLE = "免费状态"
FREE_VALUE_NAME = "正在免费"
SHORT_DESCRIPTION_CHARS = 160
_NOT_HAN = "\x00"


def entry_url(kind: str, entry_id: str) -> str:
    """The entry's page, relative to the site root: platforms/<id>/ or resources/<id>/."""
    return dict(ENTRY_TYPES)[kind] + entry_id + "/"


@lru_cache(maxsize=65536)
def _phrase_parts(text: str) -> tuple[str, ...]:
    """pypinyin's reading of a whole name: a syllable per Han character, other runs marked and kept."""
    return tuple(lazy_pinyin(text, errors=lambda chunk: [_NOT_HAN + chunk]))


@lru_cache(maxsize=65536)
def pinyin_forms(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case, without spaces: 智慧树 -> (zhihuishu, zhs).

    Runs of other characters (MOOC, 2020) are kept, lower-cased, in both forms: 中国大学MOOC ->
    (zhongguodaxuemooc, zgdxmooc).
    """
    full, initials = [], []
    for part in _phrase_parts(text):
        if part.startswith(_NOT_HAN):
            other = "".join(part[1:].split()).lower()
            full.append(other)
            initials.append(other)
        else:
            full.append(part)
            initials.append(part[:1])
    return "".join(full), "".join(initials)


def han_readings(text: str) -> tuple[tuple[str, str], ...]:
    """(character, reading) for each Han character of a name, read as pypinyin reads the phrase."""
    pairs, position = [], 0
    for part in _phrase_parts(text):
        if part.startswith(_NOT_HAN):
            position += len(part) - 1
        else:
            if position >= len(text):
                return ()  # not one syllable per character: leave this name to the override cell
            pairs.append((text[position], part))
            position += 1
    return tuple(pairs) if position == len(text) else ()


def forms_by_table(text: str, table: dict[str, str]) -> tuple[str, str]:
    """(full pinyin, initials) read character by character, as catalog.js does with the table."""
    full, initials, run = [], [], []

    def end_run():
        if run:
            other = "".join("".join(run).split()).lower()
            full.append(other)
            initials.append(other)
            run.clear()

    for char in text:
        reading = table.get(char)
        if reading is None:
            run.append(char)
        else:
            end_run()
            full.append(reading)
            initials.append(reading[:1])
    end_run()
    return "".join(full), "".join(initials)


def _pinyin_cells(names_per_entry: list[list[str]], other_text: str = "") -> tuple[dict, list[str]]:
    """The character table and, per entry, "" or the phrase readings that the table gets wrong.

    Characters of `other_text` (descriptions) that no name has get their own reading too: the search reads
    a query found nowhere aloud through the table (a homophone typo such as 学堂再线 for 学堂在线)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for names in names_per_entry:
        for name in names:
            for char, reading in han_readings(name):
                votes[char][reading] += 1
    # Each character's most frequent reading here (地 -> di as in 地理), so few names need a cell.
    table = {char: min(counter.items(), key=lambda item: (-item[1], item[0]))[0] for char, counter in votes.items()}
    for char in sorted(set(other_text) - set(table)):
        reading = _phrase_parts(char)
        if len(reading) == 1 and not reading[0].startswith(_NOT_HAN):
            table[char] = reading[0]
    cells = []
    for names in names_per_entry:
        phrase = [pinyin_forms(name) for name in names]
        if phrase == [forms_by_table(name, table) for name in names]:
            cells.append("")
        else:
            cells.append(" ".join(f for f, _ in phrase) + "|" + " ".join(i for _, i in phrase))
    ordered = sorted(table)
    return {"chars": "".join(ordered), "readings": " ".join(table[c] for c in ordered)}, cells


def short_description(text: str | None, limit: int = SHORT_DESCRIPTION_CHARS) -> str:
    text = join_cjk(" ".join((text or "").split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listed_entries(catalog: Catalog):
    for type_index, (kind, _) in enumerate(ENTRY_TYPES):
        entries = list(catalog.by_kind(kind).values())
        entries.sort(key=lambda e: (pinyin_forms(e.name)[0], e.name, e.id))
        for entry in entries:
            yield type_index, kind, entry


def _facet_values(catalog: Catalog, facet: str, used: set[str]):
    """(groups, [(id, name, group)]) of the terms some entry uses, in taxonomy order."""
    groups: list[str] = []
    values = []
    for vocabulary in catalog.taxonomy.ordered(facet):
        terms = [t for t in vocabulary.terms if t.id in used and t.id not in {v[0] for v in values}]
        if terms:
            groups.append(vocabulary.name)
            values += [(t.id, t.name, len(groups) - 1) for t in terms]
    return groups, values


def build_facet_index(catalog: Catalog, as_of: dt.date, description_chars: int = SHORT_DESCRIPTION_CHARS,
                      marks=None) -> dict:
    """The catalog page's index (see the module docstring for its shape).

    Descriptions are cut to `description_chars`: they are most of the index's bytes at 25,000 entries.
    `marks(kind, entry)` gives a card's status marks as (code, text) pairs (plugins/status.py); they are
    stored once each in index["marks"] and per entry as indexes into it (entries["mark"]).
    """
    listed = list(_listed_entries(catalog))
    columns: dict[str, list] = {key: [] for key in
                                ("type", "id", "name", "aliases", "desc")}
    raw_terms: dict[str, list[list[str]]] = {facet: [] for facet, _, _ in FACETS}
    for type_index, _, entry in listed:
        columns["type"].append(type_index)
        columns["id"].append(entry.id)
        columns["name"].append(entry.name)
        columns["aliases"].append(list(entry.aliases))
        columns["desc"].append(short_description(entry.description, description_chars))
        for facet, field, _ in FACETS:
            value = getattr(entry, field)
            raw_terms[facet].append([value] if isinstance(value, str) else list(dict.fromkeys(value)))

    facets = []
    inferred: dict[str, list[list[int]]] = {}
    for facet, field, title in FACETS:
        used = {term for terms in raw_terms[facet] for term in terms}
        groups, values = _facet_values(catalog, facet, used)
        position = {value_id: i for i, (value_id, _, _) in enumerate(values)}
        column = [[position[t] for t in terms if t in position] for terms in raw_terms[facet]]
        counts = [0] * len(values)
        for indexes in column:
            for i in indexes:
                counts[i] += 1
        columns[facet] = column
        inferred[facet] = [[position[t] for t in terms if t in position and is_inferred(entry, field, t)]
                           for terms, (_, _, entry) in zip(raw_terms[facet], listed)]
        facets.append({"key": facet, "name": title, "groups": groups,
                       "values": [[vid, name, group, counts[i]] for i, (vid, name, group) in enumerate(values)],
                       "words": [term_words(catalog.taxonomy.term(facet, vid)) for vid, _, _ in values]})

    free = [[0] if is_free_now(getattr(entry, "free_periods", []), as_of) else [] for _, _, entry in listed]
    columns[FREE_FACET] = free
    facets.append({"key": FREE_FACET, "name": FREE_TITLE, "groups": [FREE_TITLE],
                   "values": [[FREE_NOW, FREE_VALUE_NAME, 0, sum(len(f) for f in free)]], "words": [[]]})
    table, columns["pinyin"] = _pinyin_cells([[e.name, *e.aliases] for _, _, e in listed], "".join(columns["desc"]))
    mark_table: dict[tuple[str, str], int] = {}
    if marks is not None:
        columns["mark"] = [[mark_table.setdefault(tuple(m), len(mark_table)) for m in marks(kind, entry)]
                           for _, kind, entry in listed]
    searchable = json.dumps([columns["name"], columns["aliases"], columns["desc"], facets], ensure_ascii=False)
    return {"version": FORMAT_VERSION, "as_of": as_of.isoformat(), "types": [list(t) for t in ENTRY_TYPES],
            "facets": facets, "entries": columns, "inferred": inferred, "pinyin": table,
            "marks": [list(m) for m in mark_table],
            "synonyms": [list(group) for group in SYNONYMS], "fold": fold_table(searchable)}


def facet_index_json(index: dict) -> str:
    """Compact, deterministic JSON; `</` is escaped so the text is safe even inside a <script>."""
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("</", "<\\/")


def entry_count(index: dict) -> int:
    return len(index["entries"]["id"])


def entry_pinyin(index: dict, position: int) -> tuple[str, str]:
    """(pinyin, initials) of an entry's name and aliases, space-separated, as catalog.js derives them."""
    entries = index["entries"]
    cell = entries["pinyin"][position]
    if cell:
        full, initials = cell.split("|")
        return full, initials
    table = dict(zip(index["pinyin"]["chars"], index["pinyin"]["readings"].split(" ")))
    forms = [forms_by_table(name, table) for name in (entries["name"][position], *entries["aliases"][position])]
    return " ".join(f for f, _ in forms), " ".join(i for _, i in forms)


def facet_entries(index: dict, facet: str, value_id: str) -> list[str]:
    """Ids of the entries that have a facet value (for tests and listing cross-checks)."""
    spec = next(f for f in index["facets"] if f["key"] == facet)
    position = next((i for i, v in enumerate(spec["values"]) if v[0] == value_id), None)
    if position is None:
        return []
    return [entry_id for entry_id, values in zip(index["entries"]["id"], index["entries"][facet])
            if position in values]
