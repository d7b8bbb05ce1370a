"""Turn one planned page into HTML (the "render" phase), with Jinja2 templates that escape everything.

Autoescaping is on for every template: entry text reaches the page only as escaped text, never as
Markdown or HTML. Links between generated pages are relative, so the site works from any folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from catalog.catalog import Catalog
from catalog.currency import is_stale, last_confirmed
from catalog.periods import is_free_now, period_status
from catalog.privacy import present_contacts
from catalog_plugins import pages as P
from catalog_plugins import cjk_text, views
from catalog_plugins.basis_view import basis_rows
from catalog_plugins.catalog_page import render_catalog_page
from catalog_plugins.contact_ages import contacts_by_age
from catalog_plugins.status import StatusBook, scope_text

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates" / "catalog"

# Pages in two parts: what site search indexes (name, description) goes through MkDocs as the page
# content; the details below it are put into the finished HTML at this marker (`on_post_page`), so
# that the search indexer neither parses nor stores them. Entry text cannot forge the marker: it
# reaches the page escaped.
DETAILS_MARKER = "<!-- course-catalog:details -->"
DETAILED_ROLES = frozenset({"entry", "source", "listing"})


@dataclass
class SiteFacts:
    """What every page may need beyond the catalog: the build date, link results, options."""

    as_of: dt.date
    link_state: object | None  # catalog.linkstate.LinkState, when a state file is configured
    mask_personal_mobiles: bool
    page_size: int
    use_directory_urls: bool = True
    downloads: tuple[tuple[str, str], ...] = ()  # (label key, path under the site root)
    contact_downloads: tuple[tuple[str, str], ...] = ()  # the same, of the contacts alone
    edit_urls: dict[str, str] = field(default_factory=dict)  # "kind/id" -> its YAML file's edit page
    stale_after_days: int = 0  # 0: nothing is marked as out of date
    wide_region: str | None = None  # the region whose entries serve every region (全国)


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=cjk_text.finalize,  # entry text (folded YAML) without stray spaces between Chinese
    )
    env.filters["iso"] = views.iso
    return env


class Renderer:
    def __init__(self, catalog: Catalog, index: P.SiteIndex, strings, facts: SiteFacts, facet_index: dict):
        self.catalog = catalog
        self.index = index
        self.facet_index = facet_index  # plugins.facets.build_facet_index, for the /catalog/ page
        self.t = strings
        self.facts = facts
        self.env = make_environment()
        self.statuses = StatusBook(catalog, facts.as_of, facts.link_state)
        self._root = ""
        self._snippets: dict[tuple, Markup] = {}
        self.env.globals.update(self._globals())
        self._templates = {}

    # --- entry points ------------------------------------------------------------------------

    def render(self, spec: P.PageSpec, page_url: str) -> str:
        if spec.role == "catalog-page":
            return self._catalog_page(page_url)
        context = getattr(self, "_page_" + spec.role.replace("-", "_"))(spec)
        html = self._template(spec.role).render(spec=spec, **self._at(page_url), **context)
        return html + DETAILS_MARKER if spec.role in DETAILED_ROLES else html

    def render_details(self, spec: P.PageSpec, page_url: str) -> str:
        context = getattr(self, "_page_" + spec.role.replace("-", "_"))(spec)
        return self._template(spec.role + "-details").render(spec=spec, **self._at(page_url), **context)

    def _catalog_page(self, page_url: str) -> str:
        """The /catalog/ page (part B's markup), with the listing pages as its way without JavaScript."""
        directory_urls = self.facts.use_directory_urls
        listings = [(self.t["platforms"], P.page_url(P.PLATFORMS_INDEX, directory_urls))]
        for facet, label in P.FACET_LABELS:
            if self.index.by_term.get(facet):
                listings.append((self.t[label], P.page_url(P.facet_index_page(facet), directory_urls)))
        return render_catalog_page(self.facet_index, site_root=P.relative_root(page_url) or "./",
                                   listings=listings, language=self.t["language"])

    def summary(self, page_url: str) -> str:
        """The home page's block of figures: how big the catalog is and how old its facts are."""
        issued = sorted(s.issued for s in self.catalog.sources.values() if s.issued)
        free_now = sum(1 for _, e in self._platforms_and_resources() if is_free_now(e.free_periods, self.facts.as_of))
        contacts = sum(len(self._shown_contacts(entry)) for _, entry in self.catalog.entries())
        return self._template("summary").render(
            issued_first=issued[0] if issued else None, issued_last=issued[-1] if issued else None,
            free_now_count=free_now, contact_count=contacts, **self._at(page_url))

    def downloads(self, page_url: str) -> str:
        """Links to the catalog as data (written by on_post_build)."""
        return self._template("downloads").render(**self._at(page_url))

    # --- shared helpers ------------------------------------------------------------------------

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(f"{name}.html")
        return self._templates[name]

    def _globals(self) -> dict:
        """Helpers every template and macro sees. They read the page being rendered from
        `self._root`, so the macros can be imported without context (Jinja caches them then)."""
        return {
            "t": self.t, "catalog": self.catalog, "facts": self.facts, "as_of": self.facts.as_of,
            "href": self._href, "site_href": lambda path: self._root + path, "term": self._term,
            "entry_href": self._entry_src, "link_record": self._link_record,
            "period_status": self._period_status, "age": self._age, "tel": views.tel_href,
            "mailto": views.mailto_href, "count_text": lambda count: views.count_text(count, self.t), "P": P,
            "free_now": lambda e: is_free_now(e.free_periods, self.facts.as_of), "lookup": self._lookup,
            "term_links_html": self._term_links_html, "source_links_html": self._source_links_html,
            "contact_anchor": P.contact_anchor,
            "basis_rows": lambda entry: basis_rows(self.catalog, entry),
            "currency": lambda entry: last_confirmed(self.catalog, entry),
            "stale": lambda entry: is_stale(last_confirmed(self.catalog, entry), self.facts.as_of,
                                            self.facts.stale_after_days),
            "scope_text": lambda period: scope_text(period, self.catalog, self.t),
            # A UI string with HTML arguments: the string is ours, every argument is escaped unless Markup.
            "fmt": lambda template, *args: Markup(escape(template)).format(*args),
            "nowrap": lambda text: Markup('<span class="ccp-nowrap">{}</span>').format(text),
        }

    def _at(self, page_url: str) -> dict:
        self._root = P.relative_root(page_url)
        return {}

    def _href(self, src_uri: str) -> str:
        return self._root + P.page_url(src_uri, self.facts.use_directory_urls) or "./"

    def _term_links_html(self, facet: str, ids) -> Markup:
        """Linked term names, joined. Many entries share the same terms, so the HTML is kept per
        (page depth, facet, terms); every name is escaped by Markup.format / escape."""
        key = (self._root, facet, tuple(ids))
        if key not in self._snippets:
            parts = []
            for term_id in ids:
                found = self._term(facet, term_id)
                parts.append(Markup('<a href="{}">{}</a>').format(self._href(found["src"]), found["name"])
                             if found["src"] else escape(found["name"]))
            self._snippets[key] = escape(self.t["list_separator"]).join(parts)
        return self._snippets[key]

    def _source_links_html(self, ids) -> Markup:
        key = (self._root, "source", tuple(ids))
        if key not in self._snippets:
            parts = []
            for source_id in ids:
                source = self.catalog.sources.get(source_id)
                parts.append(Markup('<a href="{}">{}</a>').format(self._href(P.source_page(source_id)),
                                                                   source.name if source else source_id))
            self._snippets[key] = escape(self.t["list_separator"]).join(parts)
        return self._snippets[key]

    def _term(self, facet: str, term_id: str) -> dict:
        """A term's name and its listing page (None when no entry uses it)."""
        has_page = term_id in self.index.by_term.get(facet, {})
        return {"id": term_id, "name": P.term_title(self.catalog, facet, term_id, self.t),
                "src": P.listing_page(facet, term_id) if has_page else None}

    @staticmethod
    def _entry_src(kind: str, entry_id: str) -> str:
        return P.source_page(entry_id) if kind == "source" else P.entry_page(kind, entry_id)

    def _lookup(self, kind: str, entry_id: str):
        return self.catalog.by_kind(kind).get(entry_id)

    def _link_record(self, url: str):
        state = self.facts.link_state
        return state.lookup(url) if state is not None else None

    def _period_status(self, period) -> str:
        return period_status(period, self.facts.as_of).value

    def _age(self, published: dt.date) -> str:
        return views.age_text(published, self.facts.as_of, self.t)

    def _platforms_and_resources(self):
        return ((k, e) for k, e in self.catalog.entries() if k != "source")

    def _shown_contacts(self, entry) -> list:
        return present_contacts(entry.contacts, self.facts.mask_personal_mobiles)

    # --- one context per page role -------------------------------------------------------------

    def _page_entry(self, spec: P.PageSpec) -> dict:
        kind, entry_id = spec.key
        entry = self._lookup(kind, entry_id)
        resources = self.index.resources_by_platform.get(entry_id, []) if kind == "platform" else []
        return {"kind": kind, "item": entry, "contacts": self._shown_contacts(entry),
                "status": self.statuses.of(kind, entry),
                "source_ids": P.entry_source_ids(entry), "platform_resources": resources}

    def _page_source(self, spec: P.PageSpec) -> dict:
        source_id, number = spec.key
        citing = self.index.cited_by.get(source_id, [])
        return {"item": self.catalog.sources[source_id], "contacts": self._shown_contacts(self.catalog.sources[source_id]),
                **self._chunk(citing, number, lambda n: P.source_page(source_id, n))}

    def _page_listing(self, spec: P.PageSpec) -> dict:
        facet, term_id, number = spec.key
        members = self.index.by_term[facet][term_id]
        hit = self.catalog.taxonomy.facet_terms(facet).get(term_id)
        # A region's first page also lists every contact for that region, national platforms' included.
        contact_groups = (dict(self.index.contacts_by_region).get(term_id, [])
                          if facet == "region" and number == 1 else [])
        return {"facet": facet, "vocabulary": hit[0] if hit else None, "term_model": hit[1] if hit else None,
                "contact_groups": contact_groups, "wide_region": self._wide_region(facet, term_id, number),
                **self._chunk(members, number, lambda n: P.listing_page(facet, term_id, n))}

    def _wide_region(self, facet: str, term_id: str, number: int) -> dict | None:
        """On a region's first page: the entries that serve every region, which a school there may use too."""
        wide = self.facts.wide_region
        members = self.index.by_term.get("region", {}).get(wide or "", [])
        if facet != "region" or number != 1 or term_id == wide or not members:
            return None
        return {"name": P.term_title(self.catalog, "region", wide, self.t), "count": len(members), "src": P.listing_page("region", wide),
                "contacts_src": P.CONTACTS_PAGE}

    def _chunk(self, members: list, number: int, page_of) -> dict:
        size = self.facts.page_size
        total = P.listing_chunks(len(members), size)
        return {"members": members[(number - 1) * size: number * size], "member_count": len(members),
                "number": number, "pages_total": total,
                "previous_src": page_of(number - 1) if number > 1 else None,
                "next_src": page_of(number + 1) if number < total else None}

    def _page_facet_index(self, spec: P.PageSpec) -> dict:
        (facet,) = spec.key
        used = self.index.by_term.get(facet, {})
        groups = []
        for vocabulary in self.catalog.taxonomy.ordered(facet):
            terms = [(term, len(used[term.id])) for term in vocabulary.terms if term.id in used]
            if terms:
                groups.append((vocabulary, terms))
        return {"facet": facet, "groups": groups}

    def _page_platforms_index(self, spec: P.PageSpec) -> dict:
        return {"platforms": [self.catalog.platforms[i] for i in sorted(self.catalog.platforms)]}

    def _page_contacts(self, spec: P.PageSpec) -> dict:
        return {"regions": self.index.contacts_by_region,
                "by_entry": P.contacts_by_entry(self.index, self.catalog),
                "by_age": contacts_by_age(self.index, self.facts.as_of, self.facts.stale_after_days)}

    def _page_sources(self, spec: P.PageSpec) -> dict:
        listed = [(self.catalog.sources[i], len(self.index.cited_by.get(i, ()))) for i in sorted(self.catalog.sources)]
        return {"sources": listed}
