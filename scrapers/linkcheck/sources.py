"""Which URLs a run checks: a plain list file, the whole catalog, or what a change adds.

Every URL is checked once however often it is written; the report keeps every place it is written
(file and line, and the entry for catalog URLs) so a maintainer knows what to edit.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from catalog.linkstate import MAX_URL_CHARS, state_key
from catalog.problems import display_path, printable
from catalog.yamlio import YamlError, load_yaml_text


class SourceError(Exception):
    """The URLs cannot be collected; the message says where and why, on one line."""

    def __init__(self, message: str):
        super().__init__(printable(message))


@dataclass(frozen=True)
class Place:
    path: str
    line: int
    entry_id: str = ""
    kind: str = ""

    def render(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where} ({self.kind} {self.entry_id})" if self.entry_id else where


@dataclass
class Target:
    url: str
    places: list[Place] = field(default_factory=list)


def _collect(items) -> list[Target]:
    """(url, place) pairs -> one Target per normalised URL, in first-seen order."""
    targets: dict[str, Target] = {}
    for url, place in items:
        target = targets.setdefault(state_key(url), Target(url))
        target.places.append(place)
    return list(targets.values())


def read_url_file(path: Path) -> list[Target]:
    """One URL a line; blank lines and ``#`` comments (whole lines, or after a space) skipped."""
    path = Path(path)
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{shown}:1: 无法读取 URL 列表 (cannot read URL list): {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(f"{shown}:{line}: URL 列表不是 UTF-8 编码 (URL list is not UTF-8)") from None
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        url = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if len(url) > MAX_URL_CHARS:
            raise SourceError(f"{shown}:{number}: 这一行过长（{len(url)} 个字符），网址最多 {MAX_URL_CHARS} 个字符 "
                              f"(line too long for a URL: {len(url)} characters, at most {MAX_URL_CHARS})")
        if url and not url.startswith("#"):
            items.append((url, Place(shown, number)))
    return _collect(items)


def catalog_targets(links) -> list[Target]:
    """Targets from ``Catalog.iter_links()``."""
    return _collect((link.url, Place(str(link.path), link.line, link.entry_id, link.kind)) for link in links)


# --- --changed-only --------------------------------------------------------------------------

def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise SourceError("找不到 git 命令 (git is not installed)") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git {' '.join(args)} 超时 (timed out)") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        raise SourceError(f"git {' '.join(args)}: {message}")
    return done.stdout


def changed_files(data_dir: Path, base_ref: str) -> tuple[Path, str, list[str]]:
    """(repository root, the commit compared against, changed files below data_dir relative to the root).

    Compared against the merge base of ``base_ref`` and HEAD, so that what happened on the base
    branch meanwhile does not count as this change; uncommitted and untracked files count.
    """
    data_dir = Path(data_dir).resolve()
    if not data_dir.is_dir():
        raise SourceError(f"{display_path(data_dir)}: 数据目录不存在 (data folder not found)")
    root = Path(_git(["rev-parse", "--show-toplevel"], data_dir).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}"], root)
    try:
        base = _git(["merge-base", base_ref, "HEAD"], root).strip()
    except SourceError:
        base = _git(["rev-parse", f"{base_ref}^{{commit}}"], root).strip()
    relative = data_dir.relative_to(root).as_posix() or "."
    changed = _git(["diff", "--name-only", "--no-renames", "-z", base, "--", relative], root).split("\0")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", relative], root).split("\0")
    names = sorted({n for n in changed + untracked if n.endswith((".yaml", ".yml"))})
    return root, base, names


def urls_in(data) -> set[str]:
    """Every http(s) URL written anywhere in parsed YAML."""
    found: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and item.strip().lower().startswith(("http://", "https://")):
            found.add(state_key(item.strip()))
    return found


def changed_targets(targets: list[Target], data_dir: Path, base_ref: str) -> list[Target]:
    """The targets a change adds or modifies: written in a changed file, and not there before.

    A URL moved from one file to another, or left untouched in an edited file, is not new.
    """
    root, base, names = changed_files(data_dir, base_ref)
    before: set[str] = set()
    for name in names:
        try:
            text = _git(["show", f"{base}:{name}"], root)
        except SourceError:
            continue  # the file is new
        try:
            before |= urls_in(load_yaml_text(text).data)
        except YamlError:
            continue  # unreadable before the change: everything in it counts as new
    changed_paths = {(root / name).resolve() for name in names}
    result = []
    for target in targets:
        if state_key(target.url) in before:
            continue
        if any(Path(place.path).resolve() in changed_paths for place in target.places):
            result.append(target)
    return result
