"""Shared fixtures: small catalogs made for each test, on the real taxonomy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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


class CatalogDir:
    """A data folder with the real taxonomy and whatever entries a test writes into it."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(DEFAULT_DATA_DIR / "taxonomy", root / "taxonomy")
        self.write("sources/moe-2020-2.yaml", MOE_SOURCE)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture
def data(tmp_path) -> CatalogDir:
    return CatalogDir(tmp_path / "data")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command line, as a maintainer runs it."""
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, timeout=120, env=env)
