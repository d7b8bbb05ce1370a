"""Material's search index, stored as UTF-8 instead of \\uXXXX escapes.

The index downloads whole on a visitor's first search. Material writes it ASCII-escaped, which
costs six bytes for every Chinese character and for every \\u200b that jieba's segmentation adds;
UTF-8 needs three. The JSON means exactly the same, key order included.
"""

from __future__ import annotations

import json
from pathlib import Path

from catalog.atomic import write_text_atomic

SEARCH_INDEX = Path("search") / "search_index.json"


def store_as_utf8(site_dir: Path) -> None:
    path = site_dir / SEARCH_INDEX
    if not path.is_file():  # search plugin not enabled
        return
    document = json.loads(path.read_text(encoding="utf-8"))
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
