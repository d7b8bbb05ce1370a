"""Pages load nothing from other hosts: the theme's repository link stays a plain link.

Material turns its header link to `repo_url` into a widget that asks the code host's API (GitHub,
GitLab, ...) for stars and forks from every reader's browser. The catalog promises a site that works
offline and tells no third party who reads it, so the link loses the hook that starts those requests
(`data-md-component="source"`); its address, icon and name stay. If the theme's markup changes, the page
is left as it is.
"""

from __future__ import annotations

import re

_SOURCE_WIDGET = re.compile(r'(<a\b[^>]*\bclass="md-source")\s+data-md-component="source"')


def plain_repository_link(page_html: str) -> str:
    return _SOURCE_WIDGET.sub(r"\1", page_html)
