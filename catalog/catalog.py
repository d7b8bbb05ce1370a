"""The loaded catalog: every entry by kind and id, where each came from, and walks over them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from catalog.models import Contact, FreePeriod, Platform, Resource, Source
from catalog.problems import Problem
from catalog.taxonomy import Taxonomy
from catalog.yamlio import LineMap


@dataclass(frozen=True)
class EntryLocation:
    file: Path
    shown: str  # the path as printed in messages
    lines: LineMap


@dataclass(frozen=True)
class LinkRef:
    """One URL and the entry (and line) it is written in."""

    url: str
    kind: str
    entry_id: str
    path: str
    line: int


@dataclass(frozen=True)
class ContactRef:
    """A contact and the entry whose `contacts` list holds it."""

    contact: Contact
    kind: str
    entry_id: str
    index: int


@dataclass
class Catalog:
    data_dir: Path
    taxonomy: Taxonomy = field(default_factory=Taxonomy)
    sources: dict[str, Source] = field(default_factory=dict)
    platforms: dict[str, Platform] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    locations: dict[tuple[str, str], EntryLocation] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=set)  # files that failed to load

    def add(self, kind: str, entry, location: EntryLocation) -> None:
        if kind == "taxonomy":
            self.taxonomy.add(entry)
        else:
            self.by_kind(kind)[entry.id] = entry
        self.locations[(kind, entry.id)] = location

    def by_kind(self, kind: str) -> dict:
        return {"source": self.sources, "platform": self.platforms, "resource": self.resources}[kind]

    def entries(self) -> Iterator[tuple[str, Source | Platform | Resource]]:
        """Every entry with its kind, sources first, each kind in id order."""
        for kind in ("source", "platform", "resource"):
            for entry_id in sorted(self.by_kind(kind)):
                yield kind, self.by_kind(kind)[entry_id]

    def locate(self, kind: str, entry_id: str, *path: str | int) -> tuple[str, int]:
        """(file as shown, line) of a key inside an entry; line 1 when the entry is unknown."""
        location = self.locations.get((kind, entry_id))
        if location is None:
            return entry_id, 1
        return location.shown, location.lines.line_of(path)

    def problem_at(self, kind: str, entry_id: str, path: tuple, message: str) -> Problem:
        """A problem at a key inside an entry, its message led by the key's path (levels.0: ...)."""
        shown, line = self.locate(kind, entry_id, *path)
        return Problem(shown, line, f"{'.'.join(str(p) for p in path)}: {message}")

    def contacts(self) -> Iterator[ContactRef]:
        for kind, entry in self.entries():
            for index, contact in enumerate(entry.contacts):
                yield ContactRef(contact, kind, entry.id, index)

    def free_periods(self) -> Iterator[tuple[str, Platform | Resource, FreePeriod]]:
        for kind, entry in self.entries():
            for period in getattr(entry, "free_periods", []):
                yield kind, entry, period

    def iter_links(self) -> Iterator[LinkRef]:
        """Every URL of every entry and source, with the file and line it is written on."""
        for kind, entry in self.entries():
            for index, link in enumerate(entry.urls):
                shown, line = self.locate(kind, entry.id, "urls", index)
                yield LinkRef(link.url, kind, entry.id, shown, line)

    def summary(self) -> str:
        contacts = sum(1 for _ in self.contacts())
        periods = sum(1 for _ in self.free_periods())
        terms = sum(len(v.terms) for v in self.taxonomy.vocabularies.values())
        return (f"校验通过：{len(self.sources)} 个来源、{len(self.platforms)} 个平台、{len(self.resources)} 个资源、"
                f"{contacts} 个联系人、{periods} 个免费期、{terms} 个分类术语 "
                f"(valid: {len(self.sources)} sources, {len(self.platforms)} platforms, "
                f"{len(self.resources)} resources, {contacts} contacts, {periods} free periods, {terms} terms)")
