"""One check of one URL: HEAD (then GET when HEAD is refused or fails), redirects followed by hand
with the chain recorded, and the outcome put in a class.

Retries and politeness are the scheduler's job (scheduling.py); a probe is one attempt and says
whether trying again later could help (``retryable``) and how long the server asked us to wait.
"""

from __future__ import annotations

import email.utils
import http.client
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from requests.cookies import RequestsCookieJar
from requests.utils import requote_uri

from catalog.linkstate import MAX_URL_CHARS, LinkClass, RedirectHop
from catalog.urls import normalize_url
from catalog_scrapers.http import GuardedSession, Reply, deadline
from catalog_scrapers.linkcheck.classes import HEAD_ANSWERS_TRUSTED, classify_error, classify_status, is_challenge

PERMANENT_REDIRECTS = frozenset({301, 308})


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
    if len(url) > MAX_URL_CHARS:
        return f"URL longer than {MAX_URL_CHARS} characters"
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


_DELAY_SECONDS = re.compile(r"[0-9]+", re.ASCII)
LONGEST_RETRY_AFTER = 10**9  # seconds; any longer ask reads as this (the scheduler's cap applies anyway)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds (ASCII digits only) or an HTTP date
    (RFC 9110). Anything else, such as other scripts' digits, is no Retry-After: None, never an error."""
    if not value:
        return None
    value = value.strip()
    if _DELAY_SECONDS.fullmatch(value):
        return float(min(int(value[:12]), LONGEST_RETRY_AFTER))
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError, AttributeError):
        return None
    return min(max(0.0, seconds), float(LONGEST_RETRY_AFTER))


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="")) if parts.fragment else url


def redirect_target(current: str, location: str) -> str | None:
    """Where a Location header leads from ``current`` (relative and ``//host`` forms resolved), read
    as browsers read it: spaces and other bytes that are not allowed in a URL percent-encoded.
    None when it cannot be an address at all (``http://[zz/``)."""
    try:
        return _without_fragment(requote_uri(urljoin(current, location.strip())))
    except ValueError:
        return None


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
                attempt.link_class = LinkClass.INVALID
                attempt.detail = problem if first else f"redirects to {current[:200]!r}: {problem}"
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
                target = redirect_target(current, reply.location)
                if target is None:
                    attempt.link_class = LinkClass.INVALID
                    attempt.detail = f"redirects to a malformed address: {reply.location[:200]!r}"
                    return
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
        if 300 <= reply.status < 400 and reply.status != 304:
            attempt.detail = f"HTTP {reply.status} without a usable Location"
        elif link_class not in (LinkClass.OK, LinkClass.REDIRECTED_PERMANENT, LinkClass.REDIRECTED_TEMPORARY):
            reason = http.client.responses.get(reply.status, "")
            attempt.detail = f"HTTP {reply.status} {reason}".strip()
            if link_class is LinkClass.BLOCKED and 200 <= reply.status < 300 or is_challenge(reply):
                attempt.detail += " (anti-bot challenge page)"
