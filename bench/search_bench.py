"""What the header search costs a visitor, against Material's own search on the same catalog.

For each size (default 1,000 and 25,000 resource entries) it writes a synthetic catalog
(bench/synth_catalog.py) and builds it twice with the real `mkdocs build`: with the catalog's header
search (the default) and with `header_search: false` (Material's lunr search over every page, the
peer). Each site is served on 127.0.0.1 and opened in headless Debian Chromium, which opens the
header search and types queries key by key. It prints, per site:

- every file the search fetched (the index, the worker, the catalog's entries), raw and gzip level 6
  (as web servers send them), and the total; target: 1 MB at 25,000 entries;
- the time from opening the search until it answers (the worker's set-up);
- per keystroke, the time from the key (keyup, when Material sends the query) to the rendered results,
  measured inside the page (target 50 ms at 25,000), and the first hit of each query;
- ours / peer ratios for bytes, set-up and keystroke median.

Run: .venv/bin/python bench/search_bench.py [--sizes 1000 25000] [--keep DIR]
"""

from __future__ import annotations

import gzip
import statistics
import sys
import time
from urllib.parse import urlsplit

from browser_bench import chromium_and_catalogs, p95, size_arguments
from browser_site import build_site, serve_site

BYTE_TARGET = 1024 * 1024  # at 25,000 entries
TIME_TARGET_MS = 50.0
ROUNDS = 3
# Typed key by key; Chinese arrives a character at a time, as an input method commits it.
QUERIES = ["zhihuishu", "zhs", "智慧树", "中国大学MOOC", "爱课程", "gaodengshuxue", "gdsx", "高等数学", "虚拟仿真", "医学",
           "學堂在線", "中国大学慕课", "本科医学虚拟仿真", "河南联系人"]  # folded, synonym, split, no split

# Inside the page: for each prefix of each query, set the box, send keyup, and time until Material
# has rendered the worker's answer (a mutation of the result count), plus a forced layout.
TYPE_JS = """
async (queries) => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const out = [];
  for (const query of queries) {
    const keys = Array.from(query);
    for (let k = 1; k <= keys.length; k++) {
      const value = keys.slice(0, k).join("");
      const answered = new Promise(resolve => {
        const watch = new MutationObserver(() => { watch.disconnect(); resolve(performance.now()); });
        watch.observe(meta, {childList: true, characterData: true, subtree: true});
        setTimeout(() => { watch.disconnect(); resolve(null); }, 10000);
      });
      input.value = value;
      const start = performance.now();
      input.dispatchEvent(new KeyboardEvent("keyup", {key: keys[k - 1], bubbles: true}));
      const end = await answered;
      void list.offsetHeight;
      const first = list.querySelector("li a.md-search-result__link");
      out.push([value, end === null ? null : performance.now() - start,
                first ? new URL(first.href).pathname : null]);
      await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    input.value = "";
    input.dispatchEvent(new KeyboardEvent("keyup", {key: "Backspace", bubbles: true}));
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return out;
}
"""

# Before the page's scripts: note the time the catalog's worker reports for each query.
WORKER_TIMES_JS = """
(() => {
  const Original = window.Worker;
  window.__workerTimes = [];
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    worker.addEventListener("message", event => {
      const took = event.data && event.data.data && event.data.data.took;
      if (typeof took === "number") window.__workerTimes.push(took);
    });
    return worker;
  };
})();
"""

# Inside the page: wait until the worker answers a query with results (it answers only once set up).
READY_JS = """
async () => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  for (let tries = 0; tries < 400; tries++) {
    const answered = new Promise(resolve => {
      const watch = new MutationObserver(() => { watch.disconnect(); resolve(true); });
      watch.observe(meta, {childList: true, characterData: true, subtree: true});
      setTimeout(() => { watch.disconnect(); resolve(false); }, 250);
    });
    input.value = "课程";
    input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
    if (await answered && document.querySelector(".md-search-result__list li")) break;
    input.value = "";
    input.dispatchEvent(new KeyboardEvent("keyup", {key: "Backspace", bubbles: true}));
  }
  input.value = "";
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "Backspace", bubbles: true}));
}
"""


def measure(browser, base_url: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fetched: dict[str, bytes] = {}

    def record(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        fetched[urlsplit(response.url).path] = body

    context.on("response", record)
    context.add_init_script(WORKER_TIMES_JS)
    page = context.new_page()
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    before = set(fetched)
    start = time.perf_counter()
    page.click("input.md-search__input")
    page.evaluate(READY_JS)
    ready_s = time.perf_counter() - start
    page.wait_for_timeout(500)
    search_files = [path for path in fetched if path not in before or "search" in path or "facets" in path]
    files = sorted(((path, len(fetched[path]), len(gzip.compress(fetched[path], 6))) for path in search_files),
                   key=lambda f: -f[2])
    page.evaluate("window.__workerTimes.length = 0")
    typed = [row for _ in range(ROUNDS) for row in page.evaluate(TYPE_JS, QUERIES)]
    worker = page.evaluate("window.__workerTimes")
    context.close()
    return {"files": files, "ready_s": ready_s, "typed": typed, "worker": worker}


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def report(label: str, result: dict, target_bytes: int | None) -> dict:
    files = result["files"]
    packed = sum(f[2] for f in files)
    verdict = "" if target_bytes is None else (" OK" if packed <= target_bytes else " OVER") + f" (target {_kb(target_bytes)})"
    print(f"  -- {label}: search answers {result['ready_s']:.2f} s after the box is opened")
    for path, size, gz in files:
        print(f"     {gz / 1024:9.1f} KB gzip  {size / 1024:10.1f} KB raw  {path}")
    print(f"     download: {_kb(packed)} gzip{verdict}")
    times = sorted(row[1] for row in result["typed"] if row[1] is not None)
    lost = sum(1 for row in result["typed"] if row[1] is None)
    high = p95(times)
    over = sum(1 for t in times if t > TIME_TARGET_MS)
    worst = max((row for row in result["typed"] if row[1] is not None), key=lambda row: row[1])
    median = statistics.median(times)
    slow = sorted({row[0] for row in result["typed"] if row[1] is not None and row[1] > TIME_TARGET_MS})
    print(f"     keystrokes: {len(times)}, median {median:.1f} ms, p95 {high:.1f} ms, max {times[-1]:.1f} ms "
          f"({worst[0]!r}); {over} over {TIME_TARGET_MS:.0f} ms {slow[:12]}; {lost} unanswered")
    if result["worker"]:
        inside = sorted(result["worker"])
        print(f"     of which the worker's own search: median {statistics.median(inside):.1f} ms, "
              f"p95 {p95(inside):.1f} ms, max {inside[-1]:.1f} ms")
    finals = {row[0]: row[2] for row in result["typed"] if row[0] in QUERIES}
    print("     first hit: " + "; ".join(f"{q} -> {finals.get(q)}" for q in QUERIES))
    return {"bytes": packed, "ready": result["ready_s"], "median": median, "p95": high}


def main(argv=None) -> int:
    args = size_arguments("页眉搜索的下载量与按键响应 (header search bytes and keystroke times)", argv)
    with chromium_and_catalogs(args, "search-bench-") as (browser, work, catalogs):
        for n, data in catalogs:
            print(f"\n== {n:,} resource entries")
            figures = {}
            for label, ours in (("catalog search (ours)", True), ("Material search (peer)", False)):
                start = time.perf_counter()
                site = build_site(data, work / f"site-{n}-{'ours' if ours else 'peer'}", header_search=ours,
                                  timeout=3600)  # the peer indexes every entry page: slow
                print(f"  built in {time.perf_counter() - start:.1f} s ({label})")
                with serve_site(site) as url:
                    result = measure(browser, url)
                target = BYTE_TARGET if (ours and n >= 25000) else None
                figures[ours] = report(label, result, target)
            a, b = figures[True], figures[False]
            print(f"  ours / peer: download {a['bytes'] / b['bytes']:.2f}x, set-up {a['ready'] / b['ready']:.2f}x, "
                  f"keystroke median {a['median'] / b['median']:.2f}x, p95 {a['p95'] / b['p95']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
