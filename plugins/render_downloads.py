"""The catalog as data on the site: site/catalog.json (the documented JSON export) and site/downloads/.

The files come from `catalog.exports`, the same code as `python -m catalog export`, so the site and
the command line publish the same bytes under the same privacy rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from catalog.catalog import Catalog
from catalog.exports import render_export
from catalog.exports.schema import schema_text

CATALOG_JSON = "catalog.json"
SCHEMA_JSON = "catalog.schema.json"
DOWNLOADS_DIR = "downloads"

# (UI string key, path under the site root) in the order the home page lists them.
LINKS = (
    ("download_json", CATALOG_JSON),
    ("download_schema", SCHEMA_JSON),
    ("download_csv", f"{DOWNLOADS_DIR}/resources.csv"),
    ("download_vcard", f"{DOWNLOADS_DIR}/contacts.vcf"),
    ("download_ical", f"{DOWNLOADS_DIR}/free-periods.ics"),
)
# What the contacts page offers at its top: a school takes the numbers into a phone or a spreadsheet.
CONTACT_LINKS = (
    ("download_vcard", f"{DOWNLOADS_DIR}/contacts.vcf"),
    ("download_contacts_csv", f"{DOWNLOADS_DIR}/contacts.csv"),
)


def data_files(catalog: Catalog, as_of: dt.date, mask_personal_mobiles: bool):
    """Every data file of the site as (path under the site root, bytes), one format at a time."""
    for fmt in ("json", "csv", "vcard", "ical"):
        rendered = render_export(fmt, catalog, as_of=as_of, mask_personal_mobiles=mask_personal_mobiles)
        for name in sorted(rendered):
            # the JSON document sits at the site root (catalog.json), the rest under downloads/
            yield (name if fmt == "json" else f"{DOWNLOADS_DIR}/{name}"), rendered[name]
    yield SCHEMA_JSON, schema_text().encode("utf-8")


def write_data_files(catalog: Catalog, site_dir: Path, as_of: dt.date, mask_personal_mobiles: bool) -> None:
    for relative, data in data_files(catalog, as_of, mask_personal_mobiles):
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
