"""Where the catalog's own files live inside the package.

DEFAULT_DATA_DIR is the catalog this package ships (this repository's data, the taxonomy `init` copies);
commands never default to it: they act on the current project (catalog/project.py).
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_DATA_DIR = PACKAGE_DIR / "data"
SCHEMA_DIR = PACKAGE_DIR / "schemas"

# The entry kinds and the folder each lives in, below the data folder.
ENTRY_FOLDERS = {"source": "sources", "platform": "platforms", "resource": "resources"}
TAXONOMY_FOLDER = "taxonomy"

# Names the site itself uses beside entry pages (platforms/index.html, levels/primary/page-2/, ...).
RESERVED_IDS = frozenset({"index", "assets", "search", "page"})

# Link-check results: kept apart from the entries, written only by `check-links`. This repository's own
# state file; `check-links` gets the current project's (catalog.project) from the command line.
DEFAULT_LINK_STATE = PACKAGE_DIR / "state" / "links.json"
