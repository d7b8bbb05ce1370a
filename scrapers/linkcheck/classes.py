"""What an answer or an error means for a link: its class, and whether trying again could help."""

from __future__ import annotations

import http.client
import re
import ssl

import requests
import urllib3.exceptions

from catalog.linkstate import LinkClass
from catalog.problems import printable
from catalog_scrapers.http import ConnectionRefused, MalformedReply, NameResolutionFailed, RefusedAddressError, Reply

BLOCKED_STATUSES = frozenset({401, 403, 407, 451, 999})
# A HEAD answered with these is believed; anything else >= 400 is asked again with GET.
HEAD_ANSWERS_TRUSTED = frozenset({401, 407, 429})
NOT_RETRIED_5XX = frozenset({501, 505})

# Anti-bot and WAF challenge pages: the page is there, we are just not let in.
_CHALLENGE_MARKERS = tuple(m.lower() for m in (
    b"cf-chl", b"challenge-platform", b"_cf_chl_opt", b"<title>just a moment",
    b"captcha-delivery.com", b"_incapsula_resource", b"acw_sc__v2", b"/cdn-cgi/challenge",
)) + tuple(text.encode(enc) for text in ("安全验证", "人机验证", "滑动验证") for enc in ("utf-8", "gb18030"))


def is_challenge(reply: Reply) -> bool:
    if reply.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if not reply.body or "html" not in reply.headers.get("content-type", "html").lower():
        return False
    head = reply.body.lower()
    return any(marker in head for marker in _CHALLENGE_MARKERS)


def classify_status(reply: Reply) -> tuple[LinkClass, bool]:
    """The class of a final (non-redirect) answer and whether a retry could change it."""
    status = reply.status
    if 200 <= status < 300:
        return (LinkClass.BLOCKED, False) if is_challenge(reply) else (LinkClass.OK, False)
    if status in BLOCKED_STATUSES:
        return LinkClass.BLOCKED, False
    if status in (404, 410):
        return LinkClass.NOT_FOUND, False
    if status == 429:
        return LinkClass.RATE_LIMITED, True
    if status == 408:
        return LinkClass.TIMEOUT, True
    if 500 <= status < 600:  # past 599 is no status HTTP defines: an HTTP error, not a server error
        if is_challenge(reply):
            return LinkClass.BLOCKED, False
        return LinkClass.SERVER_ERROR, status not in NOT_RETRIED_5XX
    return LinkClass.HTTP_ERROR, False


def classify_error(exc: BaseException, expired: bool, deadline_seconds: float) -> tuple[LinkClass, bool, str]:
    """The class of a request that raised, whether a retry could help, and a short detail."""
    if expired:
        return LinkClass.TIMEOUT, True, f"no complete answer within {deadline_seconds:g} s"
    if isinstance(exc, RefusedAddressError):
        if exc.host.strip("[]") == exc.address:
            return LinkClass.REFUSED_ADDRESS, False, f"{exc.address} is a {exc.reason} address"
        return LinkClass.REFUSED_ADDRESS, False, f"{exc.host} resolves to {exc.address} ({exc.reason})"
    if isinstance(exc, NameResolutionFailed):
        return LinkClass.DNS_FAILURE, exc.temporary, str(exc)
    if isinstance(exc, ConnectionRefused):
        return LinkClass.CONNECTION_REFUSED, False, str(exc)
    if isinstance(exc, MalformedReply):
        return LinkClass.CONNECTION_ERROR, True, str(exc)
    detail = root_message(exc)
    if isinstance(exc, (requests.exceptions.SSLError, urllib3.exceptions.SSLError, ssl.SSLError)):
        return LinkClass.TLS_ERROR, False, certificate_problem(exc) or detail
    if isinstance(exc, (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)):
        return LinkClass.TIMEOUT, True, detail
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema, requests.exceptions.InvalidHeader,
                        urllib3.exceptions.LocationParseError, UnicodeError)):
        return LinkClass.INVALID, False, detail
    if isinstance(exc, (requests.exceptions.RequestException, urllib3.exceptions.HTTPError,
                        http.client.HTTPException, OSError)):
        return LinkClass.CONNECTION_ERROR, True, detail
    return LinkClass.CONNECTION_ERROR, False, f"{type(exc).__name__}: {exc}"


# OpenSSL's verification results (X509_V_ERR_*) a maintainer must tell apart: a site whose certificate
# lapsed is fixed by its owner in a day; one that names another host may be the wrong site altogether.
_CERTIFICATE_PROBLEMS = {
    9: "certificate not yet valid", 10: "certificate expired", 18: "self-signed certificate",
    19: "self-signed certificate in the chain", 20: "certificate from an unknown authority",
    21: "certificate from an unknown authority", 23: "certificate revoked",
    62: "certificate is for another host name", 64: "certificate is for another IP address",
}


def certificate_problem(exc: BaseException) -> str | None:
    """“TLS certificate not accepted: certificate expired (…)” when verification failed, else None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ssl.SSLCertVerificationError):
            what = _CERTIFICATE_PROBLEMS.get(exc.verify_code, "certificate failed verification")
            said = printable(exc.verify_message or "")[:120]
            return f"TLS certificate not accepted: {what}" + (f" ({said})" if said else "")
        inner = getattr(exc, "reason", None)
        exc = inner if isinstance(inner, BaseException) else next(
            (arg for arg in getattr(exc, "args", ()) if isinstance(arg, BaseException)), None)
    return None


# urllib3 starts messages with the pool or connection object; the URL is in the report already.
_POOL_PREFIX = re.compile(r"^(\w*Pool\(host=[^)]*\)|<[\w.]+ object at 0x[0-9a-f]+>): ")


def root_message(exc: BaseException, limit: int = 200) -> str:
    """The innermost useful message of a requests/urllib3 exception chain, named by its kind when it
    is wrapped (``RemoteDisconnected: Remote end closed connection without response``), never the
    tuple urllib3 wraps it in."""
    outer, seen = exc, set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((arg for arg in exc.args if isinstance(arg, BaseException)), None)
        if not isinstance(inner, BaseException):
            break
        exc = inner
    text = printable(_POOL_PREFIX.sub("", str(exc)).strip()) or type(exc).__name__  # a status line's own \r\n
    if exc is not outer and type(exc).__name__ not in text:
        text = f"{type(exc).__name__}: {text}"
    return text[:limit]
