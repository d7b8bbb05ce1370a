"""Which pages the site has, and the indexes they are drawn from (the "collect" phase).

Plain functions over a loaded `Catalog`: no MkDocs here, so tests can call them directly. The
indexes are built in one pass over the catalog, so that rendering any single page never walks the
whole catalog again (that would make the build quadratic).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from catalog.catalog import Catalog
from catalog.models import Contact
from catalog.privacy import present_contacts
from catalog_plugins.facets import pinyin_forms

# Facets with listing pages, their folder on the site, and the entry field that holds them.
LISTING_FACETS: dict[str, tuple[str, str]] = {
    "level": ("levels", "levels"),
    "discipline": ("disciplines", "disciplines"),
    "kind": ("kinds", "kind"),
    "region": ("regions", "regions"),
    "theme": ("themes", "themes"),
}
# Facet index pages in navigation order, with their UI string key.
FACET_LABELS = (("level", "by_level"), ("discipline", "by_discipline"), ("kind", "by_kind"),
                ("region", "by_region"), ("theme", "by_theme"))
ENTRY_FOLDERS = {"platform": "platforms", "resource": "resources"}

CATALOG_PAGE = "catalog/index.md"  # the in-browser filter page (plugins/catalog_page.py)
CONTACTS_PAGE = "contacts.md"
SOURCES_PAGE = "sources/index.md"
PLATFORMS_INDEX = "platforms/index.md"


class PageConflict(ValueError):
    """Two pages would be written to the same address."""


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it lives, what it shows, whether the navigation lists it."""

    src_uri: str
    role: str  # entry | source | facet-index | listing | platforms-index | contacts | sources | catalog-page
    title: str  # plain text, escaped when rendered
    key: tuple = ()
    in_nav: bool = False


@dataclass(frozen=True)
class ContactGroup:
    """The contacts one entry publishes for one region (region None: not given)."""

    kind: str
    entry_id: str
    contacts: tuple[Contact, ...]


@dataclass
class SiteIndex:
    """Everything a page needs from other entries, computed once."""

    by_term: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    resources_by_platform: dict[str, list[str]] = field(default_factory=dict)
    cited_by: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    contacts_by_region: list[tuple[str | None, list[ContactGroup]]] = field(default_factory=list)


# --- addresses ---------------------------------------------------------------------------------

def entry_page(kind: str, entry_id: str) -> str:
    return f"{ENTRY_FOLDERS[kind]}/{entry_id}.md"


def facet_index_page(facet: str) -> str:
    return f"{LISTING_FACETS[facet][0]}/index.md"


def source_page(source_id: str, number: int = 1) -> str:
    return f"sources/{source_id}.md" if number == 1 else f"sources/{source_id}/page-{number}.md"


def listing_page(facet: str, term_id: str, number: int = 1) -> str:
    folder = LISTING_FACETS[facet][0]
    return f"{folder}/{term_id}.md" if number == 1 else f"{folder}/{term_id}/page-{number}.md"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file, relative to the site root ('' for the home page)."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if use_directory_urls else stem + ".html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative_root(url: str) -> str:
    """The path from a page's URL back to the site root, e.g. 'resources/x/' -> '../../'."""
    return "../" * url.count("/")


# --- the indexes -------------------------------------------------------------------------------

def entry_source_ids(entry) -> list[str]:
    """Every source an entry cites anywhere (entry, counts, periods, contacts, statuses), in order."""
    seen: dict[str, None] = {}
    for source_id in getattr(entry, "sources", []):  # a Source has none of its own
        seen.setdefault(source_id)
    for group in ("counts", "free_periods", "contacts", "statuses"):
        for item in getattr(entry, group, []):
            for source_id in item.sources:
                seen.setdefault(source_id)
    return list(seen)


def build_index(catalog: Catalog, mask_personal_mobiles: bool) -> SiteIndex:
    index = SiteIndex(by_term={facet: defaultdict(list) for facet in LISTING_FACETS})
    platforms: dict[str, list[str]] = defaultdict(list)
    cited: dict[str, list[tuple[str, str]]] = defaultdict(list)
    regional: dict[str | None, list[ContactGroup]] = defaultdict(list)

    for kind, entry in catalog.entries():
        if kind != "source":
            for facet, (_, field_name) in LISTING_FACETS.items():
                value = getattr(entry, field_name)
                for term_id in [value] if isinstance(value, str) else value:
                    index.by_term[facet][term_id].append((kind, entry.id))
            for platform_id in getattr(entry, "platforms", []):
                platforms[platform_id].append(entry.id)
        for source_id in entry_source_ids(entry):
            if (kind, source_id) != ("source", entry.id):
                cited[source_id].append((kind, entry.id))
        _group_contacts(kind, entry, mask_personal_mobiles, regional)

    index.by_term = {facet: dict(terms) for facet, terms in index.by_term.items()}
    index.resources_by_platform = dict(platforms)
    index.cited_by = dict(cited)
    order = [term_id for term_id in catalog.taxonomy.facet_terms("region")]
    known = [region for region in order if region in regional]
    unknown = sorted(region for region in regional if region is not None and region not in order)
    # Within a region, entries in the pinyin order of their names, as a Chinese reader looks them up.
    ordered = {region: sorted(groups, key=lambda g: _name_order(catalog, g)) for region, groups in regional.items()}
    index.contacts_by_region = [(region, ordered[region]) for region in known + unknown]
    if None in regional:
        index.contacts_by_region.append((None, ordered[None]))
    return index


def _name_order(catalog: Catalog, group: ContactGroup) -> tuple:
    entry = catalog.by_kind(group.kind).get(group.entry_id)
    name = entry.name if entry is not None else group.entry_id
    return pinyin_forms(name)[0], name, group.kind, group.entry_id


def contacts_by_entry(index: SiteIndex, catalog: Catalog) -> list[tuple[ContactGroup, list[str | None]]]:
    """Every entry that publishes contacts, in pinyin order, with the regions it has contacts for."""
    regions: dict[tuple[str, str], list[str | None]] = defaultdict(list)
    first: dict[tuple[str, str], ContactGroup] = {}
    for region, groups in index.contacts_by_region:
        for group in groups:
            key = (group.kind, group.entry_id)
            first.setdefault(key, group)
            regions[key].append(region)
    ordered = sorted(first.values(), key=lambda g: _name_order(catalog, g))
    return [(group, regions[(group.kind, group.entry_id)]) for group in ordered]


def contact_anchor(region: str | None, group: ContactGroup) -> str:
    """The id of one entry's contacts for one region on the contacts page."""
    return f"c-{region or 'none'}-{group.kind}-{group.entry_id}"


def _group_contacts(kind, entry, mask: bool, regional: dict) -> None:
    shown = present_contacts(entry.contacts, mask)
    by_region: dict[str | None, list[Contact]] = defaultdict(list)
    for contact in shown:
        for region in contact.regions or [None]:
            by_region[region].append(contact)
    for region, contacts in by_region.items():
        regional[region].append(ContactGroup(kind, entry.id, tuple(contacts)))


# --- the pages ---------------------------------------------------------------------------------

def listing_chunks(count: int, page_size: int) -> int:
    """How many pages a listing of `count` entries needs (at least one)."""
    return max(1, -(-count // max(1, page_size)))


def plan_pages(catalog: Catalog, index: SiteIndex, strings, page_size: int) -> list[PageSpec]:
    """Every generated page, in a fixed order. Only section pages are in the navigation."""
    pages = [PageSpec(CATALOG_PAGE, "catalog-page", strings["catalog_page"], in_nav=True),
             PageSpec(PLATFORMS_INDEX, "platforms-index", strings["platforms"], in_nav=True)]
    for facet, label in FACET_LABELS:
        if not index.by_term.get(facet):
            continue
        pages.append(PageSpec(facet_index_page(facet), "facet-index", strings[label], (facet,), in_nav=True))
        for term_id, members in index.by_term[facet].items():
            title = term_title(catalog, facet, term_id, strings)
            for number in range(1, listing_chunks(len(members), page_size) + 1):
                pages.append(PageSpec(listing_page(facet, term_id, number), "listing", title,
                                      (facet, term_id, number)))
    pages.append(PageSpec(CONTACTS_PAGE, "contacts", strings["contacts_directory"], in_nav=True))
    pages.append(PageSpec(SOURCES_PAGE, "sources", strings["sources_page"], in_nav=True))
    for source_id, source in sorted(catalog.sources.items()):
        citing = len(index.cited_by.get(source_id, ()))
        for number in range(1, listing_chunks(citing, page_size) + 1):
            pages.append(PageSpec(source_page(source_id, number), "source", source.name, (source_id, number)))
    for kind, entry in catalog.entries():
        if kind in ENTRY_FOLDERS:
            pages.append(PageSpec(entry_page(kind, entry.id), "entry", entry.name, (kind, entry.id)))
    _check_unique(pages)
    return pages


def term_title(catalog: Catalog, facet: str, term_id: str, strings) -> str:
    term = catalog.taxonomy.term(facet, term_id)
    if term is None:
        return term_id
    if strings["language"] == "en" and term.name_en:
        return term.name_en
    return term.name


def _check_unique(pages: list[PageSpec]) -> None:
    seen: dict[str, PageSpec] = {}
    for page in pages:
        if page.src_uri in seen:
            raise PageConflict(f"页面地址冲突 (two pages at one address): {page.src_uri} "
                               f"({seen[page.src_uri].role} {seen[page.src_uri].key} / {page.role} {page.key})")
        seen[page.src_uri] = page
