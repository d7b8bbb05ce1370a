"""The guarded HTTP session the link checker sends every request through.

URLs arrive by pull request, so nothing here trusts them:

- Every connection goes to an address that was vetted first. A host name is resolved once, every
  address it resolves to is checked, and the socket connects to one of those vetted addresses (no
  second lookup that could answer differently). Loopback, private, link-local, multicast, reserved,
  unspecified and other non-global addresses are refused before any packet is sent, including
  IPv4-mapped/NAT64/6to4 IPv6 forms and numeric hosts such as ``2130706433`` or ``0x7f.1``, unless
  an allowed network names the address. The check lives in the connection class, so it runs for the
  first request and for every redirect hop alike.
- Connect and read timeouts per socket operation, plus a total deadline per attempt enforced by a
  watchdog thread that shuts the socket down, so a server dripping one byte a second cannot hold a
  worker forever. Name resolution runs under the same deadline.
- Bodies are streamed and read up to a cap; nothing decompresses behind our back.
- No proxies from the environment (a proxy would reach addresses we never vetted), no .netrc, no
  cookies kept between checks.
- A host is refused as a whole when any one of its addresses is refused: a name that mixes public
  and internal addresses is either a mistake or an attack.
"""

from __future__ import annotations

import heapq
import http.client
import ipaddress
import socket
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator
from urllib.parse import quote

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.cookies import extract_cookies_to_jar
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


# --- errors the guarded connection raises (not OSError, so urllib3 passes them through) ----------

class GuardError(Exception):
    """A request stopped by this module; the subclass says why."""


class RefusedAddressError(GuardError):
    def __init__(self, host: str, address: str, reason: str):
        super().__init__(f"{host} -> {address}: {reason}")
        self.host, self.address, self.reason = host, address, reason


class NameResolutionFailed(GuardError):
    def __init__(self, host: str, message: str, temporary: bool):
        super().__init__(f"{host}: {message}")
        self.host, self.temporary = host, temporary


class ConnectionRefused(GuardError):
    def __init__(self, host: str, address: str):
        super().__init__(f"{host} ({address}): connection refused")
        self.host, self.address = host, address


class MalformedReply(GuardError):
    """The server's reply broke HTTP's rules in a way no reading of it can repair (two different
    Content-Lengths, say): the server's fault, not the URL's."""


class DeadlineExceeded(GuardError):
    """Raised by name resolution when the attempt's deadline passes while waiting for it."""


# --- the address policy ---------------------------------------------------------------------------

# NAT64 prefixes translate the embedded IPv4 address on the way out, so that address is what counts.
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4, Teredo client), if any."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def _non_global_reason(ip: IPAddress) -> str | None:
    for attribute, reason in (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_private", "private"),
        ("is_reserved", "reserved"),
    ):
        if getattr(ip, attribute):
            return reason
    if ip.version == 6 and ip.is_site_local:
        return "site-local"
    if not ip.is_global:
        return "not globally routable"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses a request may reach: public ones, plus the networks named in ``allow``."""

    allow: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_cidrs(cls, cidrs: Iterable[str]) -> "AddressPolicy":
        """Build from ``--allow-address`` values; raises ValueError naming a bad one."""
        networks = []
        for text in cidrs:
            try:
                networks.append(ipaddress.ip_network(text.strip(), strict=False))
            except ValueError as exc:
                raise ValueError(f"无效的地址段 (invalid address range) {text!r}: {exc}") from None
        return cls(tuple(networks))

    def _allowed(self, ip: IPAddress) -> bool:
        return any(ip.version == net.version and ip in net for net in self.allow)

    def refusal(self, ip: IPAddress) -> str | None:
        """Why ``ip`` must not be contacted, or None when it may be."""
        if self._allowed(ip):
            return None
        inner = embedded_ipv4(ip)
        if inner is not None:
            if self._allowed(inner):
                return None
            reason = _non_global_reason(inner)
            if reason:
                return f"{reason} (embedded in {ip})"
            return _non_global_reason(ip) if ip.ipv4_mapped is None else None
        return _non_global_reason(ip)


def parse_ip_host(host: str) -> IPAddress | None:
    """The address a URL host names literally, or None for a host name.

    Accepts every form the C library's inet_aton accepts, because that is what getaddrinfo would
    quietly turn them into: ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``.
    """
    text = host.strip("[]").split("%", 1)[0]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    text = text[:-1] if text.endswith(".") else text
    parts = text.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        try:
            if part[:2].lower() == "0x":
                numbers.append(int(part[2:], 16) if part[2:] else 0)
            elif len(part) > 1 and part.startswith("0"):
                numbers.append(int(part, 8))
            else:
                numbers.append(int(part, 10))
        except ValueError:
            return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = value * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(value)


# --- the per-attempt deadline ---------------------------------------------------------------------

class Deadline:
    """A point in time after which every socket the attempt uses is shut down."""

    def __init__(self, seconds: float):
        self.expires = time.monotonic() + seconds
        self.expired = False
        self.done = False
        self._lock = threading.Lock()
        self._watched: list[object] = []

    def extend(self, seconds: float) -> None:
        """Push the deadline back (time spent waiting for our turn is not the server's)."""
        _watchdog.move(self, seconds)

    def remaining(self) -> float:
        return max(0.0, self.expires - time.monotonic())

    def watch(self, thing: object) -> None:
        """Register a socket, or a connection whose ``.sock`` is read when the deadline fires."""
        with self._lock:
            if self.expired:
                _shutdown(thing)
            else:
                self._watched.append(thing)

    def unwatch(self, thing: object) -> None:
        with self._lock:
            self._watched = [t for t in self._watched if t is not thing]

    def fire(self) -> None:
        with self._lock:
            if self.done:
                return
            self.expired = True
            things, self._watched = self._watched, []
        for thing in things:
            _shutdown(thing)

    def __lt__(self, other: "Deadline") -> bool:
        return self.expires < other.expires


def _shutdown(thing: object) -> None:
    sock = thing if isinstance(thing, socket.socket) else getattr(thing, "sock", None)
    if sock is None:
        return
    try:
        # Unbound call: SSLSocket.shutdown would drop its SSL object under a reading thread.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class _Watchdog:
    """One daemon thread that fires deadlines in time order."""

    def __init__(self) -> None:
        self._heap: list[Deadline] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, deadline: Deadline) -> None:
        with self._cond:
            heapq.heappush(self._heap, deadline)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="http-deadlines", daemon=True)
                self._thread.start()
            if self._heap[0] is deadline:  # only an earlier deadline changes how long to sleep
                self._cond.notify()

    def move(self, deadline: Deadline, seconds: float) -> None:
        with self._cond:
            deadline.expires += seconds
            heapq.heapify(self._heap)
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._heap and self._heap[0].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                wait = self._heap[0].expires - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                due = heapq.heappop(self._heap)
            due.fire()


_watchdog = _Watchdog()
_current = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """Bound everything the current thread does through a GuardedSession inside the block."""
    scope = Deadline(seconds)
    _watchdog.add(scope)
    previous = getattr(_current, "deadline", None)
    _current.deadline = scope
    try:
        yield scope
    finally:
        _current.deadline = previous
        with scope._lock:
            scope.done = True
            scope._watched.clear()


def current_deadline() -> Deadline | None:
    return getattr(_current, "deadline", None)


# --- the guarded connections ----------------------------------------------------------------------

class Resolver:
    """getaddrinfo in a small pool so a hanging lookup cannot outlive the attempt's deadline."""

    def __init__(self, policy: AddressPolicy, timeout: float, workers: int = 8):
        self.policy = policy
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dns")

    def vetted_addresses(self, host: str, port: int) -> list[tuple]:
        """(family, sockaddr) pairs for ``host``; raises unless every address is allowed."""
        literal = parse_ip_host(host)
        if literal is not None:
            infos = [(socket.AF_INET6 if literal.version == 6 else socket.AF_INET,
                      (str(literal), port) if literal.version == 4 else (str(literal), port, 0, 0))]
        else:
            infos = self._lookup(host, port)
        vetted = []
        for family, sockaddr in infos:
            ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
            reason = self.policy.refusal(ip)
            if reason:
                raise RefusedAddressError(host, str(ip), reason)
            vetted.append((family, sockaddr))
        return vetted

    def _lookup(self, host: str, port: int) -> list[tuple]:
        scope = current_deadline()
        limit = self.timeout if scope is None else min(self.timeout, scope.remaining())
        future = self._pool.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
        try:
            answers = future.result(timeout=limit)
        except FutureTimeout:
            raise NameResolutionFailed(host, "lookup timed out", temporary=True) from None
        except socket.gaierror as exc:
            temporary = exc.errno in (socket.EAI_AGAIN, getattr(socket, "EAI_SYSTEM", None))
            raise NameResolutionFailed(host, exc.strerror or str(exc), temporary) from None
        except UnicodeError as exc:
            raise NameResolutionFailed(host, f"bad host name: {exc}", temporary=False) from None
        seen, infos = set(), []
        for family, _type, _proto, _name, sockaddr in answers:
            if family in (socket.AF_INET, socket.AF_INET6) and sockaddr[0] not in seen:
                seen.add(sockaddr[0])
                infos.append((family, sockaddr))
        if not infos:
            raise NameResolutionFailed(host, "no usable address", temporary=False)
        return infos

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# --- a reply counts only with a whole head, in time ----------------------------------------------

class IncompleteHead(http.client.HTTPException):
    """The reply ended inside its status line or headers (http.client takes such a head as whole)."""


class _HeadRecorder:
    """Stands in for the response's file while http.client reads the head: keeps the last line."""

    def __init__(self, inner):
        self.inner = inner
        self.last = None
        self.status_line = None

    def readline(self, limit: int = -1) -> bytes:
        line = self.inner.readline(limit)
        if self.status_line is None:
            self.status_line = line
        self.last = line
        return line

    def __getattr__(self, name):
        return getattr(self.inner, name)


class _WholeHeadResponse(http.client.HTTPResponse):
    """Accepts a reply only when its status line ended with a line break, its header block with an
    empty line, and both arrived before the attempt's deadline fired. Informational answers before
    the final one (103 Early Hints, 102 Processing) are skipped, as HTTP requires of every client;
    http.client skips only 100."""

    def _read_status(self):
        while True:
            version, status, reason = super()._read_status()
            if not 100 < status < 200 or status == 101:  # 100 is skipped by begin; 101 we never ask for
                return version, status, reason
            http.client._read_headers(self.fp)

    def begin(self) -> None:
        if self.headers is not None:  # already begun (http.client calls begin once)
            return
        recorder = self.fp = _HeadRecorder(self.fp)
        try:
            super().begin()
        finally:
            if self.fp is recorder:
                self.fp = recorder.inner
        scope = current_deadline()
        if scope is not None and scope.expired:
            raise DeadlineExceeded("the reply's head arrived after the deadline")
        if not (recorder.status_line or b"").endswith(b"\n"):
            raise IncompleteHead("reply cut off inside its status line")
        if recorder.last not in (b"\r\n", b"\n"):
            raise IncompleteHead("reply cut off inside its headers")


class _GuardedConnectionMixin:
    """Replaces urllib3's connect step: resolve, vet every address, connect to a vetted one."""

    resolver: Resolver  # set on the per-session subclass
    response_class = _WholeHeadResponse
    _sent_on = None  # the socket the last request went out on

    def _new_conn(self) -> socket.socket:
        scope = current_deadline()
        host = self._dns_host.rstrip(".")
        addresses = self.resolver.vetted_addresses(host, self.port)
        refused_at = None
        last_error: OSError | None = None
        for family, sockaddr in addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            if scope is not None:
                scope.watch(sock)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                limit = self.timeout if isinstance(self.timeout, (int, float)) else None
                if scope is not None:
                    limit = scope.remaining() if limit is None else min(limit, scope.remaining())
                sock.settimeout(limit)
                sock.connect(sockaddr)
                sock.settimeout(self.timeout if isinstance(self.timeout, (int, float)) else None)
                return sock
            except socket.timeout:
                sock.close()
                raise ConnectTimeoutError(self, f"connect to {host} ({sockaddr[0]}) timed out") from None
            except ConnectionRefusedError:
                sock.close()
                refused_at = sockaddr[0]
            except OSError as exc:
                sock.close()
                last_error = exc
        if last_error is None and refused_at is not None:
            raise ConnectionRefused(host, refused_at)
        raise NewConnectionError(self, f"cannot connect to {host}: {last_error}")

    def request(self, *args, **kwargs):  # noqa: D401 - urllib3 signature
        scope = current_deadline()
        if scope is not None:
            scope.watch(self)
        # A socket that carried a request before is a kept-alive connection from the pool: the server
        # may have closed it meanwhile, which says nothing about the URL asked now (GuardedSession.request retries).
        _current.reused = self.sock is not None and self.sock is self._sent_on
        try:
            return super().request(*args, **kwargs)
        finally:
            self._sent_on = self.sock


@dataclass
class Timeouts:
    connect: float = 10.0
    read: float = 20.0


@dataclass
class Reply:
    """What one request returned: status, headers and at most ``body_cap`` bytes of the body."""

    url: str
    method: str
    status: int
    headers: CaseInsensitiveDict
    body: bytes = b""
    bytes_read: int = 0
    body_complete: bool = False
    location: str | None = None
    cookies: list = field(default_factory=list)


class GuardedSession:
    """Sends single requests (never following redirects) through vetted connections only."""

    def __init__(self, policy: AddressPolicy, *, timeouts: Timeouts | None = None,
                 pool_hosts: int = 128, pool_size: int = 10, user_agent: str = "course-catalog",
                 ca_bundle: str | None = None):
        self.policy = policy
        self.verify: bool | str = ca_bundle or True  # certifi's roots unless a bundle is named
        self.timeouts = timeouts or Timeouts()
        self.user_agent = user_agent
        self.resolver = Resolver(policy, timeout=self.timeouts.connect)
        resolver = self.resolver

        class Connection(_GuardedConnectionMixin, HTTPConnection):
            pass

        class TLSConnection(_GuardedConnectionMixin, HTTPSConnection):
            pass

        Connection.resolver = TLSConnection.resolver = resolver

        class Pool(HTTPConnectionPool):
            ConnectionCls = Connection

        class TLSPool(HTTPSConnectionPool):
            ConnectionCls = TLSConnection

        self._pool_size = pool_size
        self._adapter = HTTPAdapter(pool_connections=pool_hosts, pool_maxsize=pool_size, max_retries=0,
                                    pool_block=False)
        self._adapter.poolmanager.pool_classes_by_scheme = {"http": Pool, "https": TLSPool}

    def request(self, method: str, url: str, *, body_cap: int, cookies=None,
                headers: dict[str, str] | None = None) -> Reply:
        """One request; the body is read up to ``body_cap`` bytes and the connection released."""
        all_headers = {
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
            "Accept-Encoding": "identity",
        }
        all_headers.update(headers or {})
        prepared = requests.Request(method, url, headers=all_headers, cookies=cookies or None).prepare()
        response = self._send_fresh_if_stale(prepared)
        try:
            reply = Reply(url=url, method=method, status=response.status_code, headers=response.headers)
            if response.is_redirect:
                reply.location = _redirect_target(response)
            if cookies is not None and "set-cookie" in response.headers:
                extract_cookies_to_jar(cookies, prepared, response.raw)
            if method != "HEAD" and body_cap > 0:
                reply.body, reply.bytes_read, reply.body_complete = read_capped(response, body_cap)
            else:
                reply.body_complete = method == "HEAD"
        except BaseException:
            response.close()
            raise
        if reply.body_complete:
            # Whole body read: the connection goes back to the pool, out of this deadline's reach.
            scope = current_deadline()
            if scope is not None and response.raw.connection is not None:
                scope.unwatch(response.raw.connection)
            response.raw.release_conn()
        else:
            response.close()  # unread bytes left: drop the connection rather than drain it
        return reply

    def _send_fresh_if_stale(self, prepared: requests.PreparedRequest) -> requests.Response:
        """Send; when a kept-alive connection from the pool fails before any answer (the server closed
        it while idle, or left bytes of an earlier answer on it), send again on the next connection, as
        browsers do. Every pooled connection may be stale, so at most pool size + 1 sends."""
        for _ in range(self._pool_size):
            try:
                return self._send(prepared)
            except (requests.exceptions.Timeout, requests.exceptions.SSLError):
                raise
            except requests.exceptions.ConnectionError:
                scope = current_deadline()
                if not getattr(_current, "reused", False) or (scope is not None and scope.expired):
                    raise
        return self._send(prepared)

    def _send(self, prepared: requests.PreparedRequest) -> requests.Response:
        _current.reused = False
        try:
            return self._adapter.send(prepared, stream=True, verify=self.verify, proxies={},
                                      timeout=(self.timeouts.connect, self.timeouts.read))
        except requests.exceptions.InvalidHeader as exc:  # our headers were checked when prepared
            raise MalformedReply(f"malformed header in the reply: {exc}") from None

    def close(self) -> None:
        self._adapter.close()
        self.resolver.close()


def _redirect_target(response: requests.Response) -> str | None:
    locations = set(response.raw.headers.getlist("location"))
    if len(locations) > 1:  # which one? browsers refuse such an answer too
        raise MalformedReply(f"{len(locations)} different Location headers in one redirect")
    location = response.headers.get("location")
    if location is None:
        return None
    # Servers send UTF-8 bytes that http.client decoded as Latin-1; undo that like requests does.
    # Bytes that are not UTF-8 are percent-encoded as they came, as browsers do.
    raw = location.encode("latin1", "replace")
    try:
        return raw.decode("utf8")
    except UnicodeError:
        return quote(raw, safe="!#$%&'()*+,/:;=?@[]~")


def read_capped(response: requests.Response, cap: int, chunk: int = 16384) -> tuple[bytes, int, bool]:
    """Read at most ``cap`` raw bytes; returns (body, raw bytes read, whether the body ended)."""
    raw = response.raw
    parts: list[bytes] = []
    total = 0
    complete = False
    while total < cap:
        try:
            data = raw.read(min(chunk, cap - total), decode_content=False)
        except (urllib3.exceptions.ProtocolError, http.client.HTTPException, OSError):
            scope = current_deadline()
            if scope is not None and scope.expired:
                raise
            # The status line and headers were whole: a body cut short or badly framed after them
            # leaves the answer as it is, just as when HEAD is asked (the body is not the link).
            break
        if not data:
            complete = True
            break
        parts.append(data)
        total += len(data)
    if not complete and total >= cap:
        # A body of exactly ``cap`` bytes has ended if the length says so.
        length = response.headers.get("content-length")
        complete = length is not None and length.isdigit() and int(length) == total
    body = b"".join(parts)
    encoding = response.headers.get("content-encoding", "").lower()
    if encoding in ("gzip", "deflate"):
        body = _bounded_decompress(body, cap, gzip=encoding == "gzip")
    return body, total, complete


def _bounded_decompress(data: bytes, cap: int, gzip: bool) -> bytes:
    """Inflate at most ``cap`` bytes, so a compressed bomb stays a small string."""
    try:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)
        return inflater.decompress(data, cap)
    except zlib.error:
        return b""
