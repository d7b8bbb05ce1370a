"""The MkDocs plugin `course-catalog`: thin hooks around collect (pages.py) and render (render.py).

on_config   load and validate the catalog; fail the build with `path:line: message` lines before
            MkDocs cleans the site folder, so a bad entry leaves the last good site as it was
on_files    add every generated page in memory (File.generated); only section pages are in the nav
on_page_*   give generated pages their (escaped) title and their HTML; the part that site search
            should not index is added to the finished page in on_post_page
on_post_page  also point the theme's search at the catalog's worker (plugins/header_search.py)
on_post_build  write the catalog as data (catalog.json, downloads/); finish the search index
on_serve    watch the data folder and the link-state file
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from catalog.loader import load_catalog
from catalog.periods import as_of_date
from catalog_plugins import catalog_page, header_search, pages, render_downloads, render_search_index
from catalog_plugins.facets import FACET_INDEX_FILE, build_facet_index, facet_index_json
from catalog_plugins.config import CatalogConfig
from catalog_plugins.render import DETAILED_ROLES, DETAILS_MARKER, TEMPLATES_DIR, Renderer, SiteFacts
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

    def on_config(self, config):
        # Material's search loads jieba, which logs its dictionary loading at DEBUG on every build.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.catalog = _load_valid_catalog(Path(self.config.data_dir))
        self.worker_swapped = False
        facts = SiteFacts(
            as_of=_as_of(),
            link_state=_read_link_state(self.config.link_state),
            mask_personal_mobiles=self.config.mask_personal_mobiles,
            page_size=max(1, self.config.listing_page_size),
            use_directory_urls=config.use_directory_urls,
            downloads=render_downloads.LINKS,
        )
        strings = ui_strings(self.config.language)
        index = pages.build_index(self.catalog, facts.mask_personal_mobiles)
        try:
            planned = pages.plan_pages(self.catalog, index, strings, facts.page_size)
        except pages.PageConflict as exc:
            raise PluginError(str(exc)) from None
        self.specs = {spec.src_uri: spec for spec in planned}
        facet_index = build_facet_index(self.catalog, facts.as_of)
        self.facet_json = facet_index_json(facet_index)
        self.renderer = Renderer(self.catalog, index, strings, facts, facet_index)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
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
        if spec is None or spec.role not in DETAILED_ROLES:
            return output
        return output.replace(DETAILS_MARKER, self.renderer.render_details(spec, page.url), 1)

    def on_post_template(self, output_content, *, template_name, config):  # 404.html and the like
        if not self.config.header_search:
            return output_content
        return header_search.use_catalog_worker(output_content)[0]

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config):
        catalog_index = pages.page_url(pages.CATALOG_PAGE) + FACET_INDEX_FILE
        settings = header_search.worker_settings(self.renderer.t, catalog_index) if self.worker_swapped else None
        render_search_index.finish(Path(config.site_dir), settings)
        render_downloads.write_data_files(self.catalog, Path(config.site_dir), self.renderer.facts.as_of,
                                          self.config.mask_personal_mobiles)

    def on_serve(self, server, *, config, builder):
        server.watch(str(Path(self.config.data_dir)))
        if self.config.link_state:
            server.watch(str(Path(self.config.link_state)))
        return server


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
