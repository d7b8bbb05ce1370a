"""Privacy in every export: personal mobiles masked on request, withdrawn people left out entirely."""

from __future__ import annotations

import json

import pytest

from catalog.exports import FORMATS, render_export
from test_exports_catalog import AS_OF, FACTS, load, write_catalog


def everything(catalog, mask: bool) -> dict[str, str]:
    """Every file of every export, as text."""
    texts = {}
    for fmt in FORMATS:
        for name, data in render_export(fmt, catalog, as_of=AS_OF, mask_personal_mobiles=mask).items():
            texts[name] = data.decode("utf-8-sig")
    return texts


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load(write_catalog(tmp_path_factory.mktemp("privacy")))


def test_masking_hides_personal_mobiles_in_every_export_and_keeps_unit_numbers(catalog):
    masked = everything(catalog, mask=True)
    assert set(masked) >= {"catalog.json", "contacts.csv", "contacts.vcf", "free-periods.ics"}
    for name, text in masked.items():
        assert FACTS["person_mobile"] not in text, name
    for name in ("catalog.json", "contacts.csv", "contacts.vcf"):
        text = masked[name]
        assert FACTS["person_mobile_masked"] in text, name
        assert FACTS["unit_mobile"] in text, name  # a unit's mobile is not a person's
        assert FACTS["hotline"] in text, name
        assert FACTS["landline"] in text, name  # a person's office landline stays
        assert FACTS["person_name"] in text, name
    document = json.loads(masked["catalog.json"])
    assert document["masked_personal_mobiles"] is True


def test_without_the_option_numbers_are_published_as_written(catalog):
    plain = everything(catalog, mask=False)
    for name in ("catalog.json", "contacts.csv", "contacts.vcf"):
        assert FACTS["person_mobile"] in plain[name], name
        assert FACTS["person_mobile_masked"] not in plain[name], name


@pytest.mark.parametrize("mask", [False, True])
def test_a_withdrawn_person_is_in_no_export(catalog, mask):
    for name, text in everything(catalog, mask).items():
        assert FACTS["withdrawn_name"] not in text, name
        assert FACTS["withdrawn_mobile"] not in text, name
        assert "1174755691" not in text, name  # the withdrawn person's QQ
        assert "withdrawn" not in text, name  # not even the fact of the request
