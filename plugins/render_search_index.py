"""Material's search index, finished for the catalog's search worker (plugins/header_search.py).

- Stored as UTF-8 instead of \\uXXXX escapes: Material writes it ASCII-escaped, six bytes for every
  Chinese character where UTF-8 needs three.
- Without the \\u200b marks that Material puts between jieba's segments: they served lunr, and the
  catalog's worker matches text as written. Removing them gives back the original text exactly.
- With the worker's settings in `config` (Material hands `config` to the worker unchanged): where the
  entries' index is, and the words it shows.

The documents keep their order and everything else, so Material's own worker could still read it.
"""

from __future__ import annotations

import json
from pathlib import Path

from catalog.atomic import write_text_atomic

SEARCH_INDEX = Path("search") / "search_index.json"
_SEGMENT_MARK = "\u200b"


def finish(site_dir: Path, worker_settings: dict | None = None) -> None:
    path = site_dir / SEARCH_INDEX
    if not path.is_file():  # search plugin not enabled
        return
    document = json.loads(path.read_text(encoding="utf-8"))
    if worker_settings:
        document.setdefault("config", {}).update(worker_settings)
        for doc in document.get("docs", []):
            for field in ("title", "text"):
                if isinstance(doc.get(field), str):
                    doc[field] = doc[field].replace(_SEGMENT_MARK, "")
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
