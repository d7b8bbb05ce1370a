"""The link checker's scheduler: many URLs at once, politely.

- A global limit on requests in flight, and per host: a concurrency limit and a minimum interval
  between the starts of two requests (every request counts: HEAD, the GET after it, each redirect
  hop). Hosts take turns, so one big host cannot starve the others.
- Retries with jittered exponential backoff for answers that may change (timeouts, resets, 408,
  429, 5xx). A Retry-After (seconds or HTTP date) is honoured up to a cap; the host is then paused
  that long, its interval doubled and its concurrency halved for the rest of the run. When the
  server asks for more than the cap, we give up on that URL for this run instead of pressing on.
- A host that keeps answering 429 without saying how long to wait (``host_give_up`` such answers
  in a row) is left alone for the rest of the run: the answers so far are final, its remaining URLs
  are not checked (their previous results stand), so that the doubling intervals of one host cannot
  eat the run's time.
- A total time budget per run (``budget``): when it is spent, nothing more is sent, results still
  waiting for a retry are delivered as they are, and ``run`` returns; URLs not reached stay unchecked
  (``stats.budget_spent``, ``stats.not_checked``). Requests still in flight are abandoned.
- Workers are daemon threads fed by one dispatcher (the calling thread), which also delivers every
  final result, in order of completion, to ``on_result`` (so the caller can save state as it goes).
"""

from __future__ import annotations

import heapq
import itertools
import queue
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable

from catalog.linkstate import LinkClass, LinkObservation
from catalog_scrapers.http import AddressPolicy, GuardedSession, Timeouts, current_deadline
from catalog_scrapers.linkcheck.probe import Attempt, ProbeSettings, Prober, host_of, invalid_reason

# Jobs are handed to a worker this long before their slot (at most half the interval), so that a
# sleeping thread, not a thread hand-over, decides when the request leaves.
DISPATCH_LEAD = 0.01

# The dispatcher wakes at least this often to notice a stop request (Ctrl-C, SIGTERM).
STOP_CHECK = 0.2

USER_AGENT = "course-catalog-linkcheck/0.1 (Course Catalog link checker; polite, HEAD first)"


@dataclass(frozen=True)
class HostSettings:
    concurrency: int = 2       # requests in flight at once
    interval: float = 0.5      # seconds between the starts of two requests
    head_first: bool = True    # False: this host answers HEAD badly, go straight to GET


@dataclass
class CheckSettings:
    concurrency: int = 32
    host: HostSettings = field(default_factory=HostSettings)
    host_overrides: dict[str, HostSettings] = field(default_factory=dict)  # "example.org", "*.edu.cn"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    retries: int = 2
    backoff: float = 1.0            # first retry after about this many seconds, doubling after
    backoff_max: float = 60.0
    max_retry_after: float = 120.0  # longest Retry-After honoured
    slow_interval_max: float = 30.0
    host_give_up: int = 3           # 429s without Retry-After in a row before a host is left alone
    budget: float | None = None     # seconds for the whole run; None: no limit
    max_redirects: int = 10
    body_cap: int = 64 * 1024
    user_agent: str = USER_AGENT
    ca_bundle: str | None = None    # PEM file of trusted roots instead of certifi's
    policy: AddressPolicy = field(default_factory=AddressPolicy)

    def for_host(self, host: str) -> HostSettings:
        """The settings of ``host``: an exact override, else the longest matching ``*.suffix``."""
        if host in self.host_overrides:
            return self.host_overrides[host]
        best, best_len = self.host, -1
        for pattern, settings in self.host_overrides.items():
            if pattern.startswith("*.") and (host.endswith(pattern[1:]) or host == pattern[2:]):
                if len(pattern) > best_len:
                    best, best_len = settings, len(pattern)
        return best


@dataclass
class RunStats:
    requests: int = 0
    bytes_read: int = 0
    retries: int = 0
    slowed_hosts: dict[str, float] = field(default_factory=dict)  # host -> interval it ended with
    head_unreliable: set[str] = field(default_factory=set)
    given_up_hosts: dict[str, int] = field(default_factory=dict)  # host -> URLs left unchecked
    budget_spent: bool = False
    not_checked: int = 0            # URLs given no result this run (budget spent, host given up)


@dataclass
class _Job:
    url: str
    host: str
    tries: int = 0
    start_at: float = 0.0


class _Host:
    def __init__(self, name: str, settings: HostSettings):
        self.name = name
        self.limit = max(1, settings.concurrency)
        self.interval = max(0.0, settings.interval)
        self.head_first = settings.head_first
        self.in_flight = 0
        self.limited_in_row = 0  # 429 answers without a Retry-After in a row
        self.given_up = False
        self.next_start = 0.0
        self.last_sent = float("-inf")
        self.queue: deque[_Job] = deque()

    def claim(self, now: float) -> float:
        """Reserve the next start slot; returns when it is."""
        start = max(now, self.next_start)
        self.next_start = start + self.interval
        return start

    @property
    def lead(self) -> float:
        """How early a job is handed to a worker, so that it leaves right on its slot."""
        return min(DISPATCH_LEAD, self.interval / 2)

    def can_start(self, now: float) -> bool:
        return bool(self.queue) and self.in_flight < self.limit and self.next_start - self.lead <= now

    def try_send(self, now: float) -> float:
        """Record a request leaving now, or say how long until one may: 0.0 means go.

        Slots are planned ahead (``claim``), but a thread may wake late; this check on the real
        departure times keeps every two requests to the host an interval apart regardless.
        """
        wait = self.last_sent + self.interval - now
        if wait > 0:
            return wait
        self.last_sent = now
        self.next_start = max(self.next_start, now + self.interval)  # keep the plan in step
        return 0.0


def backoff_delay(tries: int, base: float, cap: float, rng: random.Random = random) -> float:
    """Exponential backoff with jitter: between half and all of base * 2^(tries-1), capped."""
    full = min(cap, base * (2 ** max(0, tries - 1)))
    return full / 2 + rng.uniform(0, full / 2)


class LinkChecker:
    def __init__(self, settings: CheckSettings):
        self.settings = settings
        self.stats = RunStats()
        self._cond = threading.Condition()
        self._hosts: dict[str, _Host] = {}
        self._stop = False
        self.session = GuardedSession(
            settings.policy, timeouts=Timeouts(settings.connect_timeout, settings.read_timeout),
            pool_size=max(1, settings.host.concurrency,
                          *(o.concurrency for o in settings.host_overrides.values())),
            user_agent=settings.user_agent, ca_bundle=settings.ca_bundle)
        self.prober = Prober(self.session, ProbeSettings(settings.deadline, settings.max_redirects,
                                                         settings.body_cap),
                             pace=self._pace, head_first=self._head_first,
                             head_unreliable=self._mark_head_unreliable)

    def request_stop(self) -> None:
        """Ask ``run`` to stop at its next turn (within STOP_CHECK seconds) by raising
        KeyboardInterrupt there. Safe from a signal handler: a plain assignment, no lock."""
        self._stop = True

    # --- called from worker threads ---------------------------------------------------------

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(name, self.settings.for_host(name))
        return host

    def _pace(self, name: str | None) -> None:
        """Wait for the turn of a further request (a GET after a HEAD, a redirect hop) at a host."""
        if name is None:
            return
        with self._cond:
            now = time.monotonic()
            host = self._host(name)
            start = host.claim(now)
        if start > now:
            scope = current_deadline()
            if scope is not None:
                scope.extend(start - now)
        self._wait_until(host, start)

    def _wait_until(self, host: _Host, start: float) -> None:
        """Sleep until the claimed slot, then until the host's last request is an interval ago."""
        wait = start - time.monotonic()
        while True:
            if wait > 0:
                time.sleep(wait)
            with self._cond:
                wait = host.try_send(time.monotonic())
            if wait <= 0:
                return

    def _head_first(self, name: str) -> bool:
        host = self._hosts.get(name)  # a plain read: the flag only ever goes from True to False
        if host is None:
            with self._cond:
                host = self._host(name)
        return host.head_first

    def _mark_head_unreliable(self, name: str) -> None:
        with self._cond:
            self._host(name).head_first = False
            self.stats.head_unreliable.add(name)

    # --- the run -------------------------------------------------------------------------------

    def run(self, urls: Iterable[str], on_result: Callable[[LinkObservation], None]) -> None:
        """Check every URL once (with retries); ``on_result`` runs in this thread for each result."""
        settings = self.settings
        finished: deque[tuple[_Job, Attempt]] = deque()
        delayed: list[tuple[float, int, _Job]] = []
        order = itertools.count()
        work: queue.SimpleQueue = queue.SimpleQueue()
        workers: list[threading.Thread] = []
        active: dict[str, _Host] = {}
        pending = 0
        in_flight = 0

        for url in dict.fromkeys(u.strip() for u in urls):
            problem = invalid_reason(url)
            if problem:
                on_result(_observation(url, Attempt(url=url, link_class=LinkClass.INVALID, detail=problem,
                                                   checked_at=_now()), 0))
                continue
            with self._cond:
                host = self._host(host_of(url))
            host.queue.append(_Job(url, host.name))
            active[host.name] = host
            pending += 1

        def worker() -> None:
            while True:
                job = work.get()
                try:
                    self._wait_until(self._hosts[job.host], job.start_at)
                    result = self.prober.probe(job.url)
                except Exception as exc:  # a bug must not hang the run: report it as a result
                    result = Attempt(url=job.url, link_class=LinkClass.CONNECTION_ERROR, checked_at=_now(),
                                     detail=f"internal error: {type(exc).__name__}: {exc}")
                with self._cond:
                    finished.append((job, result))
                    self._cond.notify()

        stop_at = time.monotonic() + settings.budget if settings.budget is not None else float("inf")
        waiting: dict[int, Attempt] = {}  # id(job) -> its last result, while it waits for a retry

        while pending:
            if self._stop:
                raise KeyboardInterrupt
            results: list[LinkObservation] = []
            with self._cond:
                now = time.monotonic()
                if now >= stop_at:
                    # Out of time: deliver what waits for a retry as it is; the rest stays unchecked.
                    for _, _, job in delayed:
                        results.append(_observation(job.url, waiting.pop(id(job)), job.tries))
                    self.stats.budget_spent = True
                    self.stats.not_checked += pending - len(delayed)
                    pending = 0
                    delayed.clear()
                while finished and pending:
                    job, result = finished.popleft()
                    in_flight -= 1
                    host = self._hosts[job.host]
                    host.in_flight -= 1
                    self.stats.requests += result.requests
                    self.stats.bytes_read += result.bytes_read
                    delay = self._retry_delay(job, result, host, now)
                    pending -= self._give_up_if_limited(host, result)
                    if host.given_up or (delay is not None and now + delay >= stop_at):
                        delay = None  # no retry: the host is left alone, or it would come after the budget
                    if delay is None:
                        pending -= 1
                        results.append(_observation(job.url, result, job.tries))
                    else:
                        self.stats.retries += 1
                        waiting[id(job)] = result
                        heapq.heappush(delayed, (now + delay, next(order), job))
                while delayed and delayed[0][0] <= now:
                    job = heapq.heappop(delayed)[2]
                    last = waiting.pop(id(job))
                    host = self._hosts[job.host]
                    if host.given_up:  # no more tries at a host that is left alone
                        pending -= 1
                        results.append(_observation(job.url, last, job.tries))
                        continue
                    host.queue.appendleft(job)
                    active[host.name] = host
                dispatched = True
                while dispatched and pending and in_flight < settings.concurrency:
                    dispatched = False  # one job per host per pass: hosts take turns
                    for name in list(active):
                        host = active[name]
                        if not host.queue:
                            del active[name]
                            continue
                        if in_flight >= settings.concurrency or not host.can_start(now):
                            continue
                        job = host.queue.popleft()
                        job.tries += 1
                        job.start_at = host.claim(now)  # its slot, at most one lead ahead
                        host.in_flight += 1
                        in_flight += 1
                        dispatched = True
                        if len(workers) < min(settings.concurrency, pending):
                            thread = threading.Thread(target=worker, name=f"linkcheck-{len(workers)}",
                                                      daemon=True)
                            thread.start()
                            workers.append(thread)
                        work.put(job)
                if not results and pending:
                    wake = self._next_wake(active, delayed, in_flight, now)
                    wake = STOP_CHECK if wake is None else min(wake, STOP_CHECK)
                    self._cond.wait(max(0.0, min(wake, stop_at - now)))  # short: a stop is noticed soon
            for observation in results:
                on_result(observation)

    def _next_wake(self, active: dict[str, _Host], delayed, in_flight: int, now: float) -> float | None:
        times = [delayed[0][0]] if delayed else []
        if in_flight < self.settings.concurrency:
            times.extend(h.next_start - h.lead for h in active.values() if h.queue and h.in_flight < h.limit)
        if not times:
            return None  # only a finishing worker can change anything
        return max(0.0, min(times) - now)

    def _retry_delay(self, job: _Job, result: Attempt, host: _Host, now: float) -> float | None:
        """Seconds until the next try, or None when this result is final."""
        settings = self.settings
        asked = result.retry_after
        if result.link_class is LinkClass.RATE_LIMITED or asked is not None:
            self._slow_down(host, now, min(asked if asked is not None else 0.0, settings.max_retry_after))
        if not result.retryable or job.tries > settings.retries:
            return None
        if asked is not None:
            if asked > settings.max_retry_after:
                result.detail += f" (Retry-After {asked:.0f} s exceeds the {settings.max_retry_after:g} s cap)"
                return None
            return asked + random.uniform(0, min(1.0, asked * 0.1))  # never earlier than asked
        return backoff_delay(job.tries, settings.backoff, settings.backoff_max)

    def _give_up_if_limited(self, host: _Host, result: Attempt) -> int:
        """Count a host's 429s without Retry-After in a row; at the limit, leave the host alone for
        this run: drop its queued URLs (they keep their previous results). Returns how many."""
        if result.link_class is not LinkClass.RATE_LIMITED or result.retry_after is not None:
            host.limited_in_row = 0
            return 0
        host.limited_in_row += 1
        if host.given_up or host.limited_in_row < self.settings.host_give_up:
            return 0
        host.given_up = True
        dropped = len(host.queue)
        host.queue.clear()
        if not dropped:
            return 0
        self.stats.given_up_hosts[host.name] = self.stats.given_up_hosts.get(host.name, 0) + dropped
        self.stats.not_checked += dropped
        return dropped

    def _slow_down(self, host: _Host, now: float, pause: float) -> None:
        host.next_start = max(host.next_start, now + pause)
        host.interval = min(self.settings.slow_interval_max, max(host.interval * 2, 0.25))
        host.limit = max(1, host.limit // 2)
        self.stats.slowed_hosts[host.name] = host.interval

    def close(self) -> None:
        self.session.close()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _observation(url: str, result: Attempt, tries: int) -> LinkObservation:
    return LinkObservation(url=url, link_class=result.link_class, checked_at=result.checked_at or _now(),
                           status_code=result.status_code, final_url=result.final_url,
                           redirect_chain=result.chain, elapsed_ms=result.elapsed_ms,
                           detail=result.detail, attempts=max(1, tries))
