"""Rules over the whole catalog: references resolve, URLs are not listed twice, periods make sense.

Each rule yields `Problem`s located at the offending key. Entries whose file failed to load are
still known by id (`catalog.broken`), so a reference to them is not reported a second time.
"""

from __future__ import annotations

from typing import Iterator

from catalog.catalog import Catalog
from catalog.paths import RESERVED_IDS
from catalog.periods import label_reading
from catalog.problems import Problem, did_you_mean
from catalog.currency import check_confirmations
from catalog.names import check_duplicate_names
from catalog.provenance import check_provenance
from catalog.succession import check_succession
from catalog.taxonomy import FACET_FIELDS
from catalog.urls import address_key

FACET_NAMES = {"level": "学段", "discipline": "学科/专业大类", "theme": "专题", "kind": "类型", "region": "地区"}
KIND_NAMES = {"source": "来源", "platform": "平台", "resource": "资源"}


def check_catalog(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    for rule in (_references, _taxonomy_terms, _duplicate_terms, _duplicate_urls, _period_order,
                 _period_ends, check_provenance, check_succession, check_confirmations, check_duplicate_names):
        problems.extend(rule(catalog))
    return problems


# --- placeholders left by `extract` -------------------------------------------------------------

# The mark `extract` writes where a maintainer must fill something in (scrapers/notices/model.py).
PLACEHOLDER = "FILL-ME"


def placeholder_problems(data, lines, shown: str, path: tuple = ()) -> list[Problem]:
    """One problem, with its line, for every key or value of an entry file that still holds FILL-ME.

    Run on the file as read, before the model: a placeholder in a free-text field (title: FILL-ME)
    or in a list (issuers: [FILL-ME]) passes the model, but the entry is not finished.
    """
    problems: list[Problem] = []
    if isinstance(data, dict):
        items = [(key, value, path + (key,)) for key, value in data.items()]
    elif isinstance(data, list):
        items = [(None, value, path + (i,)) for i, value in enumerate(data)]
    else:
        items = []
    for key, value, where in items:
        if (isinstance(key, str) and PLACEHOLDER in key) or (isinstance(value, str) and PLACEHOLDER in value):
            shown_path = ".".join(str(p) for p in where)
            problems.append(Problem(shown, lines.line_of(where),
                                    f"{shown_path}: 仍是占位 {PLACEHOLDER}，请按原文填写 "
                                    f"(placeholder not filled in)"))
        elif isinstance(value, (dict, list)):
            problems.extend(placeholder_problems(value, lines, shown, where))
    return problems


# --- references between entries ---------------------------------------------------------------

def _entry_refs(kind: str, entry) -> Iterator[tuple[tuple, str, str]]:
    """(path, target kind, target id) for every reference an entry makes."""
    for i, source_id in enumerate(entry.sources if kind != "source" else []):
        yield ("sources", i), "source", source_id
    for group in ("counts", "free_periods", "contacts", "statuses"):
        for i, item in enumerate(getattr(entry, group, [])):
            for j, source_id in enumerate(item.sources):
                yield (group, i, "sources", j), "source", source_id
    for i, platform_id in enumerate(getattr(entry, "platforms", [])):
        yield ("platforms", i), "platform", platform_id
    for i, source_id in enumerate(getattr(entry, "successor_sources", [])):
        yield ("successor_sources", i), "source", source_id
    for i, platform_id in enumerate(getattr(entry, "replaces", [])):
        yield ("replaces", i), "platform", platform_id
    for key, target in (("successor", "platform"), ("forwards", "source"), ("repost_of", "source")):
        value = getattr(entry, key, None)
        if value:
            yield (key,), target, value


def _references(catalog: Catalog) -> Iterator[Problem]:
    for kind, entry in catalog.entries():
        for path, target, target_id in _entry_refs(kind, entry):
            known = catalog.by_kind(target)
            # Before "is it known" (itself always is). A source's own contacts may cite the source.
            if (target, target_id) == (kind, entry.id) and len(path) == 1:
                yield catalog.problem_at(kind, entry.id, path, "不能引用自身 (an entry cannot refer to itself)")
                continue
            if target_id in known or (target, target_id) in catalog.broken:
                continue
            yield catalog.problem_at(kind, entry.id, path,
                           f"找不到{KIND_NAMES[target]} '{target_id}' (unknown {target} id)"
                           f"{did_you_mean(target_id, known)}")


# --- taxonomy ids ------------------------------------------------------------------------------

def _term_refs(kind: str, entry) -> Iterator[tuple[tuple, str, str]]:
    """(path, facet, term id) for every taxonomy term an entry (or vocabulary) names."""
    for field, facet in FACET_FIELDS.items():
        value = getattr(entry, field, None)
        if isinstance(value, str) and kind in ("platform", "resource"):
            yield (field,), facet, value
        elif isinstance(value, list):
            for i, term_id in enumerate(value):
                yield (field, i), facet, term_id
    for i, period in enumerate(getattr(entry, "free_periods", [])):
        for field in ("regions", "levels"):
            for j, term_id in enumerate(getattr(period, field)):
                yield ("free_periods", i, field, j), FACET_FIELDS[field], term_id
    for i, contact in enumerate(entry.contacts if kind != "taxonomy" else []):
        for field in ("regions", "levels"):
            for j, term_id in enumerate(getattr(contact, field)):
                yield ("contacts", i, field, j), FACET_FIELDS[field], term_id


def _taxonomy_terms(catalog: Catalog) -> Iterator[Problem]:
    if any(kind == "taxonomy" for kind, _ in catalog.broken):
        return  # a broken vocabulary file would make every use of its terms look unknown
    taxonomy = catalog.taxonomy
    checked = [(kind, entry) for kind, entry in catalog.entries()]
    checked += [("taxonomy", vocabulary) for vocabulary in taxonomy.vocabularies.values()]
    for kind, entry in checked:
        for path, facet, term_id in _term_refs(kind, entry):
            known = taxonomy.facet_terms(facet)
            if term_id not in known:
                yield catalog.problem_at(kind, entry.id, path,
                               f"未知的{FACET_NAMES[facet]} id '{term_id}' (unknown {facet} id){did_you_mean(term_id, known)}")
    for vocabulary in taxonomy.vocabularies.values():
        known = taxonomy.facet_terms(vocabulary.facet)
        for i, term in enumerate(vocabulary.terms):
            if term.successor and term.successor not in known:
                yield catalog.problem_at("taxonomy", vocabulary.id, ("terms", i, "successor"),
                               f"未知的术语 id '{term.successor}' (unknown term id){did_you_mean(term.successor, known)}")


def _duplicate_terms(catalog: Catalog) -> Iterator[Problem]:
    first_seen: dict[tuple[str, str], str] = {}
    for vocabulary in catalog.taxonomy.ordered():
        for i, term in enumerate(vocabulary.terms):
            key = (vocabulary.facet, term.id)
            if term.id in RESERVED_IDS:
                yield catalog.problem_at("taxonomy", vocabulary.id, ("terms", i, "id"),
                               f"“{term.id}”是站点保留的名字，请换一个 id (reserved: it would clash with a generated page)")
            elif key in first_seen:
                yield catalog.problem_at("taxonomy", vocabulary.id, ("terms", i, "id"),
                               f"术语 id '{term.id}' 与 {first_seen[key]} 重复；同一维度内 id 必须唯一 "
                               f"(duplicate term id within facet '{vocabulary.facet}')")
            else:
                first_seen[key] = vocabulary.id


# --- URLs written twice --------------------------------------------------------------------------

def _duplicate_urls(catalog: Catalog) -> Iterator[Problem]:
    first: dict[str, tuple[str, str, int, bool]] = {}
    for kind, entry in catalog.entries():
        for i, link in enumerate(entry.urls):
            key = address_key(link.url)
            explained = bool(link.shared)
            if key not in first:
                first[key] = (kind, entry.id, i, explained)
                continue
            other_kind, other_id, other_i, other_explained = first[key]
            if explained or other_explained:
                continue
            where = f"{KIND_NAMES[other_kind]} {other_id}"
            same_entry = (other_kind, other_id) == (kind, entry.id)
            message = (f"网址 {link.url} 在本条目中写了两次 (URL listed twice in this entry)" if same_entry else
                       f"网址 {link.url} 已出现在{where}中；如确需共用，请在其中一处写 shared: 说明原因 "
                       f"(URL already in {other_kind} {other_id}; add `shared: reason` to one of them)")
            yield catalog.problem_at(kind, entry.id, ("urls", i), message)


# --- free periods ------------------------------------------------------------------------------

def _period_order(catalog: Catalog) -> Iterator[Problem]:
    for kind, entry in catalog.entries():
        for i, period in enumerate(getattr(entry, "free_periods", [])):
            if period.end is not None and period.open_ended:
                yield catalog.problem_at(kind, entry.id, ("free_periods", i, "open_ended"),
                               "写了结束日期就不是长期免费：去掉 end 或 open_ended 之一 "
                               "(a period with an end is not open-ended)")
            if period.end is not None and period.end < period.start:
                yield catalog.problem_at(kind, entry.id, ("free_periods", i, "end"),
                               f"免费期结束日期 {period.end} 早于开始日期 {period.start} "
                               f"(free period ends before it starts)")


def _period_ends(catalog: Catalog) -> Iterator[Problem]:
    """A term or emergency label has ended: it needs the end a source gives, or a presumed one and its reading."""
    for kind, entry in catalog.entries():
        for i, period in enumerate(getattr(entry, "free_periods", [])):
            at = ("free_periods", i)
            if period.presumed_end is not None:
                if period.end is not None or period.open_ended:
                    yield catalog.problem_at(kind, entry.id, (*at, "presumed_end"),
                                   "来源给了结束日期（end）或说长期免费（open_ended）时，不再写推定的 presumed_end "
                                   "(presumed_end only where a source gives no end)")
                if not period.reading:
                    yield catalog.problem_at(kind, entry.id, (*at, "presumed_end"),
                                   "推定的结束日期要在 reading 中写明读法 (a presumed end needs its reading)")
                if period.presumed_end < period.start:
                    yield catalog.problem_at(kind, entry.id, (*at, "presumed_end"),
                                   f"推定的结束日期 {period.presumed_end} 早于开始日期 {period.start} "
                                   f"(presumed end before the start)")
                continue
            known = label_reading(period.label, period.start)
            if known and period.end is None and not period.open_ended:
                yield catalog.problem_at(kind, entry.id, (*at, "label" if "label" in _keys(period) else "start"),
                               f"“{period.label}”已经结束，但没有结束日期：写来源给出的 end，或写推定的 "
                               f"presumed_end 并在 reading 中说明，通行读法见 docs/data.md，如 presumed_end: "
                               f"{known.presumed_end}（{known.reading}） "
                               f"(a term or emergency label needs an end: the source's, or a presumed one with its reading)")


def _keys(model) -> set[str]:
    return set(model.model_fields_set)
