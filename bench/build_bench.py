"""Build time and peak memory of the site at 1,000 / 5,000 / 25,000 resource entries.

Each size is built twice in the same run, each build in its own child process:

  plugin  MkDocs + Material + the course-catalog plugin over a synthetic catalog
          (bench/synth_catalog.py), validation included
  plain   MkDocs + the same Material theme and search over the same number of hand-written
          Markdown pages (name, description and facts of the same entries), none in the navigation

and the table shows both, their ratio (target: plugin <= 1.2x plain; 25,000 in under 3 minutes),
CPU time and peak memory (from the child's rusage; CPU time is steadier than wall time on a busy
machine) and the size of what a visitor downloads for site search.

    .venv/bin/python bench/build_bench.py [--sizes 1000 5000 25000] [--workdir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth_catalog import write_catalog  # noqa: E402

from catalog.loader import load_catalog  # noqa: E402

EPOCH = "1677628800"  # fixed build date, as in CI

THEME = """\
theme:
  name: material
  language: zh
  font: false
  features: [navigation.top, search.suggest, search.highlight]
"""
# The real site's navigation (sections only); the plain site gets the same, as small hand-written pages.
NAV = ["index.md", "catalog/index.md", "platforms/index.md", "levels/index.md", "disciplines/index.md",
       "kinds/index.md", "regions/index.md", "contacts.md", "sources/index.md"]
NAV_YAML = "nav:\n" + "".join(f"  - {page}\n" for page in NAV)
SEARCH = """\
  - search:
      lang: en
      separator: '[\\s\\u200b\\u3000\\-、。，．？！；]+'
"""


def plugin_project(root: Path, n: int) -> Path:
    write_catalog(root / "data", n, seed=0)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# 课程资源目录\n\n<!-- course-catalog:summary -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: 课程资源目录\n{THEME}plugins:\n{SEARCH}"
        "  - course-catalog:\n      data_dir: data\n" + NAV_YAML, encoding="utf-8")
    return root


def plain_project(root: Path, data_dir: Path) -> Path:
    """The same entries as hand-written Markdown pages, out of the navigation."""
    catalog = load_catalog(data_dir).catalog
    pages = root / "docs" / "resources"
    pages.mkdir(parents=True, exist_ok=True)
    for page in NAV:
        (root / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / page).write_text(f"# {page}\n\n{'目录。' * 40}\n", encoding="utf-8")
    tax = catalog.taxonomy
    for entry in catalog.resources.values():
        lines = [f"# {entry.name}", "", entry.description or "", "",
                 f"- 类型：{tax.name('kind', entry.kind)}",
                 f"- 学段：{'、'.join(tax.name('level', t) for t in entry.levels)}",
                 f"- 学科：{'、'.join(tax.name('discipline', t) for t in entry.disciplines)}",
                 f"- 地区：{'、'.join(tax.name('region', t) for t in entry.regions)}", "",
                 "## 免费期", ""]
        lines += [f"- {p.start} 至 {p.end or '未说明'}" for p in entry.free_periods]
        lines += ["", "## 来源", ""] + [f"- {s}" for s in entry.sources]
        (pages / f"{entry.id}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: 课程资源目录\n{THEME}plugins:\n{SEARCH}{NAV_YAML}not_in_nav: |\n  /resources/\n",
        encoding="utf-8")
    return root


def timed_build(project: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MiB) of one `mkdocs build` in a child process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    start = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                              "-d", str(project / "site")], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"构建失败 (build failed): {project}\n{stderr.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux reports KiB


def kib(path: Path) -> str:
    return f"{path.stat().st_size / 1024:,.0f}" if path.exists() else "-"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="站点构建基准 (site build benchmark)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 25000])
    parser.add_argument("--workdir", type=Path, help="工作目录 (working folder); 缺省为临时目录")
    parser.add_argument("--keep", action="store_true", help="保留生成的项目和站点 (keep the projects and sites)")
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="build-bench-"))
    header = (f"{'entries':>8} | {'plain s':>7} | {'plugin s':>8} | {'ratio':>5} | {'plain cpu':>9} | "
              f"{'plugin cpu':>10} | {'ratio':>5} | {'plain MiB':>9} | {'plugin MiB':>10} | "
              f"{'plain search KiB':>16} | {'plugin search KiB':>17} | {'plugin pages':>12}")
    rows = []
    try:
        for n in args.sizes:
            plugin = plugin_project(work / f"plugin-{n}", n)
            plain = plain_project(work / f"plain-{n}", plugin / "data")
            plain_s, plain_cpu, plain_mib = timed_build(plain)
            plugin_s, plugin_cpu, plugin_mib = timed_build(plugin)
            pages = sum(1 for _ in (plugin / "site").rglob("index.html"))
            rows.append(f"{n:>8,} | {plain_s:>7.1f} | {plugin_s:>8.1f} | {plugin_s / plain_s:>5.2f} | "
                        f"{plain_cpu:>9.1f} | {plugin_cpu:>10.1f} | {plugin_cpu / plain_cpu:>5.2f} | "
                        f"{plain_mib:>9.0f} | {plugin_mib:>10.0f} | "
                        f"{kib(plain / 'site' / 'search' / 'search_index.json'):>16} | "
                        f"{kib(plugin / 'site' / 'search' / 'search_index.json'):>17} | {pages:>12,}")
            print(rows[-1] if len(rows) > 1 else header + "\n" + rows[-1], flush=True)
            if not args.keep:
                shutil.rmtree(plugin / "site")
                shutil.rmtree(plain / "site")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(header)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
