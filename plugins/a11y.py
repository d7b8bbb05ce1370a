"""Finishing touches to every built page that the theme leaves out, for keyboard and screen-reader users.

- A skip link where Material has none (it only adds one when the page's Markdown has headings, and
  generated pages have none): to the filter on /catalog/, to the page title elsewhere.
- Wide tables: Material wraps them in a scrolling box in the browser; `SCRIPT` gives each box a
  keyboard stop and a name, so that keyboard users can scroll it too.
- The search dialog gets an accessible name (Material's `<div class="md-search" role="dialog">`
  has none). If the theme's markup changes, the page is left as it is.
"""

from __future__ import annotations

import json
import re
from html import escape

SCRIPT_PATH = "assets/course-catalog/a11y.js"
_SCRIPT = """\
/* Material wraps wide tables in a scrolling box once its bundle runs: give each box a keyboard stop
   and a name (plugins/a11y.py), so the table scrolls by keyboard too. */
(function () {
  "use strict";
  var LABEL = %s;
  function label() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].tabIndex = 0;
      boxes[i].setAttribute("role", "region");
      boxes[i].setAttribute("aria-label", LABEL);
    }
  }
  label();
  document.addEventListener("DOMContentLoaded", label);
  window.addEventListener("load", label);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(label);
})();
"""


def script(table_label: str) -> str:
    """The page script, with the scrolling box's name in the site's language."""
    return _SCRIPT % json.dumps(table_label, ensure_ascii=False)

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
