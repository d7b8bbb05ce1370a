"""`new`: write a new entry file from a commented template, pointing the editor at its schema."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from catalog.models import ID_PATTERN
from catalog.paths import ENTRY_FOLDERS, PACKAGE_DIR, SCHEMA_DIR
from catalog.project import schema_dir_for

TEMPLATE_KINDS = tuple(ENTRY_FOLDERS)
TEMPLATE_DIR = PACKAGE_DIR / "templates"


def render_template(kind: str, target: Path, schema_dir: Path = SCHEMA_DIR) -> str:
    schema = Path(os.path.relpath(schema_dir.resolve() / f"{kind}.schema.json", target.parent.resolve()))
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
    schema_dir = ensure_project_schemas(Path(data_dir))
    target = folder / f"{entry_id}.yaml"
    with open(target, "x", encoding="utf-8") as handle:  # "x": never clobber a file made meanwhile
        handle.write(render_template(kind, target.resolve(), schema_dir))
    print(f"已创建 (created): {target}\n填好后运行 (then run): python -m catalog validate")
    return 0


def ensure_project_schemas(data_dir: Path) -> Path:
    """The project's own copy of the editor schemas, so modelines never point into an installed package."""
    schema_dir = schema_dir_for(data_dir)
    if not schema_dir.is_dir():
        shutil.copytree(SCHEMA_DIR, schema_dir)
        print(f"已写入编辑器用的 schema (wrote the editor schemas): {schema_dir}")
    return schema_dir
