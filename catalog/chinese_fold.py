"""Traditional characters and their simplified forms, one to one: OpenCC's character table.

The table is TSCharacters of the installed `opencc` package (opencc-python-reimplemented), each
traditional character to its first simplified one; entries that are phrases are left out, so folding
a text keeps its length. The notice recognisers (catalog_scrapers) and the site's search
(catalog_plugins) both fold with it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def simplified_of() -> dict[str, str]:
    """Traditional character -> its simplified form, for every single-character pair that differs."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]:
            table[parts[0]] = parts[1]
    return table
