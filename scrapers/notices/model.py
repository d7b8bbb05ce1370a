"""What the extractor found in a notice, before it is matched against the catalog and written as YAML.

Every value is a `Found`: the value, where it stands in the normalised text (for the line and the
quote shown to the maintainer), and, when the reading is not certain, why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from catalog.checks import PLACEHOLDER  # noqa: F401  re-exported: what a maintainer must fill (validate fails on it)


@dataclass
class Found:
    value: Any
    start: int
    end: int
    unsure: str | None = None  # why the maintainer should check it
    note: str | None = None    # a remark that is not doubt (e.g. "原文未写 http://")


@dataclass
class LinkDraft:
    url: Found
    label: str | None = None


@dataclass
class ContactDraft:
    start: int
    unit: Found | None = None
    name: Found | None = None
    role: Found | None = None
    purpose: Found | None = None
    regions: list[Found] = field(default_factory=list)
    phones: list[Found] = field(default_factory=list)
    unsure_phones: list[Found] = field(default_factory=list)  # local numbers without their area code
    emails: list[Found] = field(default_factory=list)
    qq: list[Found] = field(default_factory=list)
    qq_groups: list[Found] = field(default_factory=list)
    wechat: list[Found] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def values(self) -> list[Found]:
        return self.phones + self.unsure_phones + self.emails + self.qq + self.qq_groups + self.wechat

    @property
    def label(self) -> str:
        return "".join(str(part.value) for part in (self.unit, self.name) if part) or "?"


@dataclass
class CountDraft:
    what: Found
    value: int
    qualifier: str
    as_written: Found


@dataclass
class PlatformDraft:
    name: Found
    start: int
    aliases: list[Found] = field(default_factory=list)
    other_names: list[Found] = field(default_factory=list)  # the same platform written another way
    urls: list[LinkDraft] = field(default_factory=list)
    counts: list[CountDraft] = field(default_factory=list)
    free_periods: list[Found] = field(default_factory=list)  # labels as written
    contacts: list[ContactDraft] = field(default_factory=list)


@dataclass
class SourceDraft:
    title: Found | None = None
    number: Found | None = None
    issuers: list[Found] = field(default_factory=list)
    issued: Found | None = None      # value: dt.date
    published: Found | None = None   # value: dt.date (a repost's date)
    kind: Found | None = None
    urls: list[LinkDraft] = field(default_factory=list)
    public: Found | None = None
    forwards: list[Found] = field(default_factory=list)  # numbers of forwarded documents
    header_issuer: Found | None = None
    contacts: list[ContactDraft] = field(default_factory=list)

    @property
    def date(self) -> dt.date | None:
        return self.issued.value if self.issued else None


@dataclass
class NoticeDraft:
    source: SourceDraft
    platforms: list[PlatformDraft]
    included: list[SourceDraft] = field(default_factory=list)  # documents given in full (a forwarded one)
    links: list[LinkDraft] = field(default_factory=list)  # addresses that name no platform (a how-to page)
