"""`mkdocs serve` rebuilds the site when a maintainer edits an entry (loopback only)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from test_site_build import AS_OF_EPOCH, make_project


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


def test_serve_watches_the_data_folder(tmp_path):
    project = make_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q",
                               "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    page = f"http://127.0.0.1:{port}/resources/national-courses/"
    try:
        assert wait_for(lambda: "国家精品在线开放课程" in (fetch(page) or ""), 60), "site was not served"
        entry = project / "data" / "resources" / "national-courses.yaml"
        entry.write_text(entry.read_text(encoding="utf-8").replace("国家精品在线开放课程", "国家一流课程"),
                         encoding="utf-8")
        assert wait_for(lambda: "国家一流课程" in (fetch(page) or ""), 60), "edit was not picked up"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
