"""The README's build command on the real catalog: a strict MkDocs build of the shipped site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1581465600", "NO_MKDOCS_2_WARNING": "1"}  # 2020-02-12
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def test_every_entry_of_the_catalog_has_its_page(real_site):
    from catalog.loader import load_catalog

    catalog = load_catalog(REPO / "catalog" / "data").catalog
    for kind, folder in (("platform", "platforms"), ("resource", "resources"), ("source", "sources")):
        for entry_id in catalog.by_kind(kind):
            assert (real_site / folder / entry_id / "index.html").is_file(), (kind, entry_id)


def test_the_henan_contacts_and_a_free_period_on_the_day_the_notice_was_reposted(real_site):
    page = (real_site / "platforms" / "icourse163" / "index.html").read_text(encoding="utf-8")
    assert "2020年春季学期" in page and "免费中" in page  # as of 2020-02-12
    # A person's mobile, published by the notice for schools to call: in full, and dialable from abroad.
    assert "15901156289" in page and "159****6289" not in page
    assert 'href="tel:+86-15901156289"' in page
    contacts = (real_site / "contacts" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+86-4008980910"' in contacts  # the national cloud platform's hotline


def test_catalog_json_and_downloads_are_published(real_site):
    document = json.loads((real_site / "catalog.json").read_text(encoding="utf-8"))
    assert "icourse163" in {p["id"] for p in document["platforms"]}
    assert any((real_site / "downloads").iterdir())
