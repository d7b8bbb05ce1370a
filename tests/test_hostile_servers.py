"""Servers that misbehave in ways the other link-check tests do not try: kept-alive connections the
server drops, broken framing, odd statuses and redirects, TLS certificates that fail for different
reasons. A verdict must say what happened to the link, not blame the URL for the server's fault."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pytest

from linkserver import check_urls, ipv6_loopback_available, raw_reply, serve  # noqa: F401  (serve is a fixture)

WORKING = {"ok", "redirected-permanent", "redirected-temporary"}


def one_answer_per_connection(handler) -> None:
    """Answers the first request on a connection as kept alive, then drops the connection at the next
    one without a word (an idle timeout or a request limit that was never announced)."""
    if getattr(handler, "answered_here", False):
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)
        return
    handler.answered_here = True
    handler.send(200)


@pytest.mark.parametrize("head", [True, False], ids=["head-first", "get-only"])
def test_a_kept_alive_connection_the_server_dropped_does_not_fail_the_next_link(serve, head):
    server = serve("127.0.0.2")
    paths = [f"/once/{n}" for n in range(4)]
    for path in paths:
        server.routes[path] = one_answer_per_connection
    urls = [server.url(path) for path in paths]
    results, _ = check_urls(urls, per_host=1, concurrency=1, head=head)
    assert {url: results[url].link_class for url in urls} == {url: "ok" for url in urls}


def test_a_body_cut_short_after_a_whole_head_is_judged_by_its_status_whatever_the_method(serve):
    # The same answer was ok when asked with HEAD and a connection error when asked with GET.
    server = serve("127.0.0.2")
    server.routes["/short"] = raw_reply(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort")
    server.routes["/bad-chunks"] = raw_reply(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n")
    urls = [server.url("/short"), server.url("/bad-chunks")]
    for head in (True, False):
        results, _ = check_urls(urls, head=head)
        assert [results[url].link_class for url in urls] == ["ok", "ok"], (head, results)


@pytest.mark.parametrize("reply, detail", [
    (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nshort", "Content-Length"),
    (b"HTTP/1.1 302 Found\r\nLocation: /ok\r\nLocation: /status/404\r\nContent-Length: 0\r\n\r\n", "Location"),
])
def test_a_malformed_reply_is_the_servers_fault_not_an_invalid_url(serve, reply, detail):
    server = serve("127.0.0.2")
    server.routes["/broken"] = raw_reply(reply)
    url = server.url("/broken")
    seen = check_urls([url], head=False)[0][url]
    assert seen.link_class == "connection-error", seen
    assert detail in seen.detail


@pytest.mark.parametrize("location, landing, detail", [
    ("http://[zz/ok", None, "malformed"),          # urljoin itself refuses it
    ("javascript:alert(1)", None, "javascript"),
    ("/o k", "/o%20k", ""),                          # a space, as browsers read it: %20
    ("/caf\u00e9", "/caf%C3%A9", ""),
    (b"/caf\xe9", "/caf%E9", ""),                    # Latin-1, not UTF-8: its byte as it came
])
def test_odd_locations_are_read_as_a_browser_reads_them(serve, location, landing, detail):
    server = serve("127.0.0.2")
    written = location if isinstance(location, bytes) else location.encode("utf-8")
    server.routes["/go"] = raw_reply(b"HTTP/1.1 302 Found\r\nLocation: " + written + b"\r\nContent-Length: 0\r\n\r\n")
    if landing:
        server.routes[landing] = lambda handler: handler.send(200)
    url = server.url("/go")
    seen = check_urls([url])[0][url]
    assert seen.link_class == ("redirected-temporary" if landing else "invalid"), seen
    assert detail in seen.detail and "\n" not in seen.detail


@pytest.mark.parametrize("status, link_class, detail", [
    (304, "http-error", "Not Modified"),   # no conditional request was made: not a redirect without Location
    (600, "http-error", "600"),            # past 599 no status is defined: not a server error to retry
    (999, "blocked", "999"),
])
def test_odd_statuses_are_named_as_what_they_are(serve, status, link_class, detail):
    server = serve("127.0.0.2")
    server.routes["/odd"] = raw_reply(f"HTTP/1.1 {status} Odd\r\nContent-Length: 0\r\n\r\n".encode())
    url = server.url("/odd")
    seen = check_urls([url])[0][url]
    assert (seen.link_class, seen.status_code) == (link_class, status)
    assert detail in seen.detail and "Location" not in seen.detail


@pytest.mark.parametrize("reply", [b"HTTP/1.1 000 Zero\r\n\r\n", b"ICY 200 OK\r\n\r\n", b"<html>no status line</html>"])
def test_an_unreadable_status_line_is_a_connection_error_on_one_readable_line(serve, reply):
    server = serve("127.0.0.2")
    server.routes["/garbled"] = raw_reply(reply)
    url = server.url("/garbled")
    seen = check_urls([url])[0][url]
    assert seen.link_class == "connection-error"
    assert "\r" not in seen.detail and "\n" not in seen.detail and "Connection aborted" not in seen.detail


# --- TLS: each way a certificate fails is named --------------------------------------------------

def _openssl(*args: str, cwd) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=cwd)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A test CA and, signed by it: a good certificate for 127.0.0.2, an expired one, one for another
    address; and a self-signed one. Made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not available")
    folder = tmp_path_factory.mktemp("tls-ca")
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl("req", "-x509", *key, "-days", "2", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Test CA",
             cwd=folder)
    (folder / "index.txt").write_text("")
    (folder / "serial").write_text("1000\n")
    (folder / "ca.cnf").write_text(
        "[ca]\ndefault_ca = local\n[local]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
        "default_md = sha256\npolicy = any\ncopy_extensions = copy\nunique_subject = no\n[any]\ncommonName = supplied\n")
    made = {"ca": str(folder / "ca.pem")}
    for name, address, dates in (("good", "127.0.0.2", ["-days", "2"]),
                                 ("expired", "127.0.0.2", ["-startdate", "200101000000Z", "-enddate", "200201000000Z"]),
                                 ("other-name", "127.0.0.9", ["-days", "2"])):
        _openssl("req", "-new", *key, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={address}",
                 "-addext", f"subjectAltName=IP:{address}", cwd=folder)
        _openssl("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-notext",
                 "-in", f"{name}.csr", "-out", f"{name}.pem", *dates, cwd=folder)
        made[name] = (str(folder / f"{name}.pem"), str(folder / f"{name}.key"))
    _openssl("req", "-x509", *key, "-days", "2", "-keyout", "self.key", "-out", "self.pem", "-subj", "/CN=127.0.0.2",
             "-addext", "subjectAltName=IP:127.0.0.2", cwd=folder)
    made["self-signed"] = (str(folder / "self.pem"), str(folder / "self.key"))
    return made


@pytest.mark.parametrize("name, words", [
    ("expired", "certificate expired"),
    ("other-name", "certificate is for another IP address"),
    ("self-signed", "self-signed certificate"),
])
def test_each_bad_certificate_is_a_tls_error_that_says_why(serve, certificates, name, words):
    good = serve("127.0.0.2", cert=certificates["good"])
    bad = serve("127.0.0.2", cert=certificates[name])
    urls = [good.url("/ok"), bad.url("/ok")]
    results, _ = check_urls(urls, ca_bundle=certificates["ca"])
    assert results[urls[0]].link_class == "ok"  # the same CA: only the certificate's flaw differs
    seen = results[urls[1]]
    assert seen.link_class == "tls-error"
    assert words in seen.detail and seen.detail.startswith("TLS certificate not accepted"), seen.detail
    assert "\n" not in seen.detail and "_ssl.c" not in seen.detail


def test_plain_http_spoken_on_a_tls_link_is_a_tls_error(serve):
    server = serve("127.0.0.2")
    url = server.url("/ok").replace("http://", "https://")
    seen = check_urls([url])[0][url]
    assert seen.link_class == "tls-error"


@pytest.mark.skipif(not ipv6_loopback_available(), reason="no IPv6 loopback here")
def test_ipv6_loopback_once_allowed_is_checked_and_its_redirect_to_ipv4_refused(serve):
    v6 = serve("::1")
    v4 = serve("127.0.0.2")
    direct = v6.url("/ok")
    onward = v6.url("/redirect/302?to=" + v4.url("/ok"))
    results, _ = check_urls([direct, onward], allow=["::1/128"])
    assert results[direct].link_class == "ok"
    assert results[onward].link_class == "refused-address" and "127.0.0.2" in results[onward].detail
    assert v4.connections == 0


def test_ipv6_urls_that_differ_only_in_where_the_port_is_are_two_records():
    from catalog.urls import normalize_url

    assert normalize_url("http://[::1]:8080/") != normalize_url("http://[::1:8080]/")
    assert normalize_url("http://[::1]:8080/") == "http://[::1]:8080"


@pytest.mark.parametrize("early", [b"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n",
                                   b"HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\n\r\n"])
def test_informational_answers_before_the_final_one_are_skipped(serve, early):
    server = serve("127.0.0.2")
    server.routes["/hints"] = raw_reply(early + b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    url = server.url("/hints")
    for head in (True, False):
        seen = check_urls([url], head=head)[0][url]
        assert (seen.link_class, seen.status_code) == ("not-found", 404), seen
