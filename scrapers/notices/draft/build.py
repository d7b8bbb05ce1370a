"""Assemble the draft for one notice: extract, match against the catalog, write the YAML documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog.catalog import Catalog
from catalog_scrapers.notices.draft.match import (
    catalog_names, known_values, match_platform, match_sources, note_values_seen_elsewhere, only_new,
    region_names,
)
from catalog_scrapers.notices.model import PLACEHOLDER, Found, PlatformDraft
from catalog_scrapers.notices.document import NoticeText
from catalog_scrapers.notices.draft.writer import DraftWriter
from catalog_scrapers.notices.recognise.platforms import NoticeExtractor, absorb, host_key

_SUFFIXES = (".com.cn", ".edu.cn", ".gov.cn", ".org.cn", ".net.cn", ".cn", ".com", ".net", ".org")


@dataclass
class DraftSummary:
    new: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)


def propose_id(platform: PlatformDraft, taken: set[str], counter: list[int]) -> str:
    """An id from the first URL's host (www.icve.com.cn -> icve), or a placeholder when there is none."""
    base = ""
    if platform.urls:
        host = host_key(platform.urls[0].url.value)
        for suffix in _SUFFIXES:
            if host.endswith(suffix) and len(host) > len(suffix):
                host = host[: -len(suffix)]
                break
        base = re.sub(r"[^a-z0-9-]+", "-", host.replace(".", "-")).strip("-")
    if not base:
        counter[0] += 1
        return f"{PLACEHOLDER}-platform-{counter[0]}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def build_draft(notice: NoticeText, catalog: Catalog, source_id: str | None = None) -> tuple[str, DraftSummary]:
    """The draft YAML for a notice, and which entry files it proposes (new) or updates."""
    draft = NoticeExtractor(notice, region_names(catalog), catalog_names(catalog)).extract()
    summary = DraftSummary()
    matched_sources = match_sources(draft.source, catalog)
    if source_id:
        cited, existing = [source_id], catalog.sources.get(source_id)
    else:
        cited = [s.id for s in matched_sources] or [f"{PLACEHOLDER}-source"]
        existing = matched_sources[0] if matched_sources else None
    writer = DraftWriter(notice, cited, draft.source.date)
    writer.line("# 课程资源目录：从通知提取的条目草稿 (Course Catalog: draft entries extracted from a notice)")
    writer.line("# 每个值后的注释是原文行号与引文 (line and quote of each value)。“待核实 (unsure)”的请对照原文；")
    writer.line(f"# {PLACEHOLDER} 是必须由维护者填写的占位，填好之前 validate 会失败 (fill every {PLACEHOLDER}).")
    number = draft.source.number.value if draft.source.number else None
    if existing is not None and existing.number and number and existing.number != number:
        writer.line(f"# 注意 (note): 来源 {existing.id} 的文号是 {existing.number}，这份通知是 {number} "
                    f"(the source given has another document number)")
    if draft.links:
        writer.line("# 正文中还有这些网址，原文没有给出像平台的名称，未起草条目 (addresses that name no platform):")
        for link in draft.links:
            label = f"“{link.label}” " if link.label else ""
            writer.line(f"#   {link.url.value}  {label}{writer.comment(link.url).lstrip(' #')}")
    if existing is not None:
        for source in [existing, *matched_sources]:
            only_new(draft.source, known_values(source))
    _write_sources(writer, draft, cited[0], existing, catalog, summary)
    drafted = _write_platforms(writer, draft.platforms, catalog, summary)
    header_end = draft.source.number.start if draft.source.number else 0
    for platform, at in named_platforms(notice.text, header_end, catalog, drafted):
        target = f"platforms/{platform.id}.yaml"
        missing = [source for source in cited if source not in platform.sources]
        writer.named_platform_document(target, platform.name, at, missing)
        summary.updates.append(target)
    return writer.text(), summary


def _write_sources(writer: DraftWriter, draft, main_id: str, existing, catalog: Catalog,
                   summary: DraftSummary) -> None:
    """The notice's source, then each document it includes in full, each cited by its own contacts."""
    included_ids = _included_ids(draft.included, catalog)
    forwards = {d.number.value: i for d, i in zip(draft.included, included_ids) if d.number}
    forwards.update({s.number: s.id for s in catalog.sources.values() if s.number})
    _write_source(writer, draft.source, main_id, existing, forwards, summary, catalog)
    cited, as_of = writer.source_ids, writer.as_of
    for document, document_id in zip(draft.included, included_ids):
        matched = match_sources(document, catalog)
        for source in matched:
            only_new(document, known_values(source))
        writer.source_ids, writer.as_of = [document_id], document.date
        _write_source(writer, document, document_id, matched[0] if matched else None, forwards, summary, catalog)
    writer.source_ids, writer.as_of = cited, as_of


def _write_platforms(writer: DraftWriter, platforms: list[PlatformDraft], catalog: Catalog,
                     summary: DraftSummary) -> set[str]:
    """Updates of the catalog's platforms, then new ones; returns the ids of the catalog's drafted."""
    updates, new = _match_platforms(platforms, catalog)
    for platform_id, (platform, notes) in updates.items():
        match = catalog.platforms[platform_id]
        only_new(platform, known_values(match))
        note_values_seen_elsewhere(platform.contacts, catalog)
        target = f"platforms/{platform_id}.yaml"
        writer.platform_document(platform, target, match.name, notes)
        summary.updates.append(target)
    taken, counter = set(catalog.platforms), [0]
    for platform, notes in new:
        note_values_seen_elsewhere(platform.contacts, catalog)
        platform_id = propose_id(platform, taken, counter)
        taken.add(platform_id)
        target = f"platforms/{platform_id}.yaml"
        writer.platform_document(platform, target, None, notes)
        summary.new.append(target)
    return set(updates)


def _included_ids(documents, catalog: Catalog) -> list[str]:
    ids = []
    for n, document in enumerate(documents, start=2):
        matched = match_sources(document, catalog)
        ids.append(matched[0].id if matched else f"{PLACEHOLDER}-source-{n}")
    return ids


def _write_source(writer: DraftWriter, draft, source_id: str, existing, forwards: dict[str, str],
                  summary: DraftSummary, catalog: Catalog) -> None:
    target = f"sources/{source_id}.yaml"
    note_values_seen_elsewhere(draft.contacts, catalog)
    writer.source_document(draft, target, existing.name if existing else None, forwards)
    (summary.updates if existing else summary.new).append(target)


def _match_platforms(platforms: list[PlatformDraft], catalog: Catalog):
    """Drafts the catalog has, one per catalog entry (keyed by its id), and the new ones."""
    updates: dict[str, tuple[PlatformDraft, list[str]]] = {}
    new: list[tuple[PlatformDraft, list[str]]] = []
    for platform in platforms:
        if not (platform.urls or platform.counts or platform.free_periods or platform.contacts):
            continue  # a name in a heading and nothing else: nothing to draft
        match = match_platform(platform, catalog)
        if match.platform is None:
            new.append((platform, match.notes))
        elif match.platform.id in updates:
            absorb(updates[match.platform.id][0], platform)
            updates[match.platform.id][1].extend(n for n in match.notes if n not in updates[match.platform.id][1])
        else:
            updates[match.platform.id] = (platform, list(match.notes))
    return updates, new


def named_platforms(text: str, header_end: int, catalog: Catalog, drafted: set[str]):
    """Catalog platforms the notice only names (豫教通, 雨课堂): (platform, Found of the first mention)."""
    for platform in catalog.platforms.values():
        if platform.id in drafted:
            continue
        spots = [text.find(name, header_end) for name in [platform.name, *platform.aliases]
                 if len(name.replace(" ", "")) >= 3]
        spots = [at for at in spots if at >= 0]
        if spots:
            at = min(spots)
            end = next(at + len(n) for n in [platform.name, *platform.aliases] if text.startswith(n, at))
            yield platform, Found(text[at:end], at, end)
