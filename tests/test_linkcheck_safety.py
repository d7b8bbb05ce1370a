"""URLs come by pull request: the checker must never reach an address it was not allowed to.

Every "refused" case runs a real server on the refused address that counts accepted connections,
so "no packet was sent" is observed, not assumed.
"""

from __future__ import annotations

import ipaddress
import shutil
import subprocess

import pytest

from linkserver import check_urls, ipv6_loopback_available, serve  # noqa: F401  (serve is a fixture)
from catalog_scrapers.http import AddressPolicy, parse_ip_host


@pytest.mark.parametrize("host, expected", [
    ("2130706433", "127.0.0.1"),
    ("0x7f.1", "127.0.0.1"),
    ("0x7f000001", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"),
    ("127.1", "127.0.0.1"),
    ("10.0x0.0.010", "10.0.0.8"),
    ("127.0.0.1.", "127.0.0.1"),
    ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
    ("[fe80::1%25eth0]", "fe80::1"),  # the zone id is dropped: the address is what is judged
    ("example.org", None),
    ("1.2.3.4.5", None),
    ("256.0.0.1", None),
    ("0x", "0.0.0.0"),
])
def test_numeric_host_forms_are_read_as_the_address_the_c_library_would_use(host, expected):
    found = parse_ip_host(host)
    assert (str(found) if found is not None else None) == expected


@pytest.mark.parametrize("address, refused", [
    ("8.8.8.8", False), ("2606:4700::1111", False), ("::ffff:8.8.8.8", False),
    ("127.0.0.1", True), ("10.1.2.3", True), ("172.16.0.1", True), ("192.168.1.1", True),
    ("169.254.169.254", True), ("100.64.0.1", True), ("0.0.0.0", True), ("224.0.0.1", True),
    ("240.0.0.1", True), ("255.255.255.255", True), ("192.0.2.1", True),
    ("::1", True), ("::", True), ("fe80::1", True), ("fc00::1", True), ("ff02::1", True),
    ("::ffff:127.0.0.1", True), ("::ffff:10.0.0.1", True), ("64:ff9b::a00:1", True),
    ("2002:7f00:1::1", True), ("2001:db8::1", True),
])
def test_only_global_unicast_addresses_pass_the_default_policy(address, refused):
    reason = AddressPolicy().refusal(ipaddress.ip_address(address))
    assert (reason is not None) == refused, reason


def test_an_allowed_network_also_covers_its_ipv4_mapped_form():
    policy = AddressPolicy.from_cidrs(["127.0.0.2/32"])
    assert policy.refusal(ipaddress.ip_address("127.0.0.2")) is None
    assert policy.refusal(ipaddress.ip_address("::ffff:127.0.0.2")) is None
    assert policy.refusal(ipaddress.ip_address("127.0.0.3")) == "loopback"


def test_a_bad_allow_range_is_named():
    with pytest.raises(ValueError, match="not-a-cidr"):
        AddressPolicy.from_cidrs(["not-a-cidr"])


def test_redirect_from_an_allowed_address_to_a_refused_one_sends_nothing_there(serve):
    allowed = serve("127.0.0.2")
    forbidden = serve("127.0.0.3")
    start = allowed.url("/redirect/302?to=" + forbidden.url("/ok"))

    results, _ = check_urls([start], allow=["127.0.0.2/32"])

    seen = results[start]
    assert seen.link_class == "refused-address"
    assert "127.0.0.3" in seen.detail and "loopback" in seen.detail
    assert [hop.status for hop in seen.redirect_chain] == [302]
    assert len(allowed.hits("/redirect/302")) == 1
    assert forbidden.connections == 0 and forbidden.hits() == []


def test_the_same_redirect_goes_through_when_both_addresses_are_allowed(serve):
    allowed = serve("127.0.0.2")
    other = serve("127.0.0.3")
    start = allowed.url("/redirect/302?to=" + other.url("/ok"))
    results, _ = check_urls([start], allow=["127.0.0.2/32", "127.0.0.3/32"])
    assert results[start].link_class == "redirected-temporary"
    assert other.connections == 1


@pytest.mark.parametrize("template", [
    "http://localhost:{port}/ok",
    "http://2130706433:{port}/ok",
    "http://0x7f.1:{port}/ok",
    "http://0177.0.0.1:{port}/ok",
    "http://127.1:{port}/ok",
    "http://[::ffff:127.0.0.1]:{port}/ok",
    "http://[::ffff:7f00:1]:{port}/ok",
])
def test_loopback_in_any_spelling_is_refused_without_a_connection(serve, template):
    target = serve("127.0.0.1")
    url = template.format(port=target.port)
    results, _ = check_urls([url], allow=[])
    assert results[url].link_class == "refused-address", results[url].detail
    assert target.connections == 0


def test_numeric_forms_reach_the_address_they_mean_once_it_is_allowed(serve):
    target = serve("127.0.0.1")
    url = f"http://2130706433:{target.port}/ok"
    results, _ = check_urls([url], allow=["127.0.0.1/32"])
    assert results[url].link_class == "ok"
    assert target.connections == 1


@pytest.mark.skipif(not ipv6_loopback_available(), reason="no IPv6 loopback here")
def test_ipv6_loopback_is_refused_without_a_connection(serve):
    target = serve("::1")
    url = target.url("/ok")
    results, _ = check_urls([url], allow=["127.0.0.0/8"])
    assert results[url].link_class == "refused-address"
    assert target.connections == 0


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.org/file", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("http:///no-host", "no host"),
    ("http://exa mple.org/", "spaces"),
    ("http://example.org:99999/", "malformed"),
])
def test_what_is_not_an_http_url_is_invalid_and_never_requested(url, reason):
    results, stats = check_urls([url], allow=[])
    assert results[url].link_class == "invalid"
    assert reason in results[url].detail
    assert stats.requests == 0


def test_a_redirect_to_another_scheme_is_not_followed(serve):
    server = serve("127.0.0.2")
    start = server.url("/redirect/301?to=file:///etc/passwd")
    results, _ = check_urls([start])
    assert results[start].link_class == "invalid"
    assert results[start].final_url is not None


# --- TLS, proxies, and who we say we are -------------------------------------------------------

@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.2, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not available")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.2",
                    "-addext", "subjectAltName=IP:127.0.0.2"], check=True, capture_output=True)
    return str(cert), str(key)


def test_an_untrusted_certificate_is_a_tls_error(serve, certificate):
    server = serve("127.0.0.2", cert=certificate)
    url = server.url("/ok")
    seen = check_urls([url])[0][url]
    assert seen.link_class == "tls-error"
    assert "certificate" in seen.detail.lower()


def test_https_through_the_guarded_connection_with_a_named_ca_bundle(serve, certificate):
    server = serve("127.0.0.2", cert=certificate)
    url = server.url("/chain/301")
    seen = check_urls([url], ca_bundle=certificate[0])[0][url]
    assert seen.link_class == "redirected-permanent"
    assert seen.final_url == server.url("/chain/")


def test_https_to_a_refused_address_never_connects(serve, certificate):
    server = serve("127.0.0.2", cert=certificate)
    url = server.url("/ok")
    seen = check_urls([url], allow=[], ca_bundle=certificate[0])[0][url]
    assert seen.link_class == "refused-address"
    assert server.connections == 0


def test_proxy_settings_in_the_environment_are_ignored(serve, monkeypatch):
    # A proxy would fetch any address for us, past every check: it must never be used.
    proxy, target = serve("127.0.0.2"), serve("127.0.0.3")
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, proxy.origin)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    url = target.url("/ok")
    assert check_urls([url])[0][url].link_class == "ok"
    assert proxy.connections == 0 and target.connections == 1


def test_requests_carry_an_honest_user_agent(serve):
    server = serve("127.0.0.2")
    seen_agents = []
    server.routes["/agent"] = lambda handler: (seen_agents.append(handler.headers["User-Agent"]),
                                               handler.send(200))
    check_urls([server.url("/agent")])
    assert seen_agents and all("course-catalog" in agent.lower() for agent in seen_agents)
