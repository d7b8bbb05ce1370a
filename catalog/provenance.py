"""Provenance of classified values: every level, discipline, region, theme and kind has a basis.

A basis is either stated (a source the entry cites, with a verbatim quote) or inferred (a rule from
taxonomy/inference-rules.yaml). These rules yield `Problem`s at the offending key, like checks.py.
"""

from __future__ import annotations

from typing import Iterator

from catalog.catalog import Catalog
from catalog.problems import Problem, did_you_mean
from catalog.taxonomy import FACET_FIELDS, RULES_FILE_ID

# Entry fields whose values need a basis, with the name maintainers read in messages.
BASIS_FIELDS = {"kind": "类型", "levels": "学段", "disciplines": "学科", "regions": "地区", "themes": "专题"}


def values_of(entry, field: str) -> list[str]:
    value = getattr(entry, field)
    return [value] if isinstance(value, str) else list(value)


def is_inferred(entry, field: str, value: str) -> bool:
    """True when the value's basis is a rule (a reading), not a source's own words."""
    basis = entry.basis.of(field, value)
    return basis is not None and basis.inferred


def check_provenance(catalog: Catalog) -> Iterator[Problem]:
    yield from _duplicate_rules(catalog)
    rules = catalog.taxonomy.rules
    rules_broken = ("taxonomy", RULES_FILE_ID) in catalog.broken
    for kind, entry in catalog.entries():
        if kind == "source":
            continue
        salvaged = (kind, entry.id) in catalog.broken  # a broken basis is already reported, not missing
        for field, name in BASIS_FIELDS.items():
            if not salvaged:
                yield from _missing(catalog, kind, entry, field, name)
            yield from _unused(catalog, kind, entry, field, name)
            for key, basis in _bases(entry, field):
                path = ("basis", field) if key is None else ("basis", field, key)
                if basis.source and basis.source not in entry.sources:
                    yield catalog.problem_at(kind, entry.id, (*path, "source"),
                              f"来源 '{basis.source}' 不在本条目的 sources 中：依据只能引用本条目引用的来源 "
                              f"(a basis must cite one of the entry's sources){did_you_mean(basis.source, entry.sources)}")
                if basis.rule and not rules_broken and basis.rule not in rules:
                    yield catalog.problem_at(kind, entry.id, (*path, "rule"),
                              f"未知的推断规则 '{basis.rule}'，规则写在 taxonomy/{RULES_FILE_ID}.yaml "
                              f"(unknown inference rule){did_you_mean(basis.rule, rules)}")


def _bases(entry, field: str):
    if field == "kind":
        return [(None, entry.basis.kind)] if entry.basis.kind else []
    return list(getattr(entry.basis, field).items())


def _missing(catalog: Catalog, kind: str, entry, field: str, name: str) -> Iterator[Problem]:
    if field == "kind":
        if entry.basis.kind is None and entry.kind in catalog.taxonomy.facet_terms("kind"):
            yield catalog.problem_at(kind, entry.id, ("kind",),
                      f"类型 '{entry.kind}' 没有依据：在 basis.kind 下写 {{source, quote}}（来源原话）或 {{rule}}（推断规则） "
                      f"(the kind needs a basis)")
        return
    given = getattr(entry.basis, field)
    known = catalog.taxonomy.facet_terms(FACET_FIELDS[field])
    for i, value in enumerate(getattr(entry, field)):
        if value not in given and value in known:  # an unknown id is reported once, by checks.py
            yield catalog.problem_at(kind, entry.id, (field, i),
                      f"{name} '{value}' 没有依据：在 basis.{field}.{value} 下写 {{source, quote}}（来源原话）"
                      f"或 {{rule}}（推断规则） (every value needs a basis: a quote or a rule)")


def _unused(catalog: Catalog, kind: str, entry, field: str, name: str) -> Iterator[Problem]:
    if field == "kind":
        return
    present = set(getattr(entry, field))
    for key in getattr(entry.basis, field):
        if key not in present:
            yield catalog.problem_at(kind, entry.id, ("basis", field, key),
                      f"basis.{field} 写了 '{key}'，但 {field} 中没有这个值：删去依据或把值加进 {field} "
                      f"(a basis for a value the entry does not have){did_you_mean(key, present)}")


def _duplicate_rules(catalog: Catalog) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, rule in enumerate(catalog.taxonomy.rulebook.rules if catalog.taxonomy.rulebook else []):
        if rule.id in seen:
            yield catalog.problem_at("taxonomy", RULES_FILE_ID, ("rules", i, "id"),
                      f"推断规则 id '{rule.id}' 重复 (duplicate rule id)")
        seen.add(rule.id)
