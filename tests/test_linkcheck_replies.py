"""A check is `ok` only when a complete status line and header block arrived within the deadline:
a hostile or broken server cannot pass a cut-off or dripping reply off as a working link."""

from __future__ import annotations

import time

import pytest

from linkserver import check_urls, raw_reply, serve  # noqa: F401  (serve is a fixture)

WORKING = {"ok", "redirected-permanent", "redirected-temporary"}


CUT_OFF = {
    "status-line-cut": b"HTTP/1.1 200 O",
    "status-line-only": b"HTTP/1.1 200 OK",
    "status-line-no-headers": b"HTTP/1.1 200 OK\r\n",
    "header-line-cut": b"HTTP/1.1 200 OK\r\nContent-Type: text/ht",
    "headers-unterminated": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n",
    "headers-half-terminated": b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r",
    "nothing": b"",
}


@pytest.mark.parametrize("name", sorted(CUT_OFF))
@pytest.mark.parametrize("head", [True, False], ids=["head-first", "get-only"])
def test_a_reply_cut_off_in_its_status_line_or_headers_is_not_ok(serve, name, head):
    server = serve("127.0.0.2")
    server.routes["/cut"] = raw_reply(CUT_OFF[name])
    url = server.url("/cut")
    results, _ = check_urls([url], head=head)
    assert results[url].link_class not in WORKING, results[url]
    assert results[url].link_class == "connection-error"


def test_headers_dripping_past_the_deadline_are_a_timeout_not_ok(serve):
    server = serve("127.0.0.2")
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 60 + b"\r\nContent-Length: 0\r\n\r\n"
    server.routes["/drip-headers"] = raw_reply(head, drip=0.05)  # about 5 s for the whole head
    url = server.url("/drip-headers")
    started = time.monotonic()
    results, _ = check_urls([url], deadline=1.0, read_timeout=1.0)
    assert results[url].link_class == "timeout", results[url]
    assert time.monotonic() - started < 4


@pytest.mark.parametrize("reply", [
    b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 200 OK\n\n",                                          # bare line feeds are tolerated
    b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>ends when the server hangs up",
    b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort",           # a short body: the head was whole
])
def test_a_complete_head_is_ok_even_when_the_server_hangs_up_after_it(serve, reply):
    server = serve("127.0.0.2")
    server.routes["/whole"] = raw_reply(reply)
    url = server.url("/whole")
    results, _ = check_urls([url])
    assert results[url].link_class == "ok", results[url]


def test_a_complete_head_that_drips_within_the_deadline_is_ok(serve):
    server = serve("127.0.0.2")
    server.routes["/slow-head"] = raw_reply(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", drip=0.01)
    url = server.url("/slow-head")
    results, _ = check_urls([url], deadline=3.0)
    assert results[url].link_class == "ok", results[url]
