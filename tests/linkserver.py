"""A real HTTP server on a loopback address for the link-checker tests.

It serves a small language of paths, counts connections and requests, and records when each
request started, so tests can assert what a server would notice: how many requests arrived, how
far apart, how many at once, how many bytes it had to send.

  /ok                      200 with a small page
  /status/CODE             that status (Retry-After from ?retry_after=...)
  /redirect/CODE?to=URL    a redirect with that status
  /chain/C1,C2,.../rest    one hop per code, then 200
  /loop/a  /loop/b         redirect to each other
  /head/CODE               HEAD answered CODE, GET answered 200
  /head-reset              HEAD drops the connection, GET answered 200
  /limited/N?after=S&date=1  N answers 429 with Retry-After S seconds (or an HTTP date), then 200
  /flaky/N                 N answers 503, then 200
  /hang                    accepts, then never answers
  /drip                    headers, then one byte every 50 ms forever
  /big                     a 1 GiB body, produced lazily as it is read
  /challenge               403 with an anti-bot challenge page
  /captcha                 200 with a CAPTCHA page
  /slow?ms=N               200 after N milliseconds
  /noloc                   302 without Location
"""

from __future__ import annotations

import socket
import ssl
import struct
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

GiB = 1024 ** 3
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
PAGE = b"<!doctype html><html><head><title>ok</title></head><body>fine</body></html>"
CHALLENGE = (b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
             b"<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script></body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, address, handler, owner: "LinkServer", tls: ssl.SSLContext | None = None):
        self.owner = owner
        self.tls = tls
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)

    def server_bind(self) -> None:
        # Kernel receive timestamps (inherited by accepted sockets): when a request really arrived,
        # however late a busy interpreter gets round to reading it. Linux only; else: reading time.
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        except OSError:
            pass
        super().server_bind()

    def get_request(self):
        sock, address = super().get_request()
        if self.tls is not None:  # the handshake happens in the handler thread, on first read
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address) -> None:
        pass  # a client hanging up mid-answer is what several tests do on purpose

    def verify_request(self, request, client_address) -> bool:
        with self.owner.lock:
            self.owner.connections += 1
        return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "linkserver"

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def handle_one_request(self) -> None:
        self.arrived = self._arrival_time()
        self.answered = None
        super().handle_one_request()

    def send_response(self, code, message=None) -> None:
        # A request ends, for overlap counting, when its answer starts to leave: the client cannot
        # have it sooner, whereas the handler thread may record its own end long after (a busy
        # machine), which would show requests overlapping that never did.
        if self.answered is None:
            self.answered = time.time()
        super().send_response(code, message)

    def _arrival_time(self) -> float:
        """Wall-clock time the next request's first byte reached the kernel."""
        if isinstance(self.connection, ssl.SSLSocket):
            return time.time()
        try:
            _, ancillary, _, _ = self.connection.recvmsg(1, socket.CMSG_SPACE(16), socket.MSG_PEEK)
        except OSError:
            return time.time()
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
                seconds, nanoseconds = struct.unpack("qq", data[:16])
                return seconds + nanoseconds / 1e9
        return time.time()

    def do_HEAD(self) -> None:
        self._handle()

    def do_GET(self) -> None:
        self._handle()

    # --- plumbing ------------------------------------------------------------------------------

    def _handle(self) -> None:
        owner: LinkServer = self.server.owner
        parts = urlsplit(self.path)
        self.query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        index = owner._record_start(self.command, parts.path, self.arrived)
        try:
            route = owner.routes.get(parts.path)
            if route is not None:
                route(self)
            else:
                self._builtin(segments)
        finally:
            owner._record_end(index, self.answered)

    def send(self, status: int, body: bytes = PAGE, headers: dict | None = None,
             content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status: int, to: str) -> None:
        self.send(status, b"", {"Location": to})

    def _count(self, key: str) -> int:
        owner: LinkServer = self.server.owner
        with owner.lock:
            owner.counters[key] = owner.counters.get(key, 0) + 1
            return owner.counters[key]

    # --- the path language ---------------------------------------------------------------------

    def _builtin(self, seg: list[str]) -> None:
        name = seg[0] if seg else ""
        arg = seg[1] if len(seg) > 1 else ""
        if name == "ok":
            self.send(200)
        elif name == "status":
            headers = {"Retry-After": self.query["retry_after"]} if "retry_after" in self.query else {}
            self.send(int(arg), b"<html><body>status</body></html>", headers)
        elif name == "redirect":
            self.redirect(int(arg), self.query["to"])
        elif name == "chain":
            codes = arg.split(",") if arg else []
            if not codes:
                self.send(200)
            else:
                rest = ",".join(codes[1:])
                self.redirect(int(codes[0]), f"/chain/{rest}" if rest else "/chain/")
        elif name == "loop":
            self.redirect(302, "/loop/b" if arg == "a" else "/loop/a")
        elif name == "head":
            self.send(int(arg) if self.command == "HEAD" else 200)
        elif name == "head-reset":
            if self.command == "HEAD":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            else:
                self.send(200)
        elif name == "limited":
            if self._count(self.path) <= int(arg):
                after = float(self.query.get("after", "1"))
                value = formatdate(time.time() + after, usegmt=True) if self.query.get("date") else str(int(after))
                self.send(429, b"slow down", {"Retry-After": value})
            else:
                self.send(200)
        elif name == "flaky":
            self.send(503 if self._count(self.path) <= int(arg) else 200)
        elif name == "hang":
            self.server.owner.stopping.wait(30)
            self.close_connection = True
        elif name == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(GiB))
            self.end_headers()
            try:
                while not self.server.owner.stopping.wait(0.05):
                    self.wfile.write(b"x")
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True
        elif name == "big":
            self._big()
        elif name == "challenge":
            self.send(403, CHALLENGE, {"Server": "cloudflare"})
        elif name == "captcha":
            self.send(200, "<html><body>请完成安全验证</body></html>".encode())
        elif name == "slow":
            time.sleep(int(self.query.get("ms", "100")) / 1000)
            self.send(200)
        elif name == "noloc":
            self.send(302, b"")
        else:
            self.send(404, b"<html><body>not found</body></html>")

    def _big(self) -> None:
        owner: LinkServer = self.server.owner
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(GiB))
        self.end_headers()
        if self.command == "HEAD":
            return
        chunk = b"\0" * 65536
        sent = 0
        try:
            while sent < GiB and not owner.stopping.is_set():
                self.wfile.write(chunk)  # blocks once the client stops reading
                sent += len(chunk)
                with owner.lock:
                    owner.bytes_sent += len(chunk)
        except OSError:
            pass
        self.close_connection = True


class LinkServer:
    """Start with ``LinkServer("127.0.0.2").start()``; ``url("/ok")`` builds addresses on it."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, cert: tuple[str, str] | None = None):
        self.host = host
        self.scheme = "https" if cert else "http"
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.routes: dict = {}
        self.counters: dict[str, int] = {}
        self.connections = 0
        self.bytes_sent = 0
        self.requests: list[tuple[float, str, str]] = []  # (arrival, wall clock; method; path)
        self.spans: list[list[float]] = []  # [start, end] of each request, end 0 while running
        self.active = 0
        tls = None
        if cert:
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls.load_cert_chain(*cert)
        self._server = _Server((host, port), _Handler, self, tls)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def start(self) -> "LinkServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def _record_start(self, method: str, path: str, arrived: float) -> int:
        with self.lock:
            self.requests.append((arrived, method, path))
            self.spans.append([arrived, 0.0])
            self.active += 1
            return len(self.spans) - 1

    def _record_end(self, index: int, answered: float | None = None) -> None:
        with self.lock:
            self.spans[index][1] = answered or time.time()
            self.active -= 1

    @property
    def max_active(self) -> int:
        """Most requests in progress at once, from arrival to the start of the answer."""
        return max_overlap(self)

    def hits(self, path: str | None = None, method: str | None = None) -> list[tuple[float, str, str]]:
        with self.lock:
            return [r for r in self.requests
                    if (path is None or r[2] == path) and (method is None or r[1] == method)]

    def min_gap(self) -> float:
        """Shortest time between the starts of two requests (inf with fewer than two)."""
        times = sorted(r[0] for r in self.hits())
        return min((b - a for a, b in zip(times, times[1:])), default=float("inf"))


def max_overlap(*servers: LinkServer) -> int:
    """Most requests in progress at once over all ``servers`` (what a global limit bounds)."""
    events = []
    for server in servers:
        with server.lock:
            for start, end in server.spans:
                events += [(start, 1), (end or float("inf"), -1)]
    current = peak = 0
    for _, step in sorted(events, key=lambda e: (e[0], e[1])):
        current += step
        peak = max(peak, current)
    return peak


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- for the tests: servers that stop by themselves, and a checker with short timeouts -----------

import pytest  # noqa: E402


@pytest.fixture
def serve():
    """``serve("127.0.0.2")`` starts a LinkServer that stops when the test ends (``cert=`` for HTTPS)."""
    started: list[LinkServer] = []

    def start(host: str = "127.0.0.2", cert: tuple[str, str] | None = None) -> LinkServer:
        server = LinkServer(host, cert=cert).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


FAST = dict(concurrency=8, connect_timeout=1.0, read_timeout=1.0, deadline=3.0, retries=0, backoff=0.05)


def check_urls(urls, allow=("127.0.0.0/8",), per_host: int = 4, interval: float = 0.0, head: bool = True,
               **overrides):
    """Run the real checker on ``urls``; returns {url: LinkObservation} and the checker's stats."""
    from catalog_scrapers.http import AddressPolicy
    from catalog_scrapers.linkcheck.scheduling import CheckSettings, HostSettings, LinkChecker

    settings = CheckSettings(**{**FAST, **overrides}, host=HostSettings(per_host, interval, head),
                             policy=AddressPolicy.from_cidrs(allow))
    checker = LinkChecker(settings)
    results = {}
    try:
        checker.run(urls, lambda seen: results.__setitem__(seen.url, seen))
    finally:
        checker.close()
    return results, checker.stats


def raw_reply(data: bytes, drip: float = 0.0):
    """A route that writes ``data`` as the whole answer (byte by byte when ``drip``), then hangs up."""
    def route(handler) -> None:
        try:
            if drip:
                for byte in data:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                    if handler.server.owner.stopping.wait(drip):
                        break
            else:
                handler.wfile.write(data)
                handler.wfile.flush()
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        handler.close_connection = True
    return route


def ipv6_loopback_available() -> bool:
    """Whether this machine can bind ::1 (some containers have no IPv6 loopback)."""
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False
