"""A name or alias written on two entries of the same type is a copied entry, unless one says why.

Names are compared normalised (NFKC, case, spaces and punctuation ignored), so 中国大学 MOOC and
中国大学MOOC collide. An entry that really shares a name writes `same_name: reason`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from catalog.catalog import Catalog
from catalog.problems import Problem

_IGNORED = re.compile(r"[\s\W_]+")
_TYPE_NAMES = {"platform": "平台", "resource": "资源"}


def name_key(name: str) -> str:
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name)).lower()


def check_duplicate_names(catalog: Catalog) -> Iterator[Problem]:
    for entry_type, type_name in _TYPE_NAMES.items():
        first: dict[str, tuple[str, str]] = {}  # name key -> (entry id, the name as written there)
        for entry_id in sorted(catalog.by_kind(entry_type)):
            entry = catalog.by_kind(entry_type)[entry_id]
            names = [(("name",), entry.name)] + [(("aliases", i), alias) for i, alias in enumerate(entry.aliases)]
            for path, name in names:
                key = name_key(name)
                if not key:
                    continue
                if key not in first:
                    first[key] = (entry_id, name)
                    continue
                other_id, other_name = first[key]
                if other_id == entry_id or entry.same_name or catalog.by_kind(entry_type)[other_id].same_name:
                    continue
                shown, line = catalog.locate(entry_type, entry_id, *path)
                yield Problem(shown, line, f"{'.'.join(str(p) for p in path)}: “{name}”与{type_name} {other_id} 的"
                                           f"“{other_name}”相同，像是重复的条目；如确为不同条目，在其中一个写 "
                                           f"same_name: 说明原因 (same name or alias as {entry_type} {other_id}; "
                                           f"add `same_name: reason` if they really differ)")
