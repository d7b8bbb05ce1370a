"""Where an entry page's "编辑此条目" link points, from mkdocs.yml's repo_url and edit_uri."""

from __future__ import annotations

from pathlib import Path

from catalog.catalog import EntryLocation
from catalog_plugins.edit_links import entry_edit_urls, repository_edit_base


def locations(root: Path) -> dict:
    return {("platform", "icourse163"): EntryLocation(root / "catalog/data/platforms/icourse163.yaml", "", None),
            ("source", "outside"): EntryLocation(root.parent / "elsewhere/outside.yaml", "", None)}


def test_the_docs_folder_of_edit_uri_is_swapped_for_the_entry_files_path(tmp_path):
    base = repository_edit_base("https://github.com/o/r/", "edit/main/docs/", str(tmp_path / "docs"), tmp_path)
    assert base == "https://github.com/o/r/edit/main/"
    urls = entry_edit_urls(locations(tmp_path), base, tmp_path)
    assert urls == {"platform/icourse163": "https://github.com/o/r/edit/main/catalog/data/platforms/icourse163.yaml"}


def test_no_link_rather_than_a_wrong_one(tmp_path):
    docs = str(tmp_path / "docs")
    assert repository_edit_base(None, "edit/main/docs/", docs, tmp_path) is None  # no repository
    assert repository_edit_base("https://github.com/o/r", "", docs, tmp_path) is None  # editing switched off
    assert repository_edit_base("https://github.com/o/r", "edit/main/site-src/", docs, tmp_path) is None
    assert entry_edit_urls(locations(tmp_path), None, tmp_path) == {}
