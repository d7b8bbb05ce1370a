"""Match drafts against the loaded catalog: an entry it already has becomes an update, listing only what is new."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog.catalog import Catalog
from catalog.models import Contact, Platform, Source
from catalog_scrapers.notices.model import PLACEHOLDER, ContactDraft, PlatformDraft, SourceDraft
from catalog_scrapers.notices.recognise.platforms import host_key, name_key, url_key

_REGION_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def region_names(catalog: Catalog) -> dict[str, str]:
    """Written region name -> region id (河南省 and 河南 -> henan); the national term is left out."""
    names: dict[str, str] = {}
    for term_id, (_, term) in catalog.taxonomy.facet_terms("region").items():
        if term_id == "national":
            continue
        for written in [term.name, *getattr(term, "aliases", [])]:
            names.setdefault(written, term_id)
            for suffix in _REGION_SUFFIXES:
                if written.endswith(suffix) and len(written) - len(suffix) >= 2:
                    names.setdefault(written[: -len(suffix)], term_id)
                    break
    return names


def catalog_names(catalog: Catalog) -> set[str]:
    return {name_key(n) for p in catalog.platforms.values() for n in [p.name, *p.aliases]}


@dataclass
class Known:
    """What an existing entry already holds, to leave out of an update."""
    urls: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    contact_values: set[str] = field(default_factory=set)
    counts: set[tuple[str, int]] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def known_values(entry: Platform | Source) -> Known:
    known = Known(urls={url_key(link.url) for link in entry.urls})
    for name in [getattr(entry, "name", None), *getattr(entry, "aliases", [])]:
        if name:
            known.names.add(name_key(name))
    for contact in entry.contacts:
        known.contact_values.update(contact_value_keys(contact))
    known.counts = {(c.what, c.value) for c in getattr(entry, "counts", [])}
    known.periods = {p.label for p in getattr(entry, "free_periods", []) if p.label}
    return known


def contact_value_keys(contact: Contact | ContactDraft) -> set[str]:
    def values(name):
        return [getattr(v, "value", v) for v in getattr(contact, name)]
    keys = {"phone:" + _digits(v) for v in values("phones")}
    keys |= {"email:" + v.lower() for v in values("emails")}
    keys |= {"qq:" + v for v in values("qq")} | {"qq_group:" + v for v in values("qq_groups")}
    keys |= {"wechat:" + v for v in values("wechat")}
    return keys


@dataclass
class PlatformMatch:
    """The catalog entry a drafted platform updates (None: a new entry), and what the maintainer must check."""
    platform: Platform | None
    notes: list[str] = field(default_factory=list)


def match_platform(draft: PlatformDraft, catalog: Catalog) -> PlatformMatch:
    """Name, alias and address together. A name (or alias) match decides, and an address of another
    entry beside it is pointed out; an address alone decides only when it is not marked `shared:` in
    the catalog, and a name that is not the entry's is pointed out."""
    names = {name_key(n.value) for n in [draft.name, *draft.aliases, *draft.other_names] if n.value != PLACEHOLDER}
    urls = {url_key(link.url.value): link.url.value for link in draft.urls}
    hosts = {host_key(link.url.value) for link in draft.urls}
    by_name, by_url, by_shared = [], [], []
    for platform in catalog.platforms.values():
        if names & {name_key(n) for n in [platform.name, *platform.aliases]}:
            by_name.append(platform)
        for link in platform.urls:
            if url_key(link.url) in urls or host_key(link.url) in hosts:
                group = by_shared if link.shared else by_url
                if not any(p is platform for p, _ in group):
                    group.append((platform, link))
    if by_name:
        target = next((p for p in by_name if any(p is q for q, _ in by_url)), by_name[0])
        others = [(p, link) for p, link in by_url if p is not target]
        notes = [f"注意 (note): 网址 {link.url} 在目录中属于“{p.name}”(platforms/{p.id}.yaml)，名称却与“{target.name}”"
                 f"相符，请核对是哪一个 (the name and the address point to different entries)" for p, link in others]
        return PlatformMatch(target, notes)
    if by_url:
        target, link = by_url[0]
        notes = []
        if names:
            notes.append(f"注意 (note): 只凭网址 {link.url} 对上“{target.name}”，原文写的名称“{draft.name.value}”"
                         f"不是它的名称或别名，请核对 (matched by address only; the names differ)")
        return PlatformMatch(target, notes)
    notes = [f"注意 (note): 网址 {link.url} 在目录中标为共用 (shared)：{link.shared}（platforms/{p.id}.yaml）；"
             f"只凭这个网址不能断定是哪个平台，按新条目起草 (a shared address does not identify the platform)"
             for p, link in by_shared]
    return PlatformMatch(None, notes)


def match_sources(draft: SourceDraft, catalog: Catalog) -> list[Source]:
    """Catalog sources with the draft's 文号 (originals first), then those with one of its URLs."""
    found: list[Source] = []
    if draft.number:
        number = re.sub(r"\s+", "", draft.number.value)
        numbered = [s for s in catalog.sources.values() if s.number and re.sub(r"\s+", "", s.number) == number]
        found.extend(sorted(numbered, key=lambda s: s.kind != "official"))
    urls = {url_key(link.url.value) for link in draft.urls if not link.url.unsure}
    for source in catalog.sources.values():
        if source not in found and urls & {url_key(link.url) for link in source.urls}:
            found.append(source)
    return found


def only_new(draft: PlatformDraft | SourceDraft, known: Known) -> None:
    """Drop from the draft what the catalog entry already holds."""
    draft.urls = [link for link in draft.urls if url_key(link.url.value) not in known.urls]
    if isinstance(draft, PlatformDraft):
        draft.aliases = [a for a in draft.aliases if name_key(a.value) not in known.names]
        draft.other_names = [n for n in draft.other_names if name_key(n.value) not in known.names]
        draft.counts = [c for c in draft.counts if (c.what.value, c.value) not in known.counts]
        draft.free_periods = [f for f in draft.free_periods if f.value not in known.periods]
    known_phones = [key for key in known.contact_values if key.startswith("phone:")]
    kept = []
    for contact in draft.contacts:
        for name in ("phones", "emails", "qq", "qq_groups", "wechat"):
            setattr(contact, name, [v for v in getattr(contact, name) if not _known(name, v, known)])
        # a number written without its area code is known when a known phone ends with it
        contact.unsure_phones = [v for v in contact.unsure_phones
                                 if not any(key.endswith(_digits(v.value)) for key in known_phones)]
        if contact.values():
            kept.append(contact)
    draft.contacts = kept


def _known(field_name: str, value, known: Known) -> bool:
    probe = ContactDraft(start=0)
    getattr(probe, field_name).append(value)
    return bool(contact_value_keys(probe) & known.contact_values)


def note_values_seen_elsewhere(contacts: list[ContactDraft], catalog: Catalog) -> None:
    """Say where the catalog already lists a contact's numbers (e.g. filed under another entry)."""
    index: dict[str, set[str]] = {}
    for ref in catalog.contacts():
        folder = {"source": "sources", "platform": "platforms", "resource": "resources"}[ref.kind]
        for key in contact_value_keys(ref.contact):
            index.setdefault(key, set()).add(f"{folder}/{ref.entry_id}.yaml")
    for contact in contacts:
        places = set()
        for key in contact_value_keys(contact):
            places |= index.get(key, set())
        if places:
            contact.notes.append(f"待核实 (unsure): 这些号码已见于 {', '.join(sorted(places))}，"
                                 f"可能已录入在别的条目 (already in the catalog under another entry)")
