"""Shared fixtures: small catalogs made for each test, on the real taxonomy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from catalog.models import ID_PATTERN
from catalog.paths import DEFAULT_DATA_DIR

REPO = Path(__file__).resolve().parents[1]

# The official notices the data and the extractor are tested on: ../shared/seeds beside the clone,
# or wherever COURSE_CATALOG_SEEDS points.
SEEDS_ENV = "COURSE_CATALOG_SEEDS"
SEEDS_DIR = Path(os.environ.get(SEEDS_ENV) or REPO.parent / "shared" / "seeds")
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
needs_seeds = pytest.mark.skipif(not SEED_FILES, reason=f"找不到源通知目录 {SEEDS_DIR}（设置 {SEEDS_ENV} 指向它）"
                                                        f"(seed notices not found)")

# A source for test catalogs. Its address is a placeholder (example.edu.cn), not where the notice is.
MOE_SOURCE_URL = "https://notices.example.edu.cn/jiaogaoting-2020-2.html"
MOE_SOURCE = f"""\
title: 关于在疫情防控期间做好普通高等学校在线教学组织与管理工作的指导意见
number: 教高厅〔2020〕2号
issuers: [教育部办公厅]
issued: 2020-02-04
urls: [{MOE_SOURCE_URL}]
public: true
"""

# The smallest valid platform citing MOE_SOURCE (under the id moe-2020-2); tests vary it.
PLATFORM = """\
name: 测试平台
kind: mooc-platform
urls: [https://www.example-mooc.cn]
levels: [undergraduate]
sources: [moe-2020-2]
"""


class CatalogDir:
    """A data folder with the real taxonomy and whatever entries a test writes into it."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(DEFAULT_DATA_DIR / "taxonomy", root / "taxonomy")
        self.write("sources/moe-2020-2.yaml", MOE_SOURCE)

    def write(self, relative: str, text: str, basis: bool = True) -> Path:
        """Write an entry file; platforms and resources get a stated basis for their values unless
        `basis=False` or they write their own (tests of provenance write it by hand)."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = textwrap.dedent(text)
        path.write_text(with_basis(text) if basis else text, encoding="utf-8")
        return path


BASIS_FIELDS = ("levels", "disciplines", "regions", "themes")


def with_basis(text: str) -> str:
    """An entry's YAML with a `basis:` stating each kind, level, discipline, region and theme it has,
    quoted from its first source, appended at the end (so every line above keeps its number).
    Test catalogs that are not about provenance use it to stay valid; text that is not an entry with a
    kind, or that already has a basis, or that does not parse, is returned as it was."""
    try:  # every scalar as text: a date broken on purpose (2020-02-30) must not stop this
        data = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except yaml.YAMLError:  # broken on purpose: the test is about that
        return text
    if not isinstance(data, dict) or "basis" in data or not isinstance(data.get("kind"), str):
        return text
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources or not isinstance(sources[0], str):
        return text
    stated = {"source": sources[0], "quote": "测试用原文"}
    basis: dict = {"kind": stated}
    for field in BASIS_FIELDS:
        values = data.get(field)
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            # Only well-formed ids: a test about a bad id wants that one problem, not a second one here.
            basis[field] = {value: stated for value in values if re.match(ID_PATTERN, value)}
    block = yaml.safe_dump({"basis": basis}, allow_unicode=True, sort_keys=False)
    return text + ("" if text.endswith("\n") else "\n") + block


@pytest.fixture
def data(tmp_path) -> CatalogDir:
    return CatalogDir(tmp_path / "data")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command line, as a maintainer runs it."""
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, timeout=120, env=env)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, one per test module (Playwright drives it; it never downloads a browser)."""
    from playwright.sync_api import sync_playwright

    from browser_site import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()
