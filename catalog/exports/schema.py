"""The published JSON Schema of the JSON export, catalog/schemas/catalog.schema.json.

Regenerate after changing a model: `python -m catalog.exports.schema` (a test fails while stale).
"""

from __future__ import annotations

import json
import os
import sys

from catalog.exports.document import SCHEMA_ID, document_schema
from catalog.paths import SCHEMA_DIR

SCHEMA_FILE = SCHEMA_DIR / SCHEMA_ID


def schema_text() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema() -> None:
    tmp = SCHEMA_FILE.with_name(f".{SCHEMA_FILE.name}.{os.getpid()}.tmp")
    tmp.write_text(schema_text(), encoding="utf-8")
    os.replace(tmp, SCHEMA_FILE)


if __name__ == "__main__":
    write_schema()
    print(f"已写入 (written): {SCHEMA_FILE}", file=sys.stderr)
