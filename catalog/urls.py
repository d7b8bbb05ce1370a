"""URL normalisation, so that the same address written two ways counts as one."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop a default port, a fragment and a trailing slash of the path.

    Both schemes are kept apart: http://x and https://x may serve different things, and the link
    checker must try the one written.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address keeps its brackets: http://[::1]:8080 is not http://[::1:8080]
        host = f"[{host}]"
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, parts.query, ""))


def address_key(url: str) -> str:
    """The key two entries must not share: the normalised URL without its scheme.

    http://www.x.cn/ and https://www.x.cn are the same site written twice; the duplicate check
    treats them as one, while the link checker still tries each as written.
    """
    normal = normalize_url(url)
    return normal.split("://", 1)[-1]
