"""A teacher's filter on the shipped catalog: 本科 + 医学 + the virtual-lab kinds.

The catalog page filters with the facet index (plugins/facets.py); this asks the same index the
question `/catalog/?level=undergraduate&discipline=ug-10&kind=virtual-lab-platform&kind=virtual-lab-collection`
asks, and checks that every answer rests on a source's own words about medicine, not on a reading.
"""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from catalog_plugins.facets import build_facet_index, facet_entries

VIRTUAL_LAB_KINDS = ("virtual-lab-platform", "virtual-lab-collection")
MEDICINE = "ug-10"
# Words of the 本科专业目录 that put a category or a lab theme under 医学.
MEDICAL_WORDS = ("医学", "临床", "护理", "药学", "中医", "公共卫生")


@pytest.fixture(scope="module")
def shipped():
    result = load_catalog(DEFAULT_DATA_DIR)
    assert result.ok, "\n".join(p.render() for p in result.problems)
    catalog = result.catalog
    return catalog, build_facet_index(catalog, dt.date(2026, 11, 29))


def answers(index) -> set[str]:
    labs = set().union(*(facet_entries(index, "kind", kind) for kind in VIRTUAL_LAB_KINDS))
    return labs & set(facet_entries(index, "level", "undergraduate")) & set(facet_entries(index, "discipline", MEDICINE))


def test_undergraduate_medicine_virtual_labs_are_found(shipped):
    _, index = shipped
    found = answers(index)
    # 实验空间 (its 公共卫生与预防医学 special), its course resource, the 2018 projects (临床医学类 among the
    # categories) and the 401 national courses of 教高厅〔2020〕2号.
    assert {"ilab-x", "vsim-projects-2018", "national-virtual-simulation-courses"} <= found


def test_each_medicine_answer_rests_on_a_source_naming_medicine(shipped):
    catalog, index = shipped
    entries = {**catalog.by_kind("platform"), **catalog.by_kind("resource")}
    for entry_id in answers(index):
        basis = entries[entry_id].basis.of("disciplines", MEDICINE)
        assert basis is not None and basis.source in entries[entry_id].sources, entry_id
        assert any(word in basis.quote for word in MEDICAL_WORDS), (entry_id, basis.quote)


def test_a_virtual_lab_collection_without_a_medical_source_stays_out(shipped):
    _, index = shipped
    # The first batch's list (教高函〔2018〕6号 附件) is not in the catalog's text, so no category is known.
    assert "vsim-projects-2017" not in answers(index)
