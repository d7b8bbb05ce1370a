"""What the browser benchmarks share: their command line (--sizes, --keep), a scratch folder, one
headless Chromium, a synthetic catalog per size, and how they read a list of times."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from browser_site import launch_chromium  # noqa: E402
from synth_catalog import write_catalog  # noqa: E402


def size_arguments(description: str, argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 25000])
    parser.add_argument("--keep", type=Path, help="build here and keep the sites (default: a temporary folder)")
    return parser.parse_args(argv)


@contextlib.contextmanager
def chromium_and_catalogs(args: argparse.Namespace, prefix: str):
    """(browser, work folder, catalogs): catalogs yields (size, data folder) for each of --sizes,
    writing each synthetic catalog only when its turn comes."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix=prefix) as scratch:
        work = args.keep or Path(scratch)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                yield browser, work, ((n, write_catalog(work / f"data-{n}", n)) for n in args.sizes)
            finally:
                browser.close()


def p95(ordered: list[float]) -> float:
    """The 95th percentile of times already sorted."""
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
