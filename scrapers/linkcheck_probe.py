"""One check of one URL: HEAD (then GET when HEAD is refused or fails), redirects followed by hand
with the chain recorded, and the outcome put in a class.

Retries and politeness are the scheduler's job (linkcheck.py); a probe is one attempt and says
whether trying again later could help (``retryable``) and how long the server asked us to wait.
"""

from __future__ import annotations

import email.utils
import re
import http.client
import ssl
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3.exceptions
from requests.cookies import RequestsCookieJar

from catalog.linkstate import LinkClass, RedirectHop
from catalog.urls import normalize_url
from catalog_scrapers.http import (ConnectionRefused, GuardedSession, NameResolutionFailed, RefusedAddressError,
                           Reply, deadline)

PERMANENT_REDIRECTS = frozenset({301, 308})
BLOCKED_STATUSES = frozenset({401, 403, 407, 451, 999})
# A HEAD answered with these is believed; anything else >= 400 is asked again with GET.
HEAD_ANSWERS_TRUSTED = frozenset({401, 407, 429})
NOT_RETRIED_5XX = frozenset({501, 505})

# Anti-bot and WAF challenge pages: the page is there, we are just not let in.
_CHALLENGE_MARKERS = tuple(m.lower() for m in (
    b"cf-chl", b"challenge-platform", b"_cf_chl_opt", b"<title>just a moment",
    b"captcha-delivery.com", b"_incapsula_resource", b"acw_sc__v2", b"/cdn-cgi/challenge",
)) + tuple(text.encode(enc) for text in ("安全验证", "人机验证", "滑动验证") for enc in ("utf-8", "gb18030"))


@dataclass
class ProbeSettings:
    deadline: float = 60.0      # seconds for the whole attempt: every hop, HEAD and GET
    max_redirects: int = 10
    body_cap: int = 64 * 1024   # bytes of a GET body read at most


@dataclass
class Attempt:
    """What one attempt found."""

    url: str
    link_class: LinkClass
    status_code: int | None = None
    final_url: str | None = None
    chain: list[RedirectHop] = field(default_factory=list)
    detail: str = ""
    elapsed_ms: int = 0
    retryable: bool = False
    retry_after: float | None = None  # seconds, as the server asked (Retry-After)
    requests: int = 0
    bytes_read: int = 0
    checked_at: datetime | None = None


def host_of(url: str) -> str | None:
    """The host a URL's politeness is counted against (lower-case), or None when there is none."""
    try:
        return (urlsplit(url).hostname or "").lower() or None
    except ValueError:
        return None


def invalid_reason(url: str) -> str | None:
    """Why ``url`` cannot be requested at all, or None."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "URL contains spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # raises on a bad port
    except ValueError as exc:
        return f"malformed URL: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http and https are checked, not {parts.scheme or '(no scheme)'!r}"
    if not parts.hostname:
        return "URL has no host"
    return None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


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
    if status >= 500:
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
    detail = root_message(exc)
    if isinstance(exc, (requests.exceptions.SSLError, urllib3.exceptions.SSLError, ssl.SSLError)):
        return LinkClass.TLS_ERROR, False, detail
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


# urllib3 starts messages with the pool or connection object; the URL is in the report already.
_POOL_PREFIX = re.compile(r"^(\w*Pool\(host=[^)]*\)|<[\w.]+ object at 0x[0-9a-f]+>): ")


def root_message(exc: BaseException, limit: int = 200) -> str:
    """The innermost useful message of a requests/urllib3 exception chain."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException) and exc.args and isinstance(exc.args[0], BaseException):
            inner = exc.args[0]
        if not isinstance(inner, BaseException):
            break
        exc = inner
    text = _POOL_PREFIX.sub("", str(exc)) or type(exc).__name__
    return text[:limit]


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="")) if parts.fragment else url


class Prober:
    """Runs attempts through one GuardedSession; shared by all worker threads."""

    def __init__(self, session: GuardedSession, settings: ProbeSettings,
                 pace: Callable[[str], None] = lambda host: None,
                 head_first: Callable[[str], bool] = lambda host: True,
                 head_unreliable: Callable[[str], None] = lambda host: None):
        self.session = session
        self.settings = settings
        self.pace = pace                        # wait for our turn at a host (per-host interval)
        self.head_first = head_first            # whether to start with HEAD on this host
        self.head_unreliable = head_unreliable  # told when a host's HEAD failed where GET worked

    def probe(self, url: str) -> Attempt:
        """One attempt at ``url``. The caller has already paced the first request."""
        started = time.monotonic()
        attempt = Attempt(url=url, link_class=LinkClass.INVALID, final_url=url,
                          checked_at=datetime.now(timezone.utc).replace(microsecond=0))
        with deadline(self.settings.deadline) as scope:
            try:
                self._follow(url, attempt)
            except Exception as exc:  # every failure becomes a class; nothing escapes a worker
                attempt.link_class, attempt.retryable, attempt.detail = classify_error(
                    exc, scope.expired, self.settings.deadline)
        attempt.elapsed_ms = int((time.monotonic() - started) * 1000)
        return attempt

    def _follow(self, url: str, attempt: Attempt) -> None:
        jar = RequestsCookieJar()
        current = url
        visited = {self._visit_key(url, jar)}
        first = True
        while True:
            problem = invalid_reason(current)
            if problem:
                attempt.link_class, attempt.detail = LinkClass.INVALID, problem
                return
            host = host_of(current)
            if not first:
                self.pace(host)
            first = False
            reply = self._fetch(current, host, jar, attempt)
            attempt.status_code = reply.status
            attempt.final_url = current
            if 300 <= reply.status < 400 and reply.status != 304 and reply.location:
                attempt.chain.append(RedirectHop(url=current, status=reply.status))
                target = _without_fragment(urljoin(current, reply.location.strip()))
                if len(attempt.chain) > self.settings.max_redirects:
                    attempt.link_class = LinkClass.TOO_MANY_REDIRECTS
                    attempt.detail = f"more than {self.settings.max_redirects} redirects"
                    return
                key = self._visit_key(target, jar)
                if key in visited:
                    attempt.link_class = LinkClass.REDIRECT_LOOP
                    attempt.detail = f"redirects back to {target}"
                    attempt.final_url = target
                    return
                visited.add(key)
                current = target
                continue
            self._finish(reply, attempt)
            return

    @staticmethod
    def _visit_key(url: str, jar: RequestsCookieJar) -> tuple:
        # The same URL again with the same cookies can only answer the same way: a loop.
        return normalize_url(url), frozenset((c.domain, c.path, c.name, c.value) for c in jar)

    def _fetch(self, url: str, host: str, jar: RequestsCookieJar, attempt: Attempt) -> Reply:
        """HEAD, and GET when the HEAD answer cannot be believed or HEAD fails outright."""
        if not self.head_first(host):
            return self._send("GET", url, jar, attempt)
        try:
            head = self._send("HEAD", url, jar, attempt)
        except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError) as exc:
            if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)):
                raise
            head = None
        if head is not None and (head.status < 400 or head.status in HEAD_ANSWERS_TRUSTED):
            return head
        self.pace(host)
        get = self._send("GET", url, jar, attempt)
        if get.status < 400:
            self.head_unreliable(host)
        return get

    def _send(self, method: str, url: str, jar: RequestsCookieJar, attempt: Attempt) -> Reply:
        attempt.requests += 1
        reply = self.session.request(method, url, body_cap=self.settings.body_cap, cookies=jar)
        attempt.bytes_read += reply.bytes_read
        return reply

    def _finish(self, reply: Reply, attempt: Attempt) -> None:
        link_class, retryable = classify_status(reply)
        if link_class is LinkClass.OK and attempt.chain:
            permanent = all(hop.status in PERMANENT_REDIRECTS for hop in attempt.chain)
            link_class = LinkClass.REDIRECTED_PERMANENT if permanent else LinkClass.REDIRECTED_TEMPORARY
        attempt.link_class, attempt.retryable = link_class, retryable
        if reply.status in (429, 503):
            attempt.retry_after = parse_retry_after(reply.headers.get("retry-after"))
        if 300 <= reply.status < 400:
            attempt.detail = f"HTTP {reply.status} without a usable Location"
        elif link_class not in (LinkClass.OK, LinkClass.REDIRECTED_PERMANENT, LinkClass.REDIRECTED_TEMPORARY):
            reason = http.client.responses.get(reply.status, "")
            attempt.detail = f"HTTP {reply.status} {reason}".strip()
            if link_class is LinkClass.BLOCKED and 200 <= reply.status < 300 or is_challenge(reply):
                attempt.detail += " (anti-bot challenge page)"
