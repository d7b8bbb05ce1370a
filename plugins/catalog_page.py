"""The HTML of the /catalog/ page: search box, filter controls with counts, result list, no-JS way out.

Contract (for the plugin, part A):

    html = render_catalog_page(index, site_root="../", listings=[("按学段浏览", "levels/"), ...],
                               language="zh")

- `index` is `plugins.facets.build_facet_index(catalog, as_of)`; write `facet_index_json(index)` to
  `site/catalog/facets.json` (FACET_INDEX_FILE, next to the page; `index_url` if elsewhere).
- `site_root` is the page's relative URL of the site root ("../" for /catalog/ with directory URLs).
- `listings` are (label, URL relative to the site root) of the listing pages; they are the way to
  every entry without JavaScript, and are shown on the page in any case.
- Copy every file of ASSETS_DIR (catalog.js, catalog.css) to `site/` + ASSETS_SITE_DIR; the page
  links them itself (a stylesheet <link> and a <script> after the page's markup, run before Material's
  bundle so that Material's search does not take the catalog's `?q=`), so nothing goes in mkdocs.yml.
- Put the string in as the page's HTML body after Markdown (e.g. `on_page_content` returning it for
  the catalog page), not through Markdown. Material's `navigation.instant` must stay off: it swaps
  pages without running page scripts.

Every text here is escaped; the entries' own text never enters this HTML (catalog.js reads it from
the JSON and renders it with DOM text nodes).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Iterable

from catalog_plugins.facets import FACET_INDEX_FILE
from catalog_plugins.strings import ui_strings

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
ASSET_FILES = ("search-core.js", "catalog.js", "catalog.css")  # search-core.js: the header search's too

# On a phone the open value lists push the results a few screens down: they start folded (catalog.js
# reopens the ones a shared link selects). Until the script right after the form has closed them, the
# stylesheet hides their values on small screens: a busy browser may paint the form before it parses
# that script, and catalog.js may arrive later still; either way nothing moves when they fold.
_FOLD_ON_PHONES = ('<script>if (window.matchMedia && window.matchMedia("(max-width: 600px)").matches) '
                   'document.querySelectorAll("#cc-form details.cc-facet")'
                   '.forEach(function (details) { details.open = false; });'
                   'document.getElementById("cc-form").classList.add("cc-folded");</script>')
ASSETS_SITE_DIR = "assets/catalog/"
OPEN_FACETS = {"level", "kind", "free"}  # shown open; the longer lists start folded on small screens


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _value_item(facet: str, value: list) -> str:
    value_id, name, _group, count = value
    dom_id = f"cc-{facet}-{value_id}"
    zero = " cc-zero" if count == 0 else ""
    return (f'<li class="cc-value{zero}"><input type="checkbox" id="{_attr(dom_id)}" name="{_attr(facet)}" '
            f'value="{_attr(value_id)}">'
            f'<label for="{_attr(dom_id)}">{escape(name)} '
            f'<span class="cc-count">{count}</span></label></li>')


def _free_hint(spec: dict, text: dict, as_of: str) -> str:
    """What "free now" means, said beside it: on which day, and which periods count."""
    hint = text["free_hint"].format(date=as_of)
    if not any(value[3] for value in spec["values"]):
        hint += text["free_none"]
    return f'<p class="cc-hint cc-free-hint">{escape(hint)}</p>'


def _facet_block(spec: dict, hint: str = "") -> str:
    key, title, groups, values = spec["key"], spec["name"], spec["groups"], spec["values"]
    parts = [f'<details class="cc-facet" data-facet="{_attr(key)}"{" open" if key in OPEN_FACETS else ""}>',
             f'<summary>{escape(title)}</summary>',
             f'<fieldset><legend class="cc-visually-hidden">{escape(title)}</legend>']
    for group_index, group in enumerate(groups):
        items = [v for v in values if v[2] == group_index]
        if not items:
            continue
        if len(groups) > 1:
            heading_id = f"cc-{key}-group-{group_index}"
            parts.append(f'<div role="group" class="cc-group" aria-labelledby="{heading_id}">'
                         f'<p class="cc-group-name" id="{heading_id}">{escape(group)}</p>')
        parts.append('<ul class="cc-values">' + "".join(_value_item(key, v) for v in items) + "</ul>")
        if len(groups) > 1:
            parts.append("</div>")
    parts.append(hint + "</fieldset></details>")
    return "".join(parts)


def _stated_only_option(text: dict) -> str:
    """The box that leaves inferred values (catalog/provenance.py) out of the filters (catalog.js)."""
    return (f'<p class="cc-stated-only"><input type="checkbox" id="cc-stated" name="stated" value="1" '
            f'aria-describedby="cc-stated-hint"><label for="cc-stated">{escape(text["stated_only"])}</label>'
            f'<span class="cc-hint" id="cc-stated-hint">{escape(text["stated_only_hint"])}</span></p>')


def render_catalog_page(index: dict, site_root: str = "../", listings: Iterable[tuple[str, str]] = (),
                        language: str = "zh", assets_url: str | None = None,
                        index_url: str = FACET_INDEX_FILE) -> str:
    """The catalog page body (see the module docstring for how the plugin uses it)."""
    strings = ui_strings(language)
    text = {key[len("cc_"):]: value for key, value in strings.items() if key.startswith("cc_")}
    assets = assets_url if assets_url is not None else site_root + ASSETS_SITE_DIR
    total = len(index["entries"]["id"])
    type_names = [text.get(f"type_{kind}", kind) for kind, _ in index["types"]]
    data_attrs = {
        "data-index": index_url, "data-root": site_root,
        "data-text-count": text["count"], "data-text-shown": text["shown"], "data-text-failed": text["failed"],
        "data-text-none": text["none"], "data-text-free": text["free_badge"],
        "data-text-types": "|".join(type_names), "data-text-loading": text["loading"],
        "data-text-way-out": text["way_out"], "data-text-drop": text["drop"],
        "data-text-drop-search": text["drop_search"], "data-text-no-way": text["no_way"],
        "data-text-colon": strings["colon"], "data-text-or": text["or"],
        "data-text-elsewhere": text["elsewhere"], "data-text-search-site": text["search_site"],
        "data-text-try-words": text["try_words"],
    }
    attrs = " ".join(f'{name}="{_attr(value)}"' for name, value in data_attrs.items())
    listing_items = "".join(f'<li><a href="{_attr(site_root + url)}">{escape(label)}</a></li>'
                            for label, url in listings)
    return "\n".join([
        f'<link rel="stylesheet" href="{_attr(assets + "catalog.css")}">',
        f'<div class="cc-catalog" id="cc-catalog" {attrs}>',
        # Without JavaScript the form and the result list are hidden from the first paint and the page
        # says only that the listings below lead on; with it nothing appears late above the results.
        '<noscript><style>#cc-form, #cc-status, #cc-results { display: none; }</style>'
        f'<p class="cc-noscript">{escape(text["noscript"])}</p></noscript>',
        f'<form class="cc-form" id="cc-form" role="search" aria-label="{_attr(text["form"])}">',
        '<div class="cc-search">',
        f'<label for="cc-q">{escape(text["search"])}</label>',
        f'<input type="search" id="cc-q" name="q" autocomplete="off" spellcheck="false" enterkeyhint="search" '
        f'placeholder="{_attr(text["placeholder"])}" aria-describedby="cc-q-hint">',
        f'<p class="cc-hint" id="cc-q-hint">{escape(text["search_hint"])}</p>',
        "</div>",
        '<div class="cc-facets">' + "".join(
            _facet_block(spec, _free_hint(spec, text, index["as_of"]) if spec["key"] == "free" else "")
            for spec in index["facets"] if spec["values"])
        + "</div>",
        _stated_only_option(text),
        f'<p class="cc-as-of">{escape(text["as_of"].format(date=index["as_of"]))}</p>',
        f'<button type="reset" class="cc-reset">{escape(text["reset"])}</button>',
        "</form>",
        _FOLD_ON_PHONES,
        f'<p class="cc-status" id="cc-status" role="status" aria-live="polite" aria-atomic="true" '
        f'data-total="{total}" tabindex="-1"></p>',
        '<div class="cc-way-out" id="cc-way-out" hidden></div>',
        f'<h2 class="cc-visually-hidden" id="cc-results-title">{escape(text["results"])}</h2>',
        '<ol class="cc-results" id="cc-results" aria-labelledby="cc-results-title"></ol>',
        f'<button type="button" class="cc-more" id="cc-more" hidden>{escape(text["more"])}</button>',
        f'<nav class="cc-browse" aria-labelledby="cc-browse-title"><h2 id="cc-browse-title">'
        f'{escape(text["browse"])}</h2><ul>{listing_items}</ul></nav>',
        "</div>",
        # Not deferred: it must run before Material's bundle (at the end of <body>) reads `?q=`.
        f'<script src="{_attr(assets + "search-core.js")}"></script>',
        f'<script src="{_attr(assets + "catalog.js")}"></script>',
    ])
