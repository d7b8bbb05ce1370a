"""The link-state file must stay one the next run can read: no input makes a run write a file that
`read_state` then refuses (which would stop every later run until someone deleted it)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone

import pytest

from catalog.linkstate import (MAX_STATE_BYTES, MAX_URL_CHARS, LinkRecord, LinkState, LinkStateError, read_state,
                               state_key, write_state)
from conftest import REPO

NOW = datetime(2024, 3, 1, tzinfo=timezone.utc)


def test_a_url_list_line_longer_than_any_url_is_refused_before_anything_is_checked(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:1/ok\nhttp://127.0.0.1:1/" + "a" * (4 * MAX_STATE_BYTES // 3) + "\n",
                    encoding="utf-8")
    state = tmp_path / "links.json"
    run = subprocess.run([sys.executable, "-m", "catalog", "check-links", "--urls", str(urls), "--state", str(state),
                          "--progress", "none"], capture_output=True, text=True, cwd=REPO, timeout=120)
    # Before: the line was checked and kept; the state written passed 16 MB and no later run could read it.
    assert run.returncode == 2 and "urls.txt:2:" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert not state.exists()


def test_a_state_too_large_to_read_back_is_not_written_and_the_previous_file_stays(tmp_path):
    path = tmp_path / "links.json"
    write_state(path, LinkState())
    before = path.read_bytes()
    records = {}
    for n in range(MAX_STATE_BYTES // (2 * MAX_URL_CHARS) + 10):  # each record holds its URL twice
        url = f"https://www.example.edu.cn/{n}/" + "a" * (MAX_URL_CHARS - 40)
        records[state_key(url)] = LinkRecord(url=url, link_class="ok", first_seen=NOW, last_checked=NOW)
    with pytest.raises(LinkStateError) as caught:
        write_state(path, LinkState(records=records))
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    read_state(path)


def test_a_url_past_the_limit_is_invalid_and_never_requested():
    from linkserver import check_urls

    url = "http://127.0.0.1:1/" + "a" * MAX_URL_CHARS
    results, stats = check_urls([url], allow=[])
    assert results[url].link_class == "invalid" and stats.requests == 0
