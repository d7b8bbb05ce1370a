"""A server's Retry-After is foreign text: whatever it holds, a 429 stays `rate-limited` (which says
nothing about the link) and never becomes a failure that counts toward `dead`."""

from __future__ import annotations

import socket

import pytest

from linkserver import check_urls, serve  # noqa: F401  (serve is a fixture)
from catalog_scrapers.linkcheck.probe import parse_retry_after

MALFORMED = ["²", "٣", "３", "1e3", "-5", "+5", "1.5", " ", "0x10", "Fri, 99 Foo 2020 99:99:99 GMT",
             "Sun, 13 Sep 99999 12:26:50 GMT", "\x00", "١٢٠"]
ODD_BUT_READABLE = ["9" * 400, "Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"]


@pytest.mark.parametrize("value", MALFORMED, ids=range(len(MALFORMED)))
def test_an_unreadable_retry_after_is_ignored(value):
    assert parse_retry_after(value, 1_600_000_000) is None


@pytest.mark.parametrize("value", ODD_BUT_READABLE, ids=range(len(ODD_BUT_READABLE)))
def test_an_extreme_retry_after_is_a_finite_wait(value):
    wait = parse_retry_after(value, 1_600_000_000)
    assert wait is not None and 0 <= wait <= 10**10


def raw_429(value: bytes):
    def route(handler) -> None:
        handler.wfile.write(b"HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nRetry-After: " + value
                            + b"\r\n\r\n")
        handler.wfile.flush()
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        handler.close_connection = True
    return route


def _wire(value: str) -> bytes:
    """Latin-1 where it can be (what http.client decodes headers as), UTF-8 bytes otherwise."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


@pytest.mark.parametrize("value", MALFORMED + ODD_BUT_READABLE + ["\u00b9\u00b2\u00b3"],
                         ids=range(len(MALFORMED) + len(ODD_BUT_READABLE) + 1))
def test_a_429_with_a_malformed_retry_after_stays_rate_limited(serve, value):
    server = serve("127.0.0.2")
    server.routes["/limited"] = raw_429(_wire(value))
    url = server.url("/limited")
    results, _ = check_urls([url], retries=0)
    assert results[url].link_class == "rate-limited", results[url]
    assert results[url].status_code == 429
