"""Privacy in every export: personal mobiles masked on request, withdrawn people left out entirely."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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


SITE_CONFIG = """\
site_name: 隐私测试
docs_dir: docs
site_dir: site
theme:
  name: material
  language: zh
plugins:
  - search
  - course-catalog:
      data_dir: data
      mask_personal_mobiles: true
"""


def test_the_built_site_masks_and_withdraws_in_every_page_and_download(tmp_path):
    write_catalog(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1583020800", "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    site = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes().decode("utf-8", "replace")
            for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert {"catalog.json", "downloads/contacts.csv", "downloads/contacts.vcf"} <= set(site)
    for name, text in site.items():
        assert FACTS["person_mobile"] not in text, name
        for withdrawn in (FACTS["withdrawn_name"], FACTS["withdrawn_mobile"], "1174755691"):
            assert withdrawn not in text, (name, withdrawn)
    pages = [text for name, text in site.items() if name.endswith(".html") and FACTS["person_name"] in text]
    assert pages, "the person is still listed on some page"
    assert any(FACTS["person_mobile_masked"] in text for text in pages)
    assert any(FACTS["unit_mobile"] in text and FACTS["hotline"] in text for text in pages)
