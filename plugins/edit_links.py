""""Edit this entry" addresses: each entry's own YAML file in the repository, from repo_url and edit_uri.

MkDocs' edit_uri points at the docs folder (e.g. `edit/main/docs/`); an entry file lives elsewhere in the
same repository, so the docs folder part is swapped for the file's path from the repository root (the
folder of mkdocs.yml). Where that cannot be worked out, entries get no edit link rather than a wrong one.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, urljoin


def repository_edit_base(repo_url: str | None, edit_uri: str | None, docs_dir: str, root: Path) -> str | None:
    """The address that a path from the repository root is appended to, or None."""
    if not repo_url or not edit_uri:
        return None
    docs = Path(os.path.relpath(docs_dir, root)).as_posix().strip("/") + "/"
    uri = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if docs.startswith("../") or not uri.endswith(docs):
        return None
    return urljoin(repo_url.rstrip("/") + "/", uri[: len(uri) - len(docs)])


def entry_edit_urls(locations, base: str | None, root: Path) -> dict[str, str]:
    """{"platform/icourse163": address of its YAML file's edit page} for every loaded entry."""
    if base is None:
        return {}
    urls = {}
    for (kind, entry_id), location in locations.items():
        try:
            relative = Path(location.file).resolve().relative_to(root.resolve())
        except ValueError:  # a data folder outside the repository: nothing to link to
            continue
        urls[f"{kind}/{entry_id}"] = base + quote(relative.as_posix())
    return urls
