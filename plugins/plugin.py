"""The MkDocs plugin `course-catalog`: thin hooks around collect (pages.py) and render (render.py).

on_config   load and validate the catalog; fail the build with `path:line: message` lines before
            MkDocs cleans the site folder, so a bad entry leaves the last good site as it was
on_files    add every generated page in memory (File.generated); only section pages are in the nav
on_page_*   give generated pages their (escaped) title and their HTML; the part that site search
            should not index is added to the finished page in on_post_page
on_post_page  also point the theme's search at the catalog's worker (plugins/header_search.py)
on_post_build  write the catalog as data (catalog.json, downloads/); finish the search index; then, last,
            swap the staged site in
on_build_error drop the staged site: a failed build leaves the last good site (staging.py)
on_serve    watch the data folder, the link-state folder and the plugin's templates and assets
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from catalog.loader import load_catalog
from catalog.periods import as_of_date
from catalog_plugins import a11y, catalog_page, header_search, offline, pages, render_downloads, render_search_index
from catalog_plugins.edit_links import entry_edit_urls, repository_edit_base
from catalog_plugins.facets import FACET_INDEX_FILE, build_facet_index, facet_index_json
from catalog_plugins.cjk_text import CjkLineJoin
from catalog_plugins.config import CatalogConfig
from catalog_plugins.staging import StagedSite
from catalog_plugins.render import DETAILED_ROLES, DETAILS_MARKER, TEMPLATES_DIR, Renderer, SiteFacts
from catalog_plugins.status import StatusBook
from catalog_plugins.strings import ui_strings

log = logging.getLogger("mkdocs.plugins.course-catalog")

# Hand-written pages place the generated blocks with these comments.
SUMMARY_MARKER = "<!-- course-catalog:summary -->"
DOWNLOADS_MARKER = "<!-- course-catalog:downloads -->"
STYLESHEET = "assets/course-catalog/pages.css"


class CatalogPlugin(BasePlugin[CatalogConfig]):
    def __init__(self):
        self.specs: dict[str, pages.PageSpec] = {}
        self.renderer: Renderer | None = None
        self.catalog = None
        self.facet_json = ""
        self.worker_swapped = False  # whether a page of this build got the catalog's search worker
        self.staged = StagedSite()
        self.dirty = False

    def on_startup(self, *, command, dirty):
        self.dirty = dirty  # a --dirty build updates the site in place: nothing to stage

    def on_config(self, config):
        # Material's search loads jieba, which logs its dictionary loading at DEBUG on every build.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.worker_swapped = False  # per build: with on_startup, mkdocs serve keeps this plugin object
        self.catalog = _load_valid_catalog(Path(self.config.data_dir))
        facts = SiteFacts(
            as_of=_as_of(),
            link_state=_read_link_state(self.config.link_state),
            mask_personal_mobiles=self.config.mask_personal_mobiles,
            page_size=max(1, self.config.listing_page_size),
            use_directory_urls=config.use_directory_urls,
            downloads=render_downloads.LINKS,
            contact_downloads=render_downloads.CONTACT_LINKS,
            edit_urls=_edit_urls(self.catalog, config),
            stale_after_days=max(0, self.config.stale_after_days),
            wide_region=self.config.wide_region,
        )
        strings = ui_strings(self.config.language)
        index = pages.build_index(self.catalog, facts.mask_personal_mobiles)
        try:
            planned = pages.plan_pages(self.catalog, index, strings, facts.page_size)
        except pages.PageConflict as exc:
            raise PluginError(str(exc)) from None
        self.specs = {spec.src_uri: spec for spec in planned}
        statuses = StatusBook(self.catalog, facts.as_of, facts.link_state)
        facet_index = build_facet_index(self.catalog, facts.as_of,
                                        marks=lambda kind, entry: statuses.short_marks(kind, entry, strings))
        self.facet_json = facet_index_json(facet_index)
        self.renderer = Renderer(self.catalog, index, strings, facts, facet_index)
        if not any(isinstance(ext, CjkLineJoin) for ext in config.markdown_extensions):
            config.markdown_extensions.append(CjkLineJoin())  # wrapped Chinese lines in docs pages
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if a11y.SCRIPT_PATH not in config.extra_javascript:
            config.extra_javascript.append(a11y.SCRIPT_PATH)
        if not self.dirty:
            self.staged.begin(config)  # last: nothing above may fail with a staging folder made
        return config

    def on_files(self, files: Files, *, config):
        for src_uri, spec in self.specs.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} 与生成的页面同名，请改名 "
                                  f"(a hand-written page has the address of a generated one)")
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content="", inclusion=inclusion))
        css = (TEMPLATES_DIR / "pages.css").read_text(encoding="utf-8")
        files.append(File.generated(config, STYLESHEET, content=css))
        files.append(File.generated(config, a11y.SCRIPT_PATH, content=a11y.script(self.renderer.t["table_scroll"])))
        catalog_folder = pages.CATALOG_PAGE.rsplit("/", 1)[0]
        files.append(File.generated(config, f"{catalog_folder}/{FACET_INDEX_FILE}", content=self.facet_json))
        for name in catalog_page.ASSET_FILES + header_search.ASSET_FILES:
            files.append(File.generated(config, catalog_page.ASSETS_SITE_DIR + name,
                                        abs_src_path=str(catalog_page.ASSETS_DIR / name)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        page.meta["title"] = html.escape(spec.title)  # themes print titles unescaped
        # The theme's edit button: an entry's own YAML file; other generated pages have no file to edit.
        page.edit_url = self.renderer.facts.edit_urls.get(_entry_key(spec))
        if self.config.header_search and header_search.excluded_from_theme_index(spec):
            page.meta["search"] = {"exclude": True}
        return ""

    def on_page_content(self, content, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            return self.renderer.render(spec, page.url)
        if SUMMARY_MARKER in content:
            content = content.replace(SUMMARY_MARKER, self.renderer.summary(page.url))
        if DOWNLOADS_MARKER in content:
            content = content.replace(DOWNLOADS_MARKER, self.renderer.downloads(page.url))
        return content

    def on_post_page(self, output, *, page, config):
        if self.config.header_search:
            output, swapped = header_search.use_catalog_worker(output)
            self.worker_swapped |= swapped
        spec = self.specs.get(page.file.src_uri)
        strings = self.renderer.t
        output = a11y.name_search_dialog(output, strings["search_dialog"])
        output = offline.plain_repository_link(output)
        if spec is not None:
            target, label = (("cc-q", "skip_to_filter") if spec.role == "catalog-page"
                             else ("ccp-title", "skip_to_content"))
            output = a11y.add_skip_link(output, target, strings[label])
        if spec is None or spec.role not in DETAILED_ROLES:
            return output
        return output.replace(DETAILS_MARKER, self.renderer.render_details(spec, page.url), 1)

    def on_post_template(self, output_content, *, template_name, config):  # 404.html and the like
        output_content = offline.plain_repository_link(output_content)
        if not self.config.header_search:
            return output_content
        return header_search.use_catalog_worker(output_content)[0]

    @event_priority(-100)  # after the search plugin has written its index
    def _write_data(self, *, config):
        catalog_index = pages.page_url(pages.CATALOG_PAGE) + FACET_INDEX_FILE
        settings = header_search.worker_settings(self.renderer.t, catalog_index) if self.worker_swapped else None
        render_search_index.finish(Path(config.site_dir), settings)
        render_downloads.write_data_files(self.catalog, Path(config.site_dir), self.renderer.facts.as_of,
                                          self.config.mask_personal_mobiles)

    @event_priority(-1000)  # the very last: every plugin has written its part of the staged site
    def _swap_in_site(self, *, config):
        self.staged.finish()

    on_post_build = CombinedEvent(_write_data, _swap_in_site)

    def on_build_error(self, *, error):
        self.staged.abandon()

    def on_shutdown(self):
        self.staged.abandon()

    def on_serve(self, server, *, config, builder):
        server.watch(str(Path(self.config.data_dir)))  # entries and the taxonomy
        if self.config.link_state:
            # The folder, not the file: on a fresh clone the file does not exist yet (no link check has
            # run), and check-links replaces it by a rename, which a watch on the old file never sees.
            state_folder = Path(self.config.link_state).parent
            state_folder.mkdir(parents=True, exist_ok=True)
            server.watch(str(state_folder), recursive=False)
        for folder in (TEMPLATES_DIR, catalog_page.ASSETS_DIR):  # read afresh on every build
            server.watch(str(folder))
        return server


def _entry_key(spec: pages.PageSpec) -> str | None:
    if spec.role == "entry":
        return "/".join(spec.key)  # (kind, id)
    if spec.role == "source":
        return f"source/{spec.key[0]}"  # (id, page number)
    return None


def _edit_urls(catalog, config) -> dict[str, str]:
    root = Path(config.config_file_path).parent
    base = repository_edit_base(config.repo_url, config.edit_uri, config.docs_dir, root)
    return entry_edit_urls(catalog.locations, base, root)


def _load_valid_catalog(data_dir: Path):
    result = load_catalog(data_dir)
    if result.problems:
        lines = "\n".join(problem.render() for problem in result.problems)
        raise PluginError(f"课程目录校验失败，共 {len(result.problems)} 个问题 "
                          f"(catalog validation failed, {len(result.problems)} problems):\n{lines}")
    return result.catalog


def _as_of():
    try:
        return as_of_date()
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def _read_link_state(path: str | None):
    if not path:
        return None
    from catalog.linkstate import LinkStateError, read_state

    try:
        return read_state(Path(path))
    except LinkStateError as exc:
        raise PluginError(str(exc)) from None
