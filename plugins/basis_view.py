"""Rows for an entry page's "依据" section: each classified value with its basis (catalog/provenance.py)."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.catalog import Catalog
from catalog.models import Basis
from catalog.provenance import BASIS_FIELDS, values_of
from catalog.taxonomy import FACET_FIELDS, InferenceRule


@dataclass(frozen=True)
class BasisRow:
    field: str        # kind, levels, disciplines, regions, themes
    field_name: str   # 类型, 学段, ...
    value: str
    term_name: str
    basis: Basis
    rule: InferenceRule | None


def basis_rows(catalog: Catalog, entry) -> list[BasisRow]:
    """Every value the entry has a basis for, in field order and the entry's own value order."""
    rows = []
    for field, field_name in BASIS_FIELDS.items():
        for value in values_of(entry, field):
            basis = entry.basis.of(field, value)
            if basis is None:
                continue
            rule = catalog.taxonomy.rules.get(basis.rule) if basis.rule else None
            rows.append(BasisRow(field, field_name, value, catalog.taxonomy.name(FACET_FIELDS[field], value),
                                 basis, rule))
    return rows
