"""The header search: Material's search box and dialog, answered by the catalog's own search.

Material's search worker (lunr over jieba-segmented page text) cannot rank an entry's name above the
pages that mention it, knows no pinyin and splits 中国大学MOOC into 中国 + 大学. The theme loads its
worker from the URL in each page's `__config`; the plugin points that URL at
assets/catalog/search-worker.js, which answers the same messages from the facet index /catalog/
uses (entries, ranked by search-core.js as /catalog/ ranks them) plus Material's documents for the
other pages. So both search boxes agree, and entries are searched from one compact index.

Entry pages are left out of Material's index (the facet index covers them), and so are the second
and later pages of a listing (their first page stands for them): that keeps the index small at
25,000 entries.
"""

from __future__ import annotations

import re

from catalog_plugins.catalog_page import ASSETS_SITE_DIR
from catalog_plugins.pages import PageSpec

ASSET_FILES = ("search-worker.js",)  # next to search-core.js, which catalog_page ships
WORKER = ASSETS_SITE_DIR + "search-worker.js"
_CONTINUATION_PAGE = re.compile(r"/page-\d+\.md$")
# Material's worker in the page's `__config` JSON: "search": "../assets/javascripts/workers/search.<hash>.min.js"
_THEME_WORKER = re.compile(r'("search":\s*"[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


def excluded_from_theme_index(spec: PageSpec) -> bool:
    """Whether a generated page stays out of Material's search index (the worker finds it otherwise)."""
    return spec.role == "entry" or bool(_CONTINUATION_PAGE.search(spec.src_uri))


def use_catalog_worker(html: str) -> tuple[str, bool]:
    """The page with the theme's search worker replaced by the catalog's, and whether it had one."""
    html, count = _THEME_WORKER.subn(lambda m: f'{m.group(1)}{WORKER}"', html, count=1)
    return html, count > 0


def worker_settings(strings, catalog_index: str) -> dict:
    """What the worker reads from the search index's config: where the entries are, and its words.

    `catalog_index` is the facet index's path from the site root.
    """
    back_to_root = "../" * WORKER.count("/")
    return {
        "catalog_index": back_to_root + catalog_index,
        "catalog_page": catalog_index.rsplit("/", 1)[0] + "/",
        "catalog_types": {"platform": strings["cc_type_platform"], "resource": strings["cc_type_resource"]},
        "catalog_aliases": strings["aliases"] + strings["colon"],
        "catalog_see_all": strings["hs_see_all"],
    }
