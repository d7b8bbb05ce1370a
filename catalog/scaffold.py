"""`init DIR`: start a new catalog project that uses the plugin, the way `mkdocs new` starts a site.

The project gets: mkdocs.yml (the plugin, data in data/, link state in state/), docs/ pages, the
taxonomy, a small set of real example entries (one resource with its platform and the sources they
cite, so the example validates), editor schemas, GitHub workflows and a pre-commit config. It is
written into a temporary folder beside DIR and moved into place: an error leaves no half project.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from catalog.paths import DEFAULT_DATA_DIR, ENTRY_FOLDERS, PACKAGE_DIR, SCHEMA_DIR, TAXONOMY_FOLDER

TEMPLATE_DIR = PACKAGE_DIR / "project_template"
# Files kept in the package without their leading dot (package data globs skip hidden files).
DOT_PREFIX = "dot-"
VERSION_MARK = "@VERSION@"
# The example: this resource, and every entry its files name, from the catalog the package ships.
EXAMPLE_SEEDS = ("national-virtual-simulation-courses",)
_ID_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*")


def write_project(target: Path) -> int:
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"{target}: 已存在且不为空，不覆盖 (exists and is not empty; nothing written)", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _fill(staging)
        if target.exists():
            target.rmdir()  # empty, checked above
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"已创建新的目录项目 (created a catalog project): {target}\n"
          f"下一步 (next): cd {target} && course-catalog validate && mkdocs serve")
    return 0


def _fill(root: Path) -> None:
    for source in sorted(TEMPLATE_DIR.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = Path(*(part.replace(DOT_PREFIX, ".", 1) if part.startswith(DOT_PREFIX) else part
                          for part in source.relative_to(TEMPLATE_DIR).parts))
        destination = root / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(source.read_text(encoding="utf-8").replace(VERSION_MARK, _version()),
                               encoding="utf-8")
    data = root / "data"
    shutil.copytree(DEFAULT_DATA_DIR / TAXONOMY_FOLDER, data / TAXONOMY_FOLDER)
    for entry in example_entries():
        destination = data / entry.relative_to(DEFAULT_DATA_DIR)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entry, destination)
    shutil.copytree(SCHEMA_DIR, root / "schemas")  # entry modelines point at ../../schemas/


def example_entries() -> list[Path]:
    """The seed entries' files and, transitively, the files of every entry id they mention."""
    files = {path.stem: path for folder in ENTRY_FOLDERS.values()
             for path in (DEFAULT_DATA_DIR / folder).rglob("*.yaml")}
    wanted, todo = set(), [seed for seed in EXAMPLE_SEEDS if seed in files]
    while todo:
        entry_id = todo.pop()
        if entry_id in wanted:
            continue
        wanted.add(entry_id)
        todo += [token for token in _ID_TOKEN.findall(files[entry_id].read_text(encoding="utf-8"))
                 if token in files and token not in wanted]
    return sorted(files[entry_id] for entry_id in wanted)


def _version() -> str:
    try:
        return version("course-catalog")
    except PackageNotFoundError:
        return "0.0.0"
