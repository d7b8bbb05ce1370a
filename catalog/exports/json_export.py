"""`export --format json`: the catalog document as UTF-8 JSON, Chinese kept as written."""

from __future__ import annotations

import datetime as dt
import json

from catalog.catalog import Catalog
from catalog.exports.document import catalog_document

FILE_NAME = "catalog.json"


def document_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render(catalog: Catalog, as_of: dt.date, mask_personal_mobiles: bool) -> dict[str, bytes]:
    return {FILE_NAME: document_bytes(catalog_document(catalog, as_of, mask_personal_mobiles))}
