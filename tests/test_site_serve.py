"""`mkdocs serve` on a fresh clone (loopback only): it starts without a link-state file and rebuilds
when a maintainer edits an entry or a link check writes its results.

Slow by nature (two full builds of the shipped catalog and two rebuilds): about half a minute.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import yaml

from catalog.linkstate import LinkRecord, LinkState, state_key, write_state
from catalog_plugins.facets import FACET_INDEX_FILE
from test_site_build import AS_OF_EPOCH, make_project

ROOT = Path(__file__).resolve().parent.parent
BOUND = 240  # seconds for a build or a rebuild: the full suite has seen 90 s run out at load 20 on 2 cores


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


class Served:
    """`mkdocs serve` of one project on a free loopback port, stopped on exit."""

    def __init__(self, project: Path, config: Path, python: str = sys.executable, env: dict | None = None):
        self.port = free_port()
        env = {**(env or os.environ), "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [python, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{self.port}", "-f", str(config)],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        site_url = yaml.safe_load(config.read_text(encoding="utf-8")).get("site_url") or "/"
        self.base = f"http://127.0.0.1:{self.port}{urllib.parse.urlsplit(site_url).path.rstrip('/')}"

    def page(self, path: str) -> str:
        return fetch(f"{self.base}/{path}") or ""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def failure(self) -> str:
        return "" if self.process.poll() is None else f"mkdocs serve exited: {self.process.stderr.read()[-2000:]}"


def test_serve_on_a_fresh_clone_picks_up_entry_edits_and_the_first_link_check(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    state_file = clone / "catalog" / "state" / "links.json"
    assert not state_file.exists()  # a fresh clone: no link check has run yet
    entry = clone / "catalog" / "data" / "platforms" / "icourse163.yaml"
    with Served(clone, clone / "mkdocs.yml") as server:
        assert wait_for(lambda: "中国大学MOOC" in server.page("platforms/icourse163/"), BOUND), \
            server.failure() or "the entry page was not served"
        assert "目录筛选" in server.page("catalog/")
        assert "中国大学MOOC" in server.page(f"catalog/{FACET_INDEX_FILE}")  # what /catalog/ filters

        entry.write_text(entry.read_text(encoding="utf-8").replace("name: 中国大学MOOC", "name: 国家大学慕课"),
                         encoding="utf-8")
        assert wait_for(lambda: "国家大学慕课" in server.page("platforms/icourse163/"), BOUND), \
            server.failure() or "the entry edit was not picked up"
        assert "国家大学慕课" in server.page(f"catalog/{FACET_INDEX_FILE}")

        # The first link check writes the state file (atomically, by a rename): the page shows its date.
        checked = datetime(2019, 3, 7, 8, 0, tzinfo=timezone.utc)
        assert "2019-03-07" not in server.page("platforms/icourse163/")
        url = "http://www.icourse163.org"
        record = LinkRecord(url=url, link_class="ok", status_code=200, first_seen=checked, last_checked=checked,
                            last_ok=checked)
        write_state(state_file, LinkState(updated_at=checked, records={state_key(url): record}))
        assert wait_for(lambda: "2019-03-07" in server.page("platforms/icourse163/"), BOUND), \
            server.failure() or "the new link state was not picked up"


def test_serve_watches_a_data_folder_outside_the_docs(tmp_path):
    project = make_project(tmp_path / "project")
    with Served(project, project / "mkdocs.yml") as server:
        assert wait_for(lambda: "国家精品在线开放课程" in server.page("resources/national-courses/"), BOUND), \
            server.failure() or "site was not served"
        entry = project / "data" / "resources" / "national-courses.yaml"
        entry.write_text(entry.read_text(encoding="utf-8").replace("国家精品在线开放课程", "国家一流课程"),
                         encoding="utf-8")
        assert wait_for(lambda: "国家一流课程" in server.page("resources/national-courses/"), BOUND), \
            server.failure() or "edit was not picked up"
