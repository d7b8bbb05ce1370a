"""Load every entry file under a data folder into a `Catalog`, collecting every problem found.

One YAML file is one entry; its file name (without .yaml) is its id. Loading never stops at the first
problem: a maintainer sees everything wrong in one run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from catalog.catalog import Catalog, EntryLocation
from catalog.checks import check_catalog, placeholder_problems
from catalog.errors import problems_from_validation
from catalog.models import ENTRY_MODELS, ID_PATTERN, MAX_ID_CHARS
from catalog.paths import ENTRY_FOLDERS, RESERVED_IDS, TAXONOMY_FOLDER
from catalog.problems import Problem, display_path
from catalog.termhints import term_hint
from catalog.taxonomy import RULES_FILE_ID, RuleBook, Vocabulary
from catalog.yamlio import YamlError, load_yaml_file

YAML_SUFFIXES = (".yaml", ".yml")
# Beside the entries: notes for maintainers, and what editors leave for a moment (backups, autosaves,
# swap files, vim's numbered probe). Any other file in an entry folder is reported, not skipped.
_LEFT_ALONE = re.compile(r"(\.md|~|\.swp|\.swx|\.bak|\.tmp)\Z|\A#.*#\Z|\A\d+\Z", re.IGNORECASE)
_KIND_OF_FOLDER = {folder: kind for kind, folder in ENTRY_FOLDERS.items()}
_KIND_OF_FOLDER[TAXONOMY_FOLDER] = "taxonomy"


@dataclass
class LoadResult:
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_catalog(data_dir: Path) -> LoadResult:
    data_dir = Path(data_dir)
    catalog = Catalog(data_dir=data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        shown = display_path(data_dir)
        message = "不是目录 (the data folder is not a folder)" if data_dir.exists() else "数据目录不存在 (data folder not found)"
        return LoadResult(catalog, [Problem(shown, 1, message)])

    # Paths are shown relative to the data folder's own display form: one resolve, not one per file.
    shown_root = display_path(data_dir)
    seen: dict[str, str] = {}  # id -> the file that gave it: ids are unique across the whole folder
    # The taxonomy first: an entry's problems can then suggest the id for a term's name (本科 → undergraduate).
    unlisted: list[OSError] = []
    found_files = sorted(_yaml_files(data_dir, unlisted), key=lambda item: (_kind_of(item[0], data_dir) != "taxonomy", item))
    for error in unlisted:  # a folder that cannot be listed would otherwise lose its entries in silence
        folder = Path(error.filename or data_dir)
        shown = str(Path(shown_root, folder.relative_to(data_dir))) if folder != data_dir else shown_root
        problems.append(Problem(shown, 1, f"无法读取目录，其中的条目没有校验 (cannot list this folder; its entries "
                                          f"were not read): {error.strerror}"))
    for file, is_link in found_files:
        shown = str(Path(shown_root, file.relative_to(data_dir)))
        refusal = _refusal(file, is_link, data_dir)
        if refusal:
            problems.append(Problem(shown, 1, refusal))
            continue
        kind = _kind_of(file, data_dir)
        entry_id = file.name.rsplit(".", 1)[0]
        if entry_id in seen:
            problems.append(Problem(shown, 1, f"id “{entry_id}”重复，已见于 {seen[entry_id]} "
                                              f"(duplicate id: two files give the same id)"))
            continue
        seen[entry_id] = shown
        found = _load_one(catalog, kind, entry_id, file, shown)
        if found:
            catalog.broken.add((kind, entry_id))
            problems.extend(found)

    problems.extend(check_catalog(catalog))
    return LoadResult(catalog, sorted(set(problems), key=lambda p: (p.path, p.line, p.message)))


def _yaml_files(data_dir: Path, unlisted: list[OSError]):
    """(path, is a symbolic link) of every YAML file (whatever the case of its extension), of every
    other file inside an entry folder (refused: `x.yaml.txt` would be lost in silence), and of every
    linked folder, which is not entered. Folders that cannot be listed go to ``unlisted``."""
    for folder, subfolders, names in os.walk(data_dir, followlinks=False, onerror=unlisted.append):
        base = Path(folder)
        in_entry_folder = base != data_dir and base.relative_to(data_dir).parts[0] in _KIND_OF_FOLDER
        for name in subfolders:
            if os.path.islink(base / name):
                yield base / name, True
        for name in names:
            if name.startswith("."):
                continue
            if name.lower().endswith(YAML_SUFFIXES) or (in_entry_folder and not _LEFT_ALONE.search(name)):
                path = base / name
                yield path, os.path.islink(path)


def _refusal(file: Path, is_link: bool, data_dir: Path) -> str | None:
    """Why this file cannot be an entry, or None. Its name must be the whole id: ``fullmatch``, since
    ``$`` would also match before a final newline (``zhihuishu\n.yaml`` would pass as ``zhihuishu``)."""
    if is_link:  # a link could make the build read, and print, any file on the machine
        return "不接受符号链接，请提交普通文件 (symbolic links are not accepted)"
    if not file.name.lower().endswith(YAML_SUFFIXES):
        return "不是 .yaml 文件，不会作为条目读取；条目请存为 .yaml (not a .yaml file: it would not be read as an entry)"
    if not file.name.endswith(YAML_SUFFIXES):
        return "扩展名须为小写的 .yaml 或 .yml (the extension must be lower-case .yaml or .yml)"
    if not file.is_file():
        return "不是普通文件 (not a regular file)"
    if _kind_of(file, data_dir) is None:
        folders = "、".join(sorted(_KIND_OF_FOLDER))
        return f"文件不在可识别的目录中，应放在 {folders} 之下 (file is outside the known folders)"
    entry_id = file.name.rsplit(".", 1)[0]
    if entry_id in RESERVED_IDS:
        return f"“{entry_id}”是站点保留的名字，请换一个文件名 (reserved: it would clash with a generated page)"
    if not re.fullmatch(ID_PATTERN, entry_id):
        return (f"文件名“{entry_id}”不能作 id：只能用小写字母、数字和连字符 "
                f"(file name must be a valid id)")
    if len(entry_id) > MAX_ID_CHARS:
        return f"文件名过长：id 最多 {MAX_ID_CHARS} 个字符 (file name too long for an id: at most {MAX_ID_CHARS})"
    return None


def _kind_of(file: Path, data_dir: Path) -> str | None:
    parts = file.relative_to(data_dir).parts
    return _KIND_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None


def _load_one(catalog: Catalog, kind: str, entry_id: str, file: Path, shown: str) -> list[Problem]:
    try:
        loaded = load_yaml_file(file)
    except YamlError as exc:
        return [Problem(shown, exc.line, exc.message)]
    data, lines = loaded.data, loaded.lines
    if not isinstance(data, dict):
        return [Problem(shown, lines.line_of(()), "文件内容应为键值映射，一个文件一个条目 "
                                                  "(an entry file holds one mapping of keys)")]
    if "id" in data:
        return [Problem(shown, lines.line_of(("id",)), "不要写 id：id 就是文件名 (the id is the file name)")]
    model = _taxonomy_model(entry_id) if kind == "taxonomy" else ENTRY_MODELS[kind]
    location = EntryLocation(file=file, shown=shown, lines=lines)
    unfilled = placeholder_problems(data, lines, shown)
    try:
        entry = model.model_validate({**data, "id": entry_id})
    except ValidationError as exc:
        salvaged = _salvage(model, data, entry_id, exc)
        if salvaged is not None:  # still cross-check the rest of the file, so all problems show at once
            catalog.add(kind, salvaged, location)
        return unfilled + problems_from_validation(
            exc, model, lines, shown, term_hint=lambda loc, value: term_hint(catalog.taxonomy, loc, value))
    catalog.add(kind, entry, location)
    return unfilled


def _taxonomy_model(entry_id: str):
    return RuleBook if entry_id == RULES_FILE_ID else Vocabulary


def _salvage(model, data: dict, entry_id: str, error: ValidationError):
    """The entry without its broken top-level keys (reset to their defaults), or None.

    Only keys with a default can be dropped; lists are reset whole so that the line numbers of
    everything kept stay true.
    """
    broken = {item["loc"][0] for item in error.errors() if item["loc"]}
    if any(key in model.model_fields and model.model_fields[key].is_required() for key in broken):
        return None
    kept = {key: value for key, value in data.items() if key not in broken}
    try:
        return model.model_validate({**kept, "id": entry_id})
    except ValidationError:
        return None

