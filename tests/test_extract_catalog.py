"""The draft of a notice against the catalog that maintainers filled from the same notice.

Run against whatever catalog/data holds: a platform the catalog has from the notice (with a URL the
notice gives) must come out of the draft; its contacts from the notice must come out with the same
phones and QQ numbers; and on the real catalog, what it already holds is reported as an update, not
as a new entry.
"""

from __future__ import annotations

import re

import pytest

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from catalog_scrapers.notices.draft.build import build_draft
from catalog_scrapers.notices.readers import read_notice
from test_extract_seeds import SEED_FILES, needs_seeds, parse_draft, simple_text, taxonomy_only, url_key

CATALOG = load_catalog(DEFAULT_DATA_DIR).catalog


def notice_sources(seed) -> set[str]:
    """Ids of the catalog's sources for this notice: same 文号, and reposts of those."""
    text = seed.read_text(encoding="utf-8")
    numbers = {s.id for s in CATALOG.sources.values() if s.number and s.number in re.sub(r"\s+", "", text)}
    main = next((m.group() for m in re.finditer(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号", text)), None)
    numbers = {i for i in numbers if CATALOG.sources[i].number == main}
    return numbers | {s.id for s in CATALOG.sources.values() if s.repost_of in numbers}


def contact_values(contacts, sources: set[str]) -> dict[str, set[str]]:
    values = {"phones": set(), "qq": set(), "qq_groups": set()}
    for contact in contacts:
        if sources and not (set(contact.sources if hasattr(contact, "sources") else contact.get("sources", []))
                            & sources):
            continue
        for key in values:
            items = getattr(contact, key) if hasattr(contact, key) else contact.get(key) or []
            values[key].update(str(v) for v in items)
    return values


def flat_text(seed) -> str:
    return re.sub(r"\s+", "", simple_text(seed.read_text(encoding="utf-8"))).lower()


def names_address(text: str, key: str) -> bool:
    """The notice writes this address itself, not a longer host that ends with it (ykt.eduyun.cn is not eduyun.cn)."""
    return re.search(r"(?<![a-z0-9.-])(?:www\.)?" + re.escape(key), text) is not None


def cases():
    """(seed, platform) for each catalog platform that has a URL or a contact from the notice.

    Platforms the notice only names (豫教通, 之江汇平台, the 22 platforms of a list the notice leaves out)
    are not drafted from it: there is nothing in the text to draft but a name.
    """
    for seed in SEED_FILES:
        sources, text = notice_sources(seed), flat_text(seed)
        for platform in CATALOG.platforms.values():
            in_text = any(names_address(text, url_key(link.url)) for link in platform.urls)
            has_contacts = any(set(c.sources) & sources for c in platform.contacts)
            if in_text or has_contacts:
                yield pytest.param(seed, platform.id, sources, id=f"{seed.name[:3]}-{platform.id}")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """Each seed's draft on a catalog that holds no entries yet: every platform comes out whole."""
    data = taxonomy_only(tmp_path_factory.mktemp("catalog"))
    empty = load_catalog(data).catalog
    return {seed: build_draft(read_notice(seed), empty)[0] for seed in SEED_FILES}


def matching_doc(documents, platform):
    urls = {url_key(link.url) for link in platform.urls}
    names = {n.replace(" ", "") for n in [platform.name, *platform.aliases]}
    for target, _, doc in documents:
        if not target.startswith("platforms/"):
            continue
        doc_urls = {url_key(u["url"] if isinstance(u, dict) else u) for u in doc.get("urls") or []}
        doc_names = {str(n).replace(" ", "") for n in [doc.get("name", ""), *(doc.get("aliases") or [])]}
        if doc_urls & urls or doc_names & names:
            return doc
    return None


@needs_seeds
@pytest.mark.parametrize("seed, platform_id, sources", list(cases()))
def test_draft_reproduces_the_catalog_platform_and_its_contacts(seed, platform_id, sources, drafts):
    platform = CATALOG.platforms[platform_id]
    expected = contact_values(platform.contacts, sources)
    documents = parse_draft(drafts[seed])
    doc = matching_doc(documents, platform)
    assert doc is not None, f"{seed.name}: 草稿里没有 {platform.name} ({platform_id}) (platform missing from draft)"
    found = contact_values(doc.get("contacts") or [], set())
    # A notice may give a list as its own contacts (附件3: 请向省电教馆咨询 …) that the catalog files under
    # the platform the office runs (hner): those numbers must then come out under the notice itself.
    notice_level = contact_values(documents[0][2].get("contacts") or [], set())
    for key in expected:
        missing = expected[key] - found[key] - notice_level[key]
        assert not missing, f"{platform_id} {key}: 目录有而草稿没有 (in the catalog, not in the draft): {missing}"
        invented = found[key] - expected[key]
        assert not invented, f"{platform_id} {key}: 草稿有而目录没有 (in the draft, not in the catalog): {invented}"


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_notice_offices_match_the_catalog_source(seed, drafts):
    sources = notice_sources(seed)
    if not sources:
        pytest.skip(f"{seed.name}: 目录里没有这份通知的来源条目 (no source entry for this notice)")
    expected = {"phones": set(), "emails": set()}
    for source_id in sources:
        for contact in CATALOG.sources[source_id].contacts:
            expected["phones"].update(contact.phones)
            expected["emails"].update(contact.emails)
    source_doc = parse_draft(drafts[seed])[0][2]
    found = {"phones": set(), "emails": set()}
    for contact in source_doc.get("contacts") or []:
        found["phones"].update(str(p) for p in contact.get("phones") or [])
        found["emails"].update(contact.get("emails") or [])
    # A number the notice gives without its area code is in the draft as a commented line to complete.
    to_complete = set(re.findall(r'^\s*# - "(\d{7,8})"', drafts[seed], re.MULTILINE))
    missing = {p for p in expected["phones"] - found["phones"]
               if not any(re.sub(r"\D", "", p).endswith(local) for local in to_complete)}
    assert not missing, f"phones: 目录有而草稿没有 (in catalog, not in draft): {missing}"
    assert expected["emails"] <= found["emails"], f"emails: {expected['emails'] - found['emails']}"


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_platforms_the_catalog_has_are_updates_not_duplicates(seed):
    documents = parse_draft(build_draft(read_notice(seed), CATALOG)[0])
    for target, status, doc in documents:
        if status != "NEW" or not target.startswith("platforms/"):
            continue
        for platform in CATALOG.platforms.values():
            assert matching_doc([(target, status, doc)], platform) is None, \
                f"{target}: 目录已有 {platform.id}，应为 UPDATE (catalog has it: should be an update)"
    updated = [target for target, status, _ in documents if status == "UPDATE"]
    assert len(updated) == len(set(updated)), "同一条目不应更新两次 (one update per entry)"


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_catalog_platform_from_the_notice_is_in_its_draft(seed):
    """On the real catalog, each platform it has from the notice, by URL or by name, is listed as an update."""
    sources, text = notice_sources(seed), flat_text(seed)
    targets = {target for target, _, _ in parse_draft(build_draft(read_notice(seed), CATALOG)[0])}
    for platform in CATALOG.platforms.values():
        cited = set(platform.sources) | {s for c in platform.contacts for s in c.sources}
        named = [n for n in [platform.name, *platform.aliases] if len(n.replace(" ", "")) >= 3
                 and n.replace(" ", "").lower() in text]
        given = [link.url for link in platform.urls if url_key(link.url) in text]
        if cited & sources and (named or given):
            assert f"platforms/{platform.id}.yaml" in targets, f"{platform.id} ({platform.name}) 不在草稿中"
