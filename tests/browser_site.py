"""Build a site with the real `mkdocs build` and the real plugin, serve it on loopback, drive Chromium.

Shared by the browser tests (tests/test_browser*.py) and bench/catalog_page_bench.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# 2026-11-21 00:00 UTC: the build date the browser tests compute free status against.
SOURCE_DATE_EPOCH = "1795219200"

SITE_CONFIG = """\
site_name: 课程资源目录
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
  - course-catalog:
      data_dir: {data_dir}
nav:
  - 首页: index.md
  - 目录筛选: catalog/index.md
"""


def build_site(data_dir: Path, work_dir: Path, epoch: str = SOURCE_DATE_EPOCH, timeout: int = 900,
               header_search: bool = True) -> Path:
    """`mkdocs build` of a one-page docs folder plus the catalog in `data_dir`; the site folder.

    header_search=False leaves the header to Material's own search (the search bench's peer)."""
    (work_dir / "docs").mkdir(parents=True, exist_ok=True)
    (work_dir / "docs" / "index.md").write_text("# 课程资源目录\n", encoding="utf-8")
    config = SITE_CONFIG.format(data_dir=Path(data_dir).resolve().as_posix())
    if not header_search:
        config = config.replace("      data_dir:", "      header_search: false\n      data_dir:")
    (work_dir / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=work_dir, env=env,
                           capture_output=True, text=True, timeout=timeout)
    if built.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{built.stderr}")
    return work_dir / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    stall: tuple[bytes, float] | None = None  # (marker, seconds): pause HTML bodies after the marker

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        body = source.read()
        cut = body.find(self.stall[0]) if self.stall and self.path.endswith("/") else -1
        if cut < 0:
            outputfile.write(body)
            return
        # A slow connection: the browser has the page up to the marker, paints it, and waits.
        cut += len(self.stall[0])
        outputfile.write(body[:cut])
        outputfile.flush()
        time.sleep(self.stall[1])
        outputfile.write(body[cut:])


@contextlib.contextmanager
def serve_site(site_dir: Path, stall: tuple[bytes, float] | None = None):
    """Serve a folder over HTTP on 127.0.0.1 (a free port); yields the base URL ending in '/'.
    `stall` = (marker, seconds): every page's HTML pauses that long right after the marker."""
    handler = functools.partial(type("_Handler", (_QuietHandler,), {"stall": stall}), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


REPO = Path(__file__).resolve().parents[1]


def build_shipped_site(work_dir: Path, epoch: str = SOURCE_DATE_EPOCH, timeout: int = 900) -> Path:
    """`mkdocs build` of the repository's own mkdocs.yml: the shipped catalog, docs and navigation."""
    site = Path(work_dir) / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)], cwd=REPO,
                           env=env, capture_output=True, text=True, timeout=timeout)
    if built.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{built.stderr}")
    return site


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (the copy bundled by the axe-playwright-python package) on the open page; the
    violations of the given impacts, each {id, impact, help, targets}."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    page.add_script_tag(path=str(script))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                             targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
    }""")
    return [v for v in found if v["impact"] in impacts]


# Inside the page: put a query in the header search, let Material send it to the worker (on keyup),
# and return the result links once the answer is rendered.
HEADER_QUERY_JS = """
async (query) => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const answered = new Promise(resolve => {
    const watch = new MutationObserver(() => { watch.disconnect(); resolve(true); });
    watch.observe(meta, {childList: true, characterData: true, subtree: true});
    setTimeout(() => resolve(false), 5000);
  });
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  if (!await answered) return null;
  return [...list.querySelectorAll(":scope > li a.md-search-result__link")]
    .map(a => new URL(a.href).pathname);
}
"""

# Inside /catalog/: type the query (the page updates on each input event) and return the result links.
CATALOG_QUERY_JS = """
(query) => {
  const input = document.getElementById("cc-q");
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  return [...document.querySelectorAll("#cc-results > li h3 a")].map(a => new URL(a.href).pathname);
}
"""
