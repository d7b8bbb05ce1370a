"""Where output goes can be hostile too: a pipe or a device named with -o, a symbolic link, a full
disk. Output reaches what was named, the device or link stays what it was, and a failed write is a
clear message with a non-zero exit, never "internal error" and never success."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import PLATFORM, REPO

CORPUS = Path(__file__).parent / "corpus"


def cli(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catalog", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, cwd=REPO, timeout=120)


def test_export_into_a_named_pipe_writes_through_it_and_leaves_the_pipe(data, tmp_path):
    data.write("platforms/p.yaml", PLATFORM)
    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    run = cli("export", "--format", "json", "--data-dir", str(data.root), "-o", str(pipe))
    if reader.is_alive():  # never opened for writing: let the reader go
        with open(pipe, "wb"):
            pass
    reader.join(10)
    assert run.returncode == 0, run.stderr
    assert pipe.is_fifo()  # renaming over it would have left a plain file (for /dev/null: a broken system)
    assert "测试平台" in json.loads(received[0])["platforms"][0]["name"]


def test_export_through_a_symbolic_link_keeps_the_link(data, tmp_path):
    data.write("platforms/p.yaml", PLATFORM)
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    run = cli("export", "--format", "json", "--data-dir", str(data.root), "-o", str(link))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and "测试平台" in real.read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", ["export", "extract", "check-links"])
def test_a_full_disk_on_standard_output_is_a_clear_failure(data, tmp_path, command):
    data.write("platforms/p.yaml", PLATFORM)
    empty = tmp_path / "urls.txt"
    empty.write_text("", encoding="utf-8")
    args = {"export": ["export", "--format", "json", "--data-dir", str(data.root)],
            "extract": ["extract", str(CORPUS / "henan-platforms.html"), "--data-dir", str(data.root)],
            "check-links": ["check-links", "--urls", str(empty), "--state", str(tmp_path / "s.json"),
                            "--format", "json", "--progress", "none"]}[command]
    with open("/dev/full", "w") as full:  # opened for writing only: the device itself is never touched
        run = cli(*args, stdout=full)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "None" not in run.stderr and ("无法写入" in run.stderr or "读写失败" in run.stderr), run.stderr
