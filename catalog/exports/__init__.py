"""Exports of the catalog for people and programs beyond the site: JSON, CSV, vCard, iCalendar.

`render_export` gives every file of one format as bytes, keyed by file name; the command line writes
them to disk and the site's plugin writes them into site/downloads/. Both pass through the same
privacy rules (`catalog.privacy`), so a withdrawal or the masking option holds in every file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from catalog.catalog import Catalog
from catalog.exports import csv_export, ical_export, json_export, vcard_export
from catalog.exports.document import FORMAT_VERSION, CatalogDocument, catalog_document

RENDERERS = {
    "json": json_export.render,
    "csv": csv_export.render,
    "vcard": vcard_export.render,
    "ical": ical_export.render,
}
FORMATS = tuple(RENDERERS)


def render_export(fmt: str, catalog: Catalog, *, as_of: dt.date,
                  mask_personal_mobiles: bool = False) -> dict[str, bytes]:
    """Every file of the export in `fmt`: relative file name -> bytes. Same input, same bytes."""
    if fmt not in RENDERERS:
        raise ValueError(f"未知的导出格式 “{fmt}”，可用：{', '.join(FORMATS)} (unknown export format)")
    return RENDERERS[fmt](catalog, as_of, mask_personal_mobiles)


def zip_files(files: dict[str, bytes], as_of: dt.date) -> bytes:
    """The files in one zip, dated `as_of` so that the archive is reproducible too."""
    buffer = io.BytesIO()
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


__all__ = ["FORMATS", "FORMAT_VERSION", "CatalogDocument", "catalog_document", "render_export", "zip_files"]
