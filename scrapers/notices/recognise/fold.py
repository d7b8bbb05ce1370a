"""Traditional and simplified characters read alike: a one-to-one fold, so offsets stay those of the text.

Recognisers match labels (聯繫人, 電話, 網址, 號) and names on the folded text, and take the values
they quote from the text as published. The table is OpenCC's character table (TSCharacters), each
traditional character to its first simplified one; phrases that change length are left out.
"""

from __future__ import annotations

from functools import lru_cache

from catalog.chinese_fold import simplified_of


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {ord(traditional): simplified for traditional, simplified in simplified_of().items()}
    # quotation marks of traditional typesetting, as simplified text writes them
    table.update({ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"})
    return table


def fold(text: str) -> str:
    """`text` in simplified characters, the same length."""
    return text.translate(_table())
