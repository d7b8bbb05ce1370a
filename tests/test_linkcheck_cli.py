"""`check-links` as maintainers and CI run it: URL lists and the catalog, the state kept between
runs, reports, exit codes, bad input, interruptions and `--changed-only`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest

from catalog.cli import main
from catalog.linkstate import (DeadPolicy, LinkObservation, LinkState, merge_observations, read_state, utcnow,
                               write_state)
from conftest import MOE_SOURCE_URL
from linkserver import serve  # noqa: F401  (a fixture)

REPO = Path(__file__).resolve().parents[1]
FAST = ["--allow-address", "127.0.0.0/8", "--interval", "0", "--connect-timeout", "1", "--read-timeout", "1",
        "--deadline", "3", "--retries", "0", "--progress", "none"]


def url_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check-links", *FAST, *args])
    out, err = capsys.readouterr()
    return code, out, err


def seed(path: Path, url: str, *events: tuple[str, float]) -> None:
    """A state file in which ``url`` was checked ``days`` ago with each class."""
    now = utcnow()
    observations = [LinkObservation(url=url, link_class=c, checked_at=now - timedelta(days=days))
                    for c, days in events]
    write_state(path, merge_observations(LinkState(), observations, DeadPolicy()))


def test_a_url_list_is_checked_and_reported_as_json(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    urls = url_file(tmp_path, "# 课程链接 (a comment line)", "", server.url("/ok"),
                    server.url("/status/404") + "   # inline comment", server.url("/chain/301"))
    state = tmp_path / "links.json"
    code, out, err = check(capsys, "--urls", str(urls), "--state", str(state), "--format", "json")
    assert code == 0  # a 404 seen once is not a confirmed dead link
    report = json.loads(out)
    assert report["summary"]["by_class"] == {"ok": 1, "not-found": 1, "redirected-permanent": 1}
    links = {link["url"]: link for link in report["links"]}
    assert links[server.url("/status/404")]["places"][0]["line"] == 4
    assert links[server.url("/chain/301")]["final_url"] == server.url("/chain/")
    assert read_state(state).lookup(server.url("/status/404")).consecutive_failures == 1
    assert "确认失效 (confirmed dead): 0" in err


def test_the_same_address_written_several_ways_is_requested_once(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    spellings = [server.url("/ok"), server.url("/ok/"), server.url("/ok#top"),
                 server.url("/ok").replace("http://", "HTTP://")]
    code, out, _ = check(capsys, "--urls", str(url_file(tmp_path, *spellings)), "--state",
                         str(tmp_path / "s.json"), "--format", "json")
    assert len(server.hits()) == 1
    [link] = json.loads(out)["links"]
    assert [place["line"] for place in link["places"]] == [1, 2, 3, 4]


def test_exit_status_is_1_only_once_a_link_is_confirmed_dead(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    url = server.url("/status/410")
    state = tmp_path / "links.json"
    seed(state, url, ("not-found", 12), ("not-found", 6))
    code, out, _ = check(capsys, "--urls", str(url_file(tmp_path, url)), "--state", str(state))
    assert code == 1
    assert "失效 DEAD" in out and "https://web.archive.org/web/" in out
    assert read_state(state).lookup(url).confirmed_dead

    seed(state, url, ("not-found", 2), ("not-found", 1))  # 3 failures, but within 2 days
    code, _, _ = check(capsys, "--urls", str(url_file(tmp_path, url)), "--state", str(state))
    assert code == 0


def test_dead_policy_comes_from_the_options(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    url = server.url("/status/404")
    state = tmp_path / "links.json"
    seed(state, url, ("not-found", 0))
    code, _, _ = check(capsys, "--urls", str(url_file(tmp_path, url)), "--state", str(state),
                       "--dead-after", "2", "--dead-days", "0")
    assert code == 1


def test_recent_successes_are_reused_and_failures_rechecked(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    fine, failing, stale = server.url("/status/404?was-ok"), server.url("/status/404"), server.url("/ok?old")
    state = tmp_path / "links.json"
    seed(state, fine, ("ok", 1))
    write_state(state, merge_observations(read_state(state), [
        LinkObservation(url=failing, link_class="not-found", checked_at=utcnow() - timedelta(hours=1)),
        LinkObservation(url=stale, link_class="ok", checked_at=utcnow() - timedelta(days=30))], DeadPolicy()))
    code, _, err = check(capsys, "--urls", str(url_file(tmp_path, fine, failing, stale)), "--state", str(state),
                         "--max-age", "7d")
    assert "沿用近期结果 1 个" in err
    requested = {path for _, _, path in server.hits()}
    assert requested == {"/status/404", "/ok"}  # the recent success was not asked again
    assert read_state(state).lookup(fine).link_class == "ok"

    check(capsys, "--urls", str(url_file(tmp_path, fine)), "--state", str(state), "--max-age", "0")
    assert read_state(state).lookup(fine).link_class == "not-found"


def test_markdown_report_escapes_what_urls_and_servers_say(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    nasty = server.url("/status/404?q=<img src=x onerror=alert(1)>|**bold**")
    code, out, _ = check(capsys, "--urls", str(url_file(tmp_path, nasty)), "--state",
                         str(tmp_path / "s.json"), "--format", "markdown")
    assert code == 0
    assert out.startswith("## 链接检查结果")
    row = next(line for line in out.splitlines() if "/status/404" in line)
    assert "<img" not in row and "&lt;img" in row
    assert "\\|" in row and "\\*\\*bold\\*\\*" in row
    assert row.count(" | ") == 3  # the URL's own pipe did not add a column


def test_report_can_go_to_a_file(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    report = tmp_path / "out" / "report.json"
    code, out, err = check(capsys, "--urls", str(url_file(tmp_path, server.url("/ok"))), "--state",
                           str(tmp_path / "s.json"), "--format", "json", "-o", str(report))
    assert code == 0 and out == ""
    assert json.loads(report.read_text())["summary"]["total"] == 1
    assert "链接检查结果" in err


def test_progress_lines_on_a_non_terminal(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    urls = url_file(tmp_path, *(server.url(f"/ok?{n}") for n in range(20)))
    code = main(["check-links", *FAST[:-2], "--progress", "lines", "--urls", str(urls),
                 "--state", str(tmp_path / "s.json")])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("链接检查 (checked)")]
    assert code == 0 and len(lines) == 10 and lines[-1].startswith("链接检查 (checked) 20/20 (100%)")
    assert "\r" not in err


# --- bad input: a clear message naming what is wrong, exit 2, nothing overwritten -----------------

def test_a_corrupt_state_file_is_named_and_left_alone(tmp_path, capsys):
    state = tmp_path / "links.json"
    state.write_text('{"records": {', encoding="utf-8")
    code, _, err = check(capsys, "--urls", str(url_file(tmp_path, "http://127.0.0.2:9/")), "--state", str(state))
    assert code == 2
    assert str(state) in err and "JSON" in err and "Traceback" not in err
    assert state.read_text() == '{"records": {'


def test_a_bad_config_file_is_reported_with_its_line(tmp_path, capsys):
    config = tmp_path / "linkcheck.yaml"
    config.write_text("per_host: 2\nintervall: 1s\nhosts:\n  'bad host!': {per_host: 1}\n", encoding="utf-8")
    code, _, err = check(capsys, "--urls", str(url_file(tmp_path, "http://127.0.0.2:9/")), "--config", str(config),
                         "--state", str(tmp_path / "s.json"))
    assert code == 2
    assert "linkcheck.yaml:2: intervall: 未知的键 'intervall'" in err and "interval" in err
    assert "linkcheck.yaml:4" in err


@pytest.mark.parametrize("option, value, expected", [
    ("--interval", "soon", "--interval"),
    ("--per-host", "0", "--per-host"),
    ("--allow-address", "10.0.0.0/33", "--allow-address"),
])
def test_bad_options_are_named(tmp_path, capsys, option, value, expected):
    code, _, err = check(capsys, "--urls", str(url_file(tmp_path, "http://127.0.0.2:9/")), option, value,
                         "--state", str(tmp_path / "s.json"))
    assert code == 2 and expected in err and "Traceback" not in err


def test_a_missing_url_file_is_named(tmp_path, capsys):
    code, _, err = check(capsys, "--urls", str(tmp_path / "none.txt"), "--state", str(tmp_path / "s.json"))
    assert code == 2 and "none.txt" in err


def test_config_file_settings_apply_per_host(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    config = tmp_path / "linkcheck.yaml"
    config.write_text(textwrap.dedent("""\
        per_host: 4
        hosts:
          127.0.0.2: {per_host: 1, interval: 300ms, head: false}
        """), encoding="utf-8")
    urls = url_file(tmp_path, *(server.url(f"/ok?{n}") for n in range(4)))
    code = main(["check-links", "--allow-address", "127.0.0.0/8", "--progress", "none", "--config", str(config),
                 "--urls", str(urls), "--state", str(tmp_path / "s.json")])
    capsys.readouterr()
    assert code == 0
    assert {method for _, method, _ in server.hits()} == {"GET"}
    assert server.max_active == 1 and server.min_gap() >= 0.2  # a loaded machine may send up to 0.1 s late


# --- interruptions -----------------------------------------------------------------------------

def _as_in_a_terminal() -> None:
    # A background job (CI runs us as one) inherits SIGINT ignored, and check-links rightly keeps it
    # ignored; a run started from a terminal has the default, which is what Ctrl-C meets.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "catalog", "check-links", *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_as_in_a_terminal)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_saves_what_it_learned_and_the_next_run_resumes(serve, tmp_path, signum):
    server = serve("127.0.0.2")
    total = 100  # one at a time, 100 ms each: ten seconds, far longer than the wait below
    urls = url_file(tmp_path, *(server.url(f"/slow?ms=100&n={n}") for n in range(total)))
    state = tmp_path / "links.json"
    args = ["--urls", str(urls), "--state", str(state), "--allow-address", "127.0.0.0/8", "--per-host", "1",
            "--interval", "0", "--progress", "lines"]
    process = _start(args)
    deadline = time.monotonic() + 30
    while len(server.hits()) < 10 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None and len(server.hits()) >= 10, "the run must be under way when interrupted"
    process.send_signal(signum)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "已中断" in err
    saved = read_state(state)  # valid, and holds the finished checks
    assert 8 <= len(saved.records) < total
    assert all(r.link_class == "ok" for r in saved.records.values())

    again = _start(args + ["--progress", "none", "--per-host", "8"])
    _, err = again.communicate(timeout=60)
    assert again.returncode == 0
    assert f"沿用近期结果 {len(saved.records)} 个" in err
    assert len(read_state(state).records) == total


def test_a_process_killed_while_writing_leaves_the_previous_state(tmp_path):
    state = tmp_path / "links.json"
    seed(state, "https://kept.example.org/", ("ok", 1))
    before = state.read_bytes()
    writer = textwrap.dedent(f"""
        import sys
        from datetime import datetime, timezone
        from catalog.linkstate import DeadPolicy, LinkObservation, LinkState, merge_observations, write_state
        now = datetime.now(timezone.utc)
        big = merge_observations(LinkState(), [LinkObservation(url=f"https://x.org/{{n}}", link_class="ok",
                                 checked_at=now) for n in range(20000)], DeadPolicy())
        print("writing", flush=True)
        write_state({str(state)!r}, big)
        print("written", flush=True)
    """)
    process = subprocess.Popen([sys.executable, "-c", writer], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "writing"
    time.sleep(0.05)
    process.kill()
    rest = process.communicate(timeout=20)[0]
    if "written" not in rest:  # killed mid-write (the usual case): the old file is untouched
        assert state.read_bytes() == before
    assert read_state(state).records  # and in any case the file is a complete, valid state


# --- the catalog and --changed-only --------------------------------------------------------------

PLATFORM = """\
name: 测试平台 {name}
kind: mooc-platform
urls: [{urls}]
sources: [moe-2020-2]
"""


def _catalog_with_loopback_urls(data, server) -> None:
    text = (data.root / "sources" / "moe-2020-2.yaml").read_text(encoding="utf-8")
    assert MOE_SOURCE_URL in text  # the fixture's source points outside: point it here
    text = text.replace(MOE_SOURCE_URL, server.url("/ok?moe"))
    (data.root / "sources" / "moe-2020-2.yaml").write_text(text, encoding="utf-8")
    data.write("platforms/alpha.yaml", PLATFORM.format(name="alpha", urls=server.url("/ok?alpha")))
    data.write("platforms/beta.yaml", PLATFORM.format(name="beta", urls=server.url("/status/404?beta")))


def test_the_catalog_is_checked_with_entries_named_in_the_report(serve, data, tmp_path, capsys):
    server = serve("127.0.0.2")
    _catalog_with_loopback_urls(data, server)
    code, out, _ = check(capsys, "--data-dir", str(data.root), "--state", str(tmp_path / "s.json"))
    assert code == 0
    assert len(server.hits(method="HEAD")) == 3
    assert "beta.yaml:3 (platform beta)" in out


def test_an_invalid_catalog_is_not_checked(serve, data, tmp_path, capsys):
    server = serve("127.0.0.2")
    data.write("platforms/broken.yaml", "name: x\nkind: nonsense\nsources: [moe-2020-2]\nurls: [" +
               server.url("/ok") + "]\n")
    code, _, err = check(capsys, "--data-dir", str(data.root), "--state", str(tmp_path / "s.json"))
    assert code == 1
    assert "broken.yaml" in err and server.hits() == []


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_changed_only_checks_just_the_urls_a_change_adds(serve, data, tmp_path, capsys):
    server = serve("127.0.0.2")
    _catalog_with_loopback_urls(data, server)
    root = data.root.parent
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "-b", "change")
    # alpha: one URL kept, one added; beta: untouched; gamma: a new file; a URL moved into gamma.
    data.write("platforms/alpha.yaml", PLATFORM.format(name="alpha", urls=", ".join(
        [server.url("/ok?alpha"), server.url("/ok?alpha-new")])))
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "alpha gets a URL")
    data.write("platforms/gamma.yaml", PLATFORM.format(name="gamma", urls=server.url("/ok?gamma")))

    code, out, err = check(capsys, "--data-dir", str(data.root), "--state", str(tmp_path / "s.json"),
                           "--changed-only", "main", "--format", "json")
    assert code == 0, err
    checked = sorted(link["url"] for link in json.loads(out)["links"])
    assert checked == [server.url("/ok?alpha-new"), server.url("/ok?gamma")]
    assert sorted(path for _, _, path in server.hits()) == ["/ok", "/ok"]


def test_changed_only_with_an_unknown_ref_is_a_clear_error(data, tmp_path, capsys):
    root = data.root.parent
    _git(root, "init", "-q")
    code, _, err = check(capsys, "--data-dir", str(data.root), "--state", str(tmp_path / "s.json"),
                         "--changed-only", "no-such-branch")
    assert code == 2 and "no-such-branch" in err and "Traceback" not in err


def test_a_terminal_gets_one_redrawn_bar():
    import io

    from catalog_scrapers.linkcheck.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = Progress(3, stream=screen)
    for link_class in ("ok", "not-found", "blocked"):
        progress.update(link_class)
    progress.close()
    text = screen.getvalue()
    assert text.startswith("\r[") and text.endswith("\n") and text.count("\n") == 1
    assert "3/3 100%" in text and "正常 1 · 失败 1 · 无法验证 1" in text


def test_control_characters_never_reach_the_terminal(tmp_path, capsys):
    hostile = "http://example.org/\x1b[2J\x1b]0;owned\x07"
    code, out, _ = check(capsys, "--urls", str(url_file(tmp_path, hostile)), "--state", str(tmp_path / "s.json"))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "http://example.org/\\x1b[2J" in out and "invalid" in out


def test_a_state_path_that_cannot_be_written_fails_before_any_request(serve, tmp_path, capsys):
    server = serve("127.0.0.2")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    code, _, err = check(capsys, "--urls", str(url_file(tmp_path, server.url("/ok"))),
                         "--state", str(blocker / "links.json"))
    assert code == 2 and "not-a-folder" in err and "Traceback" not in err
    assert server.hits() == []
