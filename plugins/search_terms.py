"""What the search knows beyond the entries' own words, added to the facet index for search-core.js.

- Facet words: a facet value matches by its name and also by its aliases, its English name and what
  it covers (the taxonomy's `covers`: 理学 covers 数学类), so 数学, 计算机, 护理 or "virtual lab" find the
  entries filed under the value they belong to.
- Synonyms: words that name the same thing in the catalog's names (慕课 is the Chinese name of MOOC,
  so 中国大学慕课 finds 中国大学MOOC).
- Folding: traditional characters typed in a query read as simplified ones (學堂在線 is 学堂在线), by
  OpenCC's character table (catalog/chinese_fold.py), cut to the characters the index's text uses so
  that the table stays small.
"""

from __future__ import annotations

from catalog.chinese_fold import simplified_of

# Groups of words that mean the same; compared after NFKC and lower-casing.
SYNONYMS = (("慕课", "mooc"),)


def fold_table(text: str) -> dict:
    """{"from": traditional characters, "to": their simplified forms}, for the simplified characters
    that occur in `text` (what the index can match); search-core.js maps a query through it."""
    used = set(text)
    pairs = sorted((t, s) for t, s in simplified_of().items() if s in used)
    return {"from": "".join(t for t, _ in pairs), "to": "".join(s for _, s in pairs)}


def term_words(term) -> list[str]:
    """The words besides its name that a taxonomy term is found by (aliases, English name, covers)."""
    words = [*term.aliases, *term.covers]
    if term.name_en:
        words.append(term.name_en)
    return list(dict.fromkeys(w for w in words if w and w != term.name))
