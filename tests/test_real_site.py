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
    # the site's default: numbers published for schools to call are in the data in full, too
    assert document["masked_personal_mobiles"] is False
    assert "13939909533" in (real_site / "catalog.json").read_text(encoding="utf-8")
    assert any((real_site / "downloads").iterdir())


# --- publishing under the project's address (site_url, repo_url, edit_uri in mkdocs.yml) ---------------

def _site_url() -> str:
    import yaml

    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def _pages(site: Path) -> dict[str, Path]:
    """Every HTML page by its address under site_url (use_directory_urls), the 404 page aside."""
    return {_site_url() + page.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if page.parent != site else ""):
            page for page in site.rglob("index.html")}


def test_the_sitemap_lists_every_page_and_every_page_names_its_canonical_address(real_site):
    import re

    listed = re.findall(r"<loc>([^<]+)</loc>", (real_site / "sitemap.xml").read_text(encoding="utf-8"))
    pages = _pages(real_site)
    assert len(pages) > 100 and sorted(listed) == sorted(pages)
    for address, page in pages.items():
        assert f'<link rel="canonical" href="{address}">' in page.read_text(encoding="utf-8"), page


def test_the_404_page_finds_its_styles_and_scripts_from_any_depth_under_the_sub_path(real_site):
    import re
    from urllib.parse import urljoin, urlsplit

    mount = urlsplit(_site_url()).path  # e.g. /course-catalog/
    assert mount != "/"
    text = (real_site / "404.html").read_text(encoding="utf-8")
    local = [ref for ref in re.findall(r'(?:href|src)="([^"#]+)"', text) if not urlsplit(ref).scheme]
    assert any(ref.endswith(".css") for ref in local) and any(ref.endswith(".js") for ref in local)
    for missing in (f"{mount}no-such-page", f"{mount}a/b/c/no-such-page/"):  # where GitHub Pages shows it
        for ref in local:
            path = urlsplit(urljoin(missing, ref)).path
            assert path.startswith(mount), (missing, ref)
            target = real_site / path[len(mount):]
            assert (target / "index.html" if path.endswith("/") else target).is_file(), (missing, ref)


def test_every_entry_page_links_to_its_own_yaml_file_for_editing(real_site):
    import re

    from catalog.loader import load_catalog

    catalog = load_catalog(REPO / "catalog" / "data").catalog
    folders = {"platform": "platforms", "resource": "resources", "source": "sources"}
    for (kind, entry_id), location in catalog.locations.items():
        if kind not in folders:
            continue
        page = (real_site / folders[kind] / entry_id / "index.html").read_text(encoding="utf-8")
        [link] = re.findall(r'<a href="([^"]+)"[^>]*>编辑此条目</a>', page)
        assert link.startswith("https://github.com/course-catalog/course-catalog/edit/main/"), link
        assert link.rsplit("/edit/main/", 1)[1] == location.file.resolve().relative_to(REPO).as_posix()
        assert re.search(f'<a href="{re.escape(link)}" [^>]*class="md-content__button', page)  # the theme's too
