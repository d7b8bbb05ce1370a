"""Traditional and simplified characters read alike: a one-to-one fold, so offsets stay those of the text.

Recognisers match labels (聯繫人, 電話, 網址, 號) and names on the folded text, and take the values
they quote from the text as published. The table is OpenCC's character table (TSCharacters), each
traditional character to its first simplified one; phrases that change length are left out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
            table[ord(parts[0])] = parts[1]
    # quotation marks of traditional typesetting, as simplified text writes them
    table.update({ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"})
    return table


def fold(text: str) -> str:
    """`text` in simplified characters, the same length."""
    return text.translate(_table())
