"""Servers that never answer, answer forever, or answer with a gigabyte: the checker stays quick and
small."""

from __future__ import annotations

import time

from linkserver import GiB, check_urls, serve  # noqa: F401  (serve is a fixture)

CAP = 64 * 1024


def test_a_server_that_hangs_is_a_timeout_after_the_read_timeout(serve):
    server = serve("127.0.0.2")
    url = server.url("/hang")
    started = time.monotonic()
    seen = check_urls([url], read_timeout=0.3, deadline=5)[0][url]
    assert seen.link_class == "timeout"
    assert time.monotonic() - started < 1.5  # HEAD 0.3 s, then GET 0.3 s


def test_a_timeout_is_retried(serve):
    server = serve("127.0.0.2")
    url = server.url("/hang")
    seen = check_urls([url], read_timeout=0.2, retries=1, backoff=0.05, head=False)[0][url]
    assert seen.link_class == "timeout" and seen.attempts == 2
    assert len(server.hits()) == 2


def test_a_server_dripping_bytes_is_cut_off_by_the_total_deadline(serve):
    # One byte every 50 ms never trips a read timeout; only the deadline stops it.
    server = serve("127.0.0.2")
    url = server.url("/drip")
    started = time.monotonic()
    seen = check_urls([url], read_timeout=2, deadline=0.5, head=False, body_cap=GiB)[0][url]
    assert seen.link_class == "timeout"
    assert "0.5 s" in seen.detail
    assert time.monotonic() - started < 1.5


def test_a_gigabyte_body_is_never_downloaded(serve):
    server = serve("127.0.0.2")
    url = server.url("/big")
    started = time.monotonic()
    seen, stats = check_urls([url], head=False, body_cap=CAP)
    assert seen[url].link_class == "ok"
    assert stats.bytes_read <= CAP
    time.sleep(0.3)  # had the connection been drained instead of closed, the count would keep growing
    sent = server.bytes_sent
    time.sleep(0.2)
    assert server.bytes_sent == sent
    assert sent < 32 * 1024 * 1024  # what socket buffers hold, a few MiB, not a GiB
    assert time.monotonic() - started < 2


def test_head_first_reads_no_body_at_all(serve):
    server = serve("127.0.0.2")
    url = server.url("/big")
    seen, stats = check_urls([url])
    assert seen[url].link_class == "ok"
    assert stats.bytes_read == 0
    assert server.hits()[0][1] == "HEAD"
