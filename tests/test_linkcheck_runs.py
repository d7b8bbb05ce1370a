"""A run among others: two runs on one state file, a run with a time budget, a host that keeps
answering 429, and state files that are broken, hostile or huge."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from catalog.linkstate import HISTORY_LIMIT, MAX_STATE_BYTES, LinkStateError, read_state
from linkserver import check_urls, serve  # noqa: F401  (a fixture)
from test_site_build import AS_OF_EPOCH, make_project

REPO = Path(__file__).resolve().parents[1]
FAST = ["--allow-address", "127.0.0.0/8", "--interval", "0", "--connect-timeout", "1", "--read-timeout", "1",
        "--deadline", "3", "--retries", "0", "--progress", "none"]


def url_file(path: Path, urls) -> Path:
    path.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return path


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "catalog", "check-links", *FAST, *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# --- two runs, one state file -------------------------------------------------------------------

def test_two_runs_on_the_same_state_file_keep_both_runs_results(serve, tmp_path):
    server = serve("127.0.0.2")
    state = tmp_path / "links.json"
    first = url_file(tmp_path / "a.txt", [server.url(f"/slow?ms=60&a={n}") for n in range(20)])
    second = url_file(tmp_path / "b.txt", [server.url(f"/slow?ms=60&b={n}") for n in range(20)])
    # One at a time per run, so that the two runs overlap and both save while the other runs.
    runs = [start("--urls", str(f), "--state", str(state), "--per-host", "1") for f in (first, second)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert len(read_state(state).records) == 40


def test_a_run_saving_merges_into_what_another_run_saved_meanwhile(serve, tmp_path):
    """The same URL checked by both runs: both results are in its history, neither overwritten."""
    server = serve("127.0.0.2")
    state = tmp_path / "links.json"
    shared = server.url("/ok")
    urls = url_file(tmp_path / "a.txt", [shared])
    for _ in range(2):
        done = start("--urls", str(urls), "--state", str(state), "--max-age", "0")
        _, err = done.communicate(timeout=60)
        assert done.returncode == 0, err
    assert len(read_state(state).lookup(shared).history) == 2


# --- a time budget and hosts that keep answering 429 -----------------------------------------------

def test_a_run_stops_cleanly_when_its_budget_is_spent_and_saves_what_it_has(serve, tmp_path):
    server = serve("127.0.0.2")
    state = tmp_path / "links.json"
    urls = url_file(tmp_path / "urls.txt", [server.url(f"/slow?ms=200&n={n}") for n in range(40)])
    started = time.monotonic()
    run = start("--urls", str(urls), "--state", str(state), "--per-host", "1", "--budget", "2s",
                "--format", "json")
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert time.monotonic() - started < 15
    summary = json.loads(out)["summary"]
    saved = read_state(state)
    assert 3 <= len(saved.records) < 40
    assert summary["budget_spent"] and summary["not_checked"] == 40 - len(saved.records)
    assert "时间预算已用完" in err or "time budget" in err

    again = start("--urls", str(urls), "--state", str(state), "--per-host", "8")
    _, err = again.communicate(timeout=60)
    assert again.returncode == 0 and f"沿用近期结果 {len(saved.records)} 个" in err


def test_a_host_answering_429_without_retry_after_does_not_eat_the_run(serve):
    server = serve("127.0.0.2")
    server.routes.update({f"/busy/{n}": (lambda handler: handler.send(429, b"busy")) for n in range(40)})
    other = serve("127.0.0.3")
    urls = [server.url(f"/busy/{n}") for n in range(40)] + [other.url("/ok")]
    started = time.monotonic()
    results, stats = check_urls(urls, retries=2, backoff=0.05, per_host=1, interval=0.05, slow_interval_max=30)
    assert time.monotonic() - started < 30
    assert results[other.url("/ok")].link_class == "ok"
    assert all(r.link_class == "rate-limited" for r in results.values() if "/busy/" in r.url)
    assert len(server.hits()) <= 3  # three 429s without Retry-After in a row, then the host is left alone
    assert stats.given_up_hosts == {"127.0.0.2": 40 - len([u for u in results if "/busy/" in u])}


def test_the_weekly_workflow_gives_the_run_a_budget_below_its_timeout():
    flow = (REPO / ".github" / "workflows" / "links.yml").read_text(encoding="utf-8")
    line = next(line for line in flow.splitlines() if "catalog check-links" in line)
    assert "--budget" in line
    minutes = int(line.split("--budget", 1)[1].split()[0].rstrip("m"))
    timeout = int(flow.split("timeout-minutes:", 1)[1].split()[0])
    assert minutes <= timeout - 10  # time left to install before and to commit the state after


# --- broken, hostile and huge state files ------------------------------------------------------------

HOSTILE_STATES = {
    "deep-brackets": "[" * 100_000 + "]" * 100_000,
    "deep-objects": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "huge-integer": '{"version": ' + "9" * 5000 + ', "records": {}}',
    "huge-status": '{"records": {"x": {"url": "x", "link_class": "ok", "status_code": ' + "9" * 4000
                   + ', "first_seen": "2024-01-01T00:00:00Z", "last_checked": "2024-01-01T00:00:00Z"}}}',
    "nan": '{"records": {"x": {"url": "x", "link_class": "ok", "elapsed_ms": NaN,'
           ' "first_seen": "2024-01-01T00:00:00Z", "last_checked": "2024-01-01T00:00:00Z"}}}',
    "year-zero": '{"records": {"x": {"url": "x", "link_class": "ok",'
                 ' "first_seen": "0000-01-01T00:00:00Z", "last_checked": "2024-01-01T00:00:00Z"}}}',
    "records-a-list": '{"records": [1, 2, 3]}',
    "not-utf8": b'{"records": {"\xff": 1}}',
    "bom-and-nul": "\ufeff{\0}",
    "control-in-key": '{"records": {"\\u001b[2J\\n::error::forged": {"url": 1}}}',
    "a-number": "12",
    "empty": "",
}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE_STATES))
def test_every_malformed_state_file_is_the_same_clean_error_in_check_links(tmp_path, name):
    state = write(tmp_path / "links.json", HOSTILE_STATES[name])
    urls = url_file(tmp_path / "urls.txt", ["http://127.0.0.2:9/"])
    run = start("--urls", str(urls), "--state", str(state))
    _, err = run.communicate(timeout=60)
    assert run.returncode == 2, err
    assert "invalid link-state file" in err and str(state) in err
    assert "internal error" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "\x1b" not in err


@pytest.mark.parametrize("name", ["deep-brackets", "huge-integer", "control-in-key"])
def test_every_malformed_state_file_is_the_same_clean_error_in_mkdocs_build(tmp_path, name):
    project = make_project(tmp_path / "project")
    write(project / "state" / "links.json", HOSTILE_STATES[name])
    environ = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=project, env=environ, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode != 0
    assert "invalid link-state file" in done.stderr and "Traceback" not in done.stderr
    assert not any(line.startswith("::") for line in done.stderr.splitlines())


def test_an_oversized_state_file_is_refused_before_it_is_read(tmp_path):
    state = tmp_path / "links.json"
    with open(state, "wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_STATE_BYTES * 8)
    with pytest.raises(LinkStateError) as caught:
        read_state(state)
    assert "invalid link-state file" in str(caught.value)


def test_history_is_bounded_by_configuration_whatever_the_file_holds(tmp_path):
    """A file near the size limit, all of it one URL's history: read in bounded time and memory."""
    item = {"checked_at": "2024-01-01T00:00:00Z", "link_class": "ok", "status_code": 200, "elapsed_ms": 5}
    count = (MAX_STATE_BYTES - 1000) // (len(json.dumps(item)) + 2)
    record = {"url": "https://a.example.org/", "link_class": "ok", "first_seen": "2024-01-01T00:00:00Z",
              "last_checked": "2024-01-01T00:00:00Z", "history": [item] * count}
    state = write(tmp_path / "links.json", json.dumps({"records": {"https://a.example.org/": record}}))
    # This process's own peak: VmHWM belongs to the memory of this program, whereas Linux carries
    # ru_maxrss across exec from the forking parent (pytest, hundreds of MB deep into a full run).
    probe = textwrap.dedent(f"""
        import re, resource, sys
        from catalog.linkstate import read_state
        state = read_state({str(state)!r}, history_limit=5)
        try:
            with open("/proc/self/status") as status:
                peak = int(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1)) // 1024
        except (OSError, AttributeError):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(len(state.records["https://a.example.org/"].history), peak)
    """)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=REPO)
    kept, peak_mb = map(int, done.stdout.split())
    assert kept == 5
    assert peak_mb < 400, peak_mb  # the file is 16 MB; as pydantic objects it would be gigabytes

    config = write(tmp_path / "linkcheck.yaml", "history: 3\n")
    urls = url_file(tmp_path / "urls.txt", ["http://127.0.0.2:9/"])
    run = start("--urls", str(urls), "--state", str(state), "--config", str(config))
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert len(read_state(state, history_limit=HISTORY_LIMIT).records["https://a.example.org/"].history) == 3


# --- interruptions are never lost ------------------------------------------------------------------

@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_arriving_inside_a_finalizer_still_stops_the_run(serve, signum):
    """The flaky `test_an_interrupted_run_...[SIGTERM]`: a handler that raises KeyboardInterrupt
    loses it when the signal lands while a finalizer runs (garbage collection in the main thread,
    a dropped connection say): Python prints "Exception ignored" and the run goes on to the end."""
    from catalog_scrapers.http import AddressPolicy
    from catalog_scrapers.linkcheck.cli import _stop_on_signals
    from catalog_scrapers.linkcheck.scheduling import CheckSettings, HostSettings, LinkChecker

    server = serve("127.0.0.2")
    checker = LinkChecker(CheckSettings(host=HostSettings(1, 0.0), policy=AddressPolicy.from_cidrs(["127.0.0.0/8"])))
    seen = []

    class Finalized:
        def __del__(self):
            os.kill(os.getpid(), signum)
            sum(range(100))  # the handler runs on one of these bytecodes, inside the finalizer

    def on_result(observation):
        seen.append(observation)
        if len(seen) == 2:
            Finalized()  # collected at once

    # As in a terminal: a background job (CI runs the tests as one) inherits SIGINT ignored, and
    # check-links rightly leaves an ignored SIGINT ignored.
    sigint_before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with _stop_on_signals(checker), pytest.raises(KeyboardInterrupt):
            checker.run([server.url(f"/slow?ms=50&n={n}") for n in range(40)], on_result)
    finally:
        checker.close()
        signal.signal(signal.SIGINT, sigint_before)
    assert 2 <= len(seen) < 40


def test_a_state_path_that_is_a_folder_or_a_pipe_is_the_same_clean_error(tmp_path):
    folder = tmp_path / "links.json"
    folder.mkdir()
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    for path in (folder, pipe):  # a pipe would block a plain read for ever
        with pytest.raises(LinkStateError) as caught:
            read_state(path)
        assert "invalid link-state file" in str(caught.value)


def test_an_option_value_is_echoed_on_one_line(tmp_path):
    urls = url_file(tmp_path / "urls.txt", ["http://127.0.0.2:9/"])
    run = start("--urls", str(urls), "--state", str(tmp_path / "s.json"), "--max-age", "1\n::error::forged")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 2 and not any(line.startswith("::") for line in err.splitlines()), err
