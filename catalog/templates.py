"""`new`: write a new entry file from a commented template, pointing the editor at its schema."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from catalog.models import ID_PATTERN
from catalog.paths import ENTRY_FOLDERS, PACKAGE_DIR, SCHEMA_DIR

TEMPLATE_KINDS = tuple(ENTRY_FOLDERS)
TEMPLATE_DIR = PACKAGE_DIR / "templates"


def render_template(kind: str, target: Path) -> str:
    schema = Path(os.path.relpath(SCHEMA_DIR / f"{kind}.schema.json", target.parent.resolve()))
    modeline = f"# yaml-language-server: $schema={schema.as_posix()}\n"
    return modeline + (TEMPLATE_DIR / f"{kind}.yaml").read_text(encoding="utf-8")


def write_new_entry(kind: str, entry_id: str, data_dir: Path) -> int:
    if not re.fullmatch(ID_PATTERN, entry_id):
        print(f"id “{entry_id}”不合规：只能用小写字母、数字和连字符，如 icourse163 "
              f"(ids are a-z, 0-9 and -)", file=sys.stderr)
        return 1
    folder = Path(data_dir) / ENTRY_FOLDERS[kind]
    existing = [p for suffix in (".yaml", ".yml") for p in folder.rglob(f"{entry_id}{suffix}")]
    if existing:
        print(f"{existing[0]}: 已存在，不覆盖 (already exists, not overwritten)", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{entry_id}.yaml"
    with open(target, "x", encoding="utf-8") as handle:  # "x": never clobber a file made meanwhile
        handle.write(render_template(kind, target.resolve()))
    print(f"已创建 (created): {target}\n填好后运行 (then run): python -m catalog validate")
    return 0
