"""Politeness and retries, as the servers see them: how many requests at once, how far apart, and
how long a retry really waited."""

from __future__ import annotations

import random
import time

from linkserver import check_urls, max_overlap, serve  # noqa: F401  (serve is a fixture)
from catalog_scrapers.linkcheck.scheduling import backoff_delay
from catalog_scrapers.linkcheck.probe import parse_retry_after

# The server stamps arrival (kernel receive time); the checker can only plan departures. On a loaded
# machine a request may reach the wire this much later than planned while the next one is on time,
# so gaps between arrivals are compared with this tolerance, and the intervals under test are made
# large enough that a broken schedule still falls well outside it.
LATE = 0.1


def _gaps(server, path=None):
    times = sorted(t for t, _, _ in server.hits(path))
    return [b - a for a, b in zip(times, times[1:])]


def test_retry_after_in_seconds_is_waited_for(serve):
    server = serve("127.0.0.2")
    url = server.url("/limited/1?after=1")
    seen = check_urls([url], retries=1)[0][url]
    assert seen.link_class == "ok" and seen.attempts == 2
    assert _gaps(server) and _gaps(server)[0] >= 1.0 - LATE


def test_retry_after_as_an_http_date_is_waited_for(serve):
    server = serve("127.0.0.2")
    url = server.url("/limited/1?after=2&date=1")
    seen = check_urls([url], retries=1)[0][url]
    assert seen.link_class == "ok"
    assert _gaps(server)[0] >= 1.0 - LATE  # an HTTP date has whole seconds: 2 s ahead is at least 1 s


def test_retry_after_beyond_the_cap_gives_up_and_slows_the_host(serve):
    server = serve("127.0.0.2")
    url = server.url("/limited/1?after=600")
    started = time.monotonic()
    seen, stats = check_urls([url], retries=3, max_retry_after=5)
    assert seen[url].link_class == "rate-limited"
    assert "exceeds" in seen[url].detail
    assert len(server.hits()) == 1
    assert "127.0.0.2" in stats.slowed_hosts
    assert time.monotonic() - started < 3


def test_a_rate_limited_host_is_paused_then_asked_more_slowly(serve):
    server = serve("127.0.0.2")
    first = server.url("/limited/1?after=1")
    others = [server.url(f"/ok?{n}") for n in range(3)]
    results, stats = check_urls([first, *others], retries=1, per_host=1, interval=0.3)
    assert {r.link_class for r in results.values()} == {"ok"}
    times = sorted(t for t, _, _ in server.hits())
    assert all(t - times[0] >= 1.0 - LATE for t in times[1:])  # nobody asked during the pause
    assert min(b - a for a, b in zip(times[1:], times[2:])) >= 0.6 - LATE  # interval 0.3 -> 0.6 s
    assert stats.slowed_hosts == {"127.0.0.2": 0.6}


def test_server_errors_are_retried_with_growing_jittered_waits(serve):
    server = serve("127.0.0.2")
    url = server.url("/flaky/2")
    seen = check_urls([url], retries=2, backoff=0.4, head=False)[0][url]
    assert seen.link_class == "ok" and seen.attempts == 3
    first, second = _gaps(server)
    assert first >= 0.2 - LATE and second >= 0.4 - LATE  # waits of 0.2-0.4 s, then 0.4-0.8 s


def test_retries_stop_after_the_limit(serve):
    server = serve("127.0.0.2")
    url = server.url("/status/503")
    seen = check_urls([url], retries=2, backoff=0.05)[0][url]
    assert seen.link_class == "server-error" and seen.attempts == 3
    assert len(server.hits(method="GET")) == 3  # each attempt: HEAD 503, then GET 503


def test_not_found_is_not_retried(serve):
    server = serve("127.0.0.2")
    url = server.url("/status/404")
    seen = check_urls([url], retries=3, backoff=0.05)[0][url]
    assert seen.attempts == 1


def test_per_host_concurrency_is_never_exceeded_and_is_used(serve):
    server = serve("127.0.0.2")
    urls = [server.url(f"/slow?ms=150&n={n}") for n in range(9)]
    results, _ = check_urls(urls, per_host=3, concurrency=8)
    assert {r.link_class for r in results.values()} == {"ok"}
    assert server.max_active == 3


def test_the_per_host_interval_spaces_every_request_even_the_get_after_a_head(serve):
    server = serve("127.0.0.2")
    urls = [server.url(f"/head/405?n={n}") for n in range(2)] + [server.url(f"/ok?n={n}") for n in range(3)]
    check_urls(urls, per_host=4, interval=0.3)
    assert min(_gaps(server)) >= 0.3 - LATE


def test_the_global_limit_holds_across_hosts(serve):
    servers = [serve(f"127.0.0.{n}") for n in (2, 3, 4)]
    urls = [s.url(f"/slow?ms=100&n={n}") for s in servers for n in range(4)]
    check_urls(urls, per_host=4, concurrency=2)
    assert max_overlap(*servers) == 2


def test_hosts_take_turns_so_a_small_host_is_not_starved(serve):
    big, small = serve("127.0.0.2"), serve("127.0.0.3")
    urls = [big.url(f"/ok?n={n}") for n in range(20)] + [small.url("/ok?a"), small.url("/ok?b")]
    started = time.time()  # the servers stamp wall-clock arrival times
    check_urls(urls, per_host=1, interval=0.05)
    assert len(big.hits()) == 20
    assert max(t for t, _, _ in small.hits()) - started < 0.5  # not after the big host's 1 s


def test_hosts_are_checked_in_parallel(serve):
    servers = [serve(f"127.0.0.{n}") for n in (2, 3, 4, 5)]
    urls = [s.url(f"/slow?ms=300&n={n}") for s in servers for n in range(2)]
    started = time.monotonic()
    check_urls(urls, per_host=1)
    assert time.monotonic() - started < 1.6  # in parallel 0.6 s; one host after another, 2.4 s


def test_backoff_grows_and_stays_within_its_jitter_band():
    rng = random.Random(4)
    for tries, full in [(1, 1.0), (2, 2.0), (3, 4.0), (8, 30.0)]:
        for _ in range(50):
            assert full / 2 <= backoff_delay(tries, 1.0, 30.0, rng) <= full


def test_retry_after_parsing():
    now = 1_600_000_000.0
    assert parse_retry_after("120", now) == 120
    assert parse_retry_after("Sun, 13 Sep 2020 12:26:50 GMT", now) == 10
    assert parse_retry_after("Sun, 13 Sep 2020 12:00:00 GMT", now) == 0  # in the past: now
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None
