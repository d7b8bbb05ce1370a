"""The published JSON Schema of the JSON export, catalog/schemas/catalog.schema.json.

Regenerate after changing a model: `python -m catalog schema -o catalog/schemas` (a test fails while stale).
"""

from __future__ import annotations

from catalog.exports.document import SCHEMA_ID
from catalog.paths import SCHEMA_DIR
from catalog.schema import schema_text as _kind_schema_text

SCHEMA_FILE = SCHEMA_DIR / SCHEMA_ID


def schema_text() -> str:
    return _kind_schema_text("catalog")
