"""What the /catalog/ page costs a visitor: bytes downloaded (gzip) and time to filter and search.

For each size (default 1,000 and 25,000 resource entries) it writes a synthetic catalog
(bench/synth_catalog.py), builds the site with the real `mkdocs build` and plugin, serves it on
127.0.0.1 and opens /catalog/ in headless Debian Chromium. It prints:

- every file the browser fetched for the page, raw and gzip-compressed (level 6, as web servers
  commonly send them), and the total; targets: 300 KB at 1,000 entries, 2 MB at 25,000;
- at the largest size, the time from an action to the updated list (the page's own handler plus a
  forced layout, measured inside the page with performance.now()) for ticking filters and for
  typing searches character by character (Chinese, pinyin, initials); target 50 ms.

Run: .venv/bin/python bench/catalog_page_bench.py [--sizes 1000 25000] [--keep DIR]
"""

from __future__ import annotations

import gzip
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from browser_bench import chromium_and_catalogs, p95, size_arguments
from browser_site import build_site, serve_site

BYTE_TARGETS = {1000: 300 * 1024, 25000: 2 * 1024 * 1024}
TIME_TARGET_MS = 50.0
ROUNDS = 3

# Inside the page: run one action, force layout, report the milliseconds.
MEASURE_JS = """
async (steps) => {
  const results = document.getElementById("cc-results");
  const input = document.getElementById("cc-q");
  const out = [];
  for (const [kind, what] of steps) {
    const start = performance.now();
    if (kind === "tick") {
      document.getElementById(what).click();
    } else if (kind === "type") {
      input.value += what;
      input.dispatchEvent(new Event("input", {bubbles: true}));
    } else if (kind === "clear") {
      input.value = "";
      input.dispatchEvent(new Event("input", {bubbles: true}));
    }
    void results.offsetHeight;  // the list laid out again
    const took = performance.now() - start;
    out.push([kind, what, took, document.getElementById("cc-catalog").dataset.results]);
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  return out;
}
"""

FILTER_STEPS = [("tick", "cc-level-undergraduate"), ("tick", "cc-level-higher-vocational"),
                ("tick", "cc-kind-course"), ("tick", "cc-region-national"), ("tick", "cc-free-now"),
                ("tick", "cc-discipline-ug-07"), ("tick", "cc-discipline-ug-07"), ("tick", "cc-free-now"),
                ("tick", "cc-region-national"), ("tick", "cc-kind-course"),
                ("tick", "cc-level-higher-vocational"), ("tick", "cc-level-undergraduate")]


def _typing(text: str) -> list:
    return [("type", ch) for ch in text] + [("clear", "")]


SEARCH_STEPS = (_typing("gaodengshuxue") + _typing("gdsx") + [("type", "高等"), ("type", "数学"), ("clear", "")]
                + _typing("zhihuishu") + [("type", "虚拟仿真"), ("clear", "")])


def measure_page(browser, base_url: str, timings: bool) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    fetched: list = []

    def record(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        fetched.append((response.url, body))

    page.on("response", record)
    start = time.perf_counter()
    page.goto(base_url + "catalog/")
    page.wait_for_selector("#cc-catalog[data-ready='true']", timeout=120_000)
    ready_s = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    outside = [url for url, _ in fetched if urlsplit(url).hostname != "127.0.0.1"]
    files = sorted(((urlsplit(url).path, len(body), len(gzip.compress(body, 6))) for url, body in fetched),
                   key=lambda f: -f[2])
    result = {"files": files, "outside": outside, "ready_s": ready_s}
    if timings:  # three rounds each: on a shared 2-core machine one round can catch a busy moment
        result["filter"] = [row for _ in range(ROUNDS) for row in page.evaluate(MEASURE_JS, FILTER_STEPS)]
        result["search"] = [row for _ in range(ROUNDS) for row in page.evaluate(MEASURE_JS, SEARCH_STEPS)]
    page.close()
    return result


def scrambled_index_bytes(data_dir: Path) -> int:
    """gzip bytes of facets.json when every Han character of names, aliases and descriptions is drawn at
    random from 3,000 characters: text that never repeats, an upper bound that real prose stays under."""
    import datetime as dt
    import random

    from catalog.loader import load_catalog
    from catalog_plugins.facets import build_facet_index, facet_index_json

    catalog = load_catalog(data_dir).catalog
    rng = random.Random(1)
    pool = [chr(code) for code in range(0x4E00, 0x4E00 + 6000, 2)]

    def scramble(text):
        return "".join(rng.choice(pool) if "\u4e00" <= ch <= "\u9fff" else ch for ch in text or "")

    for entry in [*catalog.platforms.values(), *catalog.resources.values()]:
        entry.name, entry.description = scramble(entry.name), scramble(entry.description)
        entry.aliases = [scramble(alias) for alias in entry.aliases]
    text = facet_index_json(build_facet_index(catalog, dt.date(2026, 11, 21)))
    return len(gzip.compress(text.encode("utf-8"), 6))


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def report(n: int, build_s: float, result: dict) -> None:
    files = result["files"]
    raw, packed = sum(f[1] for f in files), sum(f[2] for f in files)
    target = BYTE_TARGETS.get(n)
    verdict = "" if target is None else (" OK" if packed <= target else " OVER") + f" (target {_kb(target)})"
    print(f"\n== {n:,} resource entries: site built in {build_s:.1f} s; page ready in {result['ready_s']:.2f} s")
    for path, size, gz in files:
        print(f"   {gz / 1024:9.1f} KB gzip  {size / 1024:10.1f} KB raw  {path}")
    print(f"   total: {_kb(packed)} gzip ({_kb(raw)} raw), {len(files)} files{verdict}")
    if result["outside"]:
        print(f"   !! requests outside the site: {result['outside']}")
    for label in ("filter", "search"):
        if label not in result:
            continue
        times = sorted(row[2] for row in result[label])
        worst = max(result[label], key=lambda row: row[2])
        over = sum(1 for t in times if t > TIME_TARGET_MS)
        print(f"   {label}: {len(times)} updates, median {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms, "
              f"max {times[-1]:.1f} ms ({worst[0]} {worst[1]!r} -> {worst[3]} results); "
              f"{over} over the {TIME_TARGET_MS:.0f} ms target")


def main(argv=None) -> int:
    args = size_arguments("目录筛选页的下载量与响应时间 (catalog page bytes and update times)", argv)
    with chromium_and_catalogs(args, "catalog-page-bench-") as (browser, work, catalogs):
        for n, data in catalogs:
            start = time.perf_counter()
            site = build_site(data, work / f"site-{n}")
            build_s = time.perf_counter() - start
            with serve_site(site) as url:
                result = measure_page(browser, url, timings=(n == max(args.sizes)))
            report(n, build_s, result)
            print(f"   facets.json with never-repeating text instead: "
                  f"{_kb(scrambled_index_bytes(data))} gzip (upper bound)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
