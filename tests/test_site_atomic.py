"""A build that fails for any reason, or is killed half-way, leaves the last good site as it was:
the site is built in a staging folder beside it and swapped in only when the build has succeeded."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_site_build import AS_OF_EPOCH, build, make_project


def snapshot(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project with a good site built once; each test works on its own copy of both."""
    root = tmp_path_factory.mktemp("atomic")
    project = make_project(root / "project")
    site = root / "site"
    done = build(project, site)
    assert done.returncode == 0, done.stderr
    return project, site


@pytest.fixture
def good(built, tmp_path):
    project, site = built
    shutil.copytree(project, tmp_path / "project")
    shutil.copytree(site, tmp_path / "site")
    return tmp_path / "project", tmp_path / "site"


def test_a_good_build_swaps_the_new_site_in_and_leaves_nothing_beside_it(good):
    project, site = good
    mode = site.stat().st_mode & 0o777
    entry = project / "data" / "resources" / "national-courses.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("国家精品在线开放课程", "国家一流课程"),
                     encoding="utf-8")
    done = build(project, site)
    assert done.returncode == 0, done.stderr
    assert "国家一流课程" in (site / "resources" / "national-courses" / "index.html").read_text(encoding="utf-8")
    assert (site / "catalog.json").is_file() and (site / "search" / "search_index.json").is_file()
    assert leftovers(site) == []
    assert site.stat().st_mode & 0o777 == mode  # not the staging folder's private 0700


def test_a_failure_after_pages_are_written_keeps_the_last_good_site(good):
    """A hook that fails late in the build stands for any error after MkDocs has started writing
    (the issue's iCalendar overflow failed in on_post_build, after the site was cleaned)."""
    project, site = good
    before = snapshot(site)
    (project / "late_failure.py").write_text(
        "def on_post_build(config):\n    raise ValueError('bad value found while writing downloads')\n",
        encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - late_failure.py\n", encoding="utf-8")
    done = build(project, site)
    assert done.returncode != 0
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_a_hand_written_page_clashing_with_a_generated_one_keeps_the_last_good_site(good):
    project, site = good
    before = snapshot(site)
    (project / "docs" / "platforms").mkdir()
    (project / "docs" / "platforms" / "zhihuishu.md").write_text("# 冒名\n", encoding="utf-8")
    done = build(project, site)
    assert done.returncode != 0 and "同名" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(site) == before and leftovers(site) == []


def test_a_strict_build_that_warns_keeps_the_last_good_site(good):
    project, site = good
    before = snapshot(site)
    (project / "docs" / "index.md").write_text("# 首页\n\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    environ = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, env=environ, capture_output=True, text=True, timeout=240)
    assert done.returncode != 0 and "strict" in done.stderr  # without -q, so that warnings are counted
    assert snapshot(site) == before and leftovers(site) == []


def test_a_bad_value_fails_validation_before_anything_is_written(good):
    project, site = good
    before = snapshot(site)
    (project / "data" / "resources" / "late.yaml").write_text(
        "name: 到期\nkind: course-collection\nsources: [moe-2020-2]\n"
        "free_periods:\n  - {start: 2020-02-01, end: 9999-12-31, sources: [moe-2020-2]}\n", encoding="utf-8")
    done = build(project, site)
    assert done.returncode != 0 and "late.yaml:5:" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(site) == before and leftovers(site) == []


def test_a_build_killed_half_way_keeps_the_last_good_site_and_the_next_build_cleans_up(good):
    project, site = good
    before = snapshot(site)
    started = time.time()
    environ = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                                "-d", str(site)], cwd=project, env=environ,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Kill it once it has written pages somewhere beside (or, before the fix, into) the site.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            written = [p for p in site.parent.rglob("*.html") if p.stat().st_mtime > started]
            if len(written) >= 3:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the build finished before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert snapshot(site) == before

    done = build(project, site)
    assert done.returncode == 0, done.stderr
    assert leftovers(site) == []
