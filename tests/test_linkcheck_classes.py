"""Each kind of answer a real server gives lands in the class a maintainer needs to see."""

from __future__ import annotations

import pytest

from linkserver import check_urls, free_port, serve  # noqa: F401  (serve is a fixture)


@pytest.mark.parametrize("path, link_class, status", [
    ("/ok", "ok", 200),
    ("/status/204", "ok", 204),
    ("/status/404", "not-found", 404),
    ("/status/410", "not-found", 410),
    ("/status/401", "blocked", 401),
    ("/status/403", "blocked", 403),
    ("/status/451", "blocked", 451),
    ("/challenge", "blocked", 403),
    ("/status/500", "server-error", 500),
    ("/status/501", "server-error", 501),
    ("/status/400", "http-error", 400),
    ("/status/429", "rate-limited", 429),
    ("/noloc", "http-error", 302),
])
def test_status_answers_get_their_class(serve, path, link_class, status):
    server = serve("127.0.0.2")
    url = server.url(path)
    results, _ = check_urls([url])
    assert (results[url].link_class, results[url].status_code) == (link_class, status)


def test_a_captcha_page_answered_200_is_blocked_when_its_body_is_read(serve):
    # HEAD cannot see a challenge page; on hosts configured (or found) to need GET, the body tells.
    server = serve("127.0.0.2")
    url = server.url("/captcha")
    seen = check_urls([url], head=False)[0][url]
    assert (seen.link_class, seen.status_code) == ("blocked", 200)
    assert "challenge" in seen.detail


@pytest.mark.parametrize("codes, link_class", [
    ("301", "redirected-permanent"),
    ("308", "redirected-permanent"),
    ("301,308,301", "redirected-permanent"),
    ("302", "redirected-temporary"),
    ("307", "redirected-temporary"),
    ("303", "redirected-temporary"),
    ("301,302,307,308", "redirected-temporary"),
])
def test_redirect_chains_are_followed_and_recorded(serve, codes, link_class):
    server = serve("127.0.0.2")
    url = server.url(f"/chain/{codes}")
    seen = check_urls([url])[0][url]
    assert seen.link_class == link_class
    assert [hop.status for hop in seen.redirect_chain] == [int(c) for c in codes.split(",")]
    assert seen.redirect_chain[0].url == url
    assert seen.final_url == server.url("/chain/")
    assert seen.status_code == 200


def test_a_redirect_to_a_missing_page_is_not_found_with_its_chain(serve):
    server = serve("127.0.0.2")
    url = server.url("/redirect/301?to=/status/404")
    seen = check_urls([url])[0][url]
    assert (seen.link_class, seen.status_code) == ("not-found", 404)
    assert seen.final_url == server.url("/status/404")
    assert [hop.status for hop in seen.redirect_chain] == [301]


def test_a_redirect_loop_is_detected_quickly(serve):
    server = serve("127.0.0.2")
    url = server.url("/loop/a")
    seen = check_urls([url])[0][url]
    assert seen.link_class == "redirect-loop"
    assert len(server.hits()) == 2  # a -> b -> a: stopped before asking a again


def test_too_many_redirects(serve):
    server = serve("127.0.0.2")
    url = server.url("/chain/" + ",".join(["302"] * 6))
    seen = check_urls([url], max_redirects=4)[0][url]
    assert seen.link_class == "too-many-redirects"
    assert len(seen.redirect_chain) == 5


@pytest.mark.parametrize("head_status", [405, 404, 500, 403])
def test_head_refused_but_get_fine_is_ok(serve, head_status):
    server = serve("127.0.0.2")
    url = server.url(f"/head/{head_status}")
    seen = check_urls([url])[0][url]
    assert (seen.link_class, seen.status_code) == ("ok", 200)
    assert [method for _, method, _ in server.hits()] == ["HEAD", "GET"]


def test_head_that_drops_the_connection_falls_back_to_get(serve):
    server = serve("127.0.0.2")
    url = server.url("/head-reset")
    seen = check_urls([url])[0][url]
    assert seen.link_class == "ok"


def test_a_real_404_is_asked_twice_then_believed(serve):
    server = serve("127.0.0.2")
    url = server.url("/status/404")
    check_urls([url])
    assert [method for _, method, _ in server.hits()] == ["HEAD", "GET"]


def test_a_host_whose_head_fails_is_asked_with_get_from_then_on(serve):
    server = serve("127.0.0.2")
    first, later = server.url("/head/405"), server.url("/head/405?again")
    results, stats = check_urls([first, later], per_host=1)
    assert {r.link_class for r in results.values()} == {"ok"}
    assert [method for _, method, _ in server.hits()] == ["HEAD", "GET", "GET"]
    assert stats.head_unreliable == {"127.0.0.2"}


def test_connection_refused():
    url = f"http://127.0.0.2:{free_port()}/"
    seen = check_urls([url])[0][url]
    assert seen.link_class == "connection-refused"

