"""Finishing touches to every built page that the theme leaves out, for keyboard and screen-reader users.

- A skip link where Material has none (it only adds one when the page's Markdown has headings, and
  generated pages have none): to the filter on /catalog/, to the page title elsewhere.
- The search dialog gets an accessible name (Material's `<div class="md-search" role="dialog">`
  has none). If the theme's markup changes, the page is left as it is.
"""

from __future__ import annotations

import re
from html import escape

_EMPTY_SKIP = re.compile(r'(<div data-md-component="skip">)\s*(</div>)')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def add_skip_link(page_html: str, target_id: str, label: str) -> str:
    """Fill Material's empty skip slot with a link to `#target_id` (only if the page has that id)."""
    if f'id="{target_id}"' not in page_html:
        return page_html
    link = f'<a href="#{escape(target_id)}" class="md-skip">{escape(label)}</a>'
    return _EMPTY_SKIP.sub(lambda m: m.group(1) + link + m.group(2), page_html, count=1)


def name_search_dialog(page_html: str, label: str) -> str:
    named = _SEARCH_DIALOG[:-1] + f' aria-label="{escape(label)}">'
    return page_html.replace(_SEARCH_DIALOG, named, 1)
