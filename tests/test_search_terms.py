"""What the search knows beyond the entries' words, as written into the facet index (no browser)."""

from __future__ import annotations

import datetime as dt

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from catalog_plugins.facets import build_facet_index
from catalog_plugins.search_terms import fold_table

INDEX = build_facet_index(load_catalog(DEFAULT_DATA_DIR).catalog, dt.date(2026, 11, 21))


def test_the_fold_table_maps_traditional_to_simplified_only_for_characters_the_index_uses():
    fold = INDEX["fold"]
    table = dict(zip(fold["from"], fold["to"]))
    assert table["學"] == "学" and table["線"] == "线" and table["課"] == "课"
    assert len(fold["from"]) == len(fold["to"]) == len(table)
    assert fold_table("学") == {"from": "學", "to": "学"}  # only what the text can match
    assert fold_table("abc") == {"from": "", "to": ""}


def test_each_facet_value_carries_the_words_it_is_found_by():
    facets = {f["key"]: f for f in INDEX["facets"]}
    for facet in facets.values():
        assert len(facet["words"]) == len(facet["values"])
    science = facets["discipline"]["values"].index(next(v for v in facets["discipline"]["values"] if v[0] == "ug-07"))
    assert "数学类" in facets["discipline"]["words"][science] and "Science" in facets["discipline"]["words"][science]
    lab = next(i for i, v in enumerate(facets["kind"]["values"]) if v[0] == "virtual-lab-collection")
    assert "Virtual lab course collection" in facets["kind"]["words"][lab]
    assert ["慕课", "mooc"] in INDEX["synonyms"]
