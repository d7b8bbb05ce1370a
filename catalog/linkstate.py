"""Link-check results: the state file the checker writes and the site reads.

The state lives apart from the entries (automation never edits what maintainers wrote). It holds,
per URL, the latest result and a short history, and decides when a link counts as dead: only
after ``min_failures`` consecutive failed checks spread over at least ``min_days`` days, so one bad
minute of a server never raises an alarm.

Link classes (``LinkRecord.link_class``), in three groups:

  works           ok (2xx), redirected-permanent (only 301/308 hops, final 2xx),
                  redirected-temporary (any 302/303/307 hop, final 2xx)
  unverifiable    blocked (401, 403, 407, 451, 999, anti-bot challenge pages),
                  rate-limited (429 after the retries): says nothing about the link,
                  neither resets nor extends a failure streak
  fails           not-found (404, 410), server-error (5xx), http-error (any other 4xx, a 3xx
                  without Location), timeout, tls-error, dns-failure, connection-refused,
                  connection-error (reset, broken response), redirect-loop, too-many-redirects,
                  refused-address (resolves to a loopback/private/... address), invalid (not an
                  http(s) URL, or a redirect to one)

The file is JSON, keys sorted so that a committed state diffs cleanly, written through a
temporary file in the same folder and ``os.replace`` so that a crash leaves the previous file.
"""

from __future__ import annotations

import json
import os
import stat
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from catalog.atomic import write_text_atomic
from catalog.problems import printable
from catalog.urls import normalize_url

STATE_VERSION = 1
HISTORY_LIMIT = 20
# A real state file holds about 2 KB per URL; anything near this size is not one, and reading it
# whole would cost memory out of all proportion, so it is refused before it is parsed.
MAX_STATE_BYTES = 16 * 1024 * 1024
# Longer than any address a server takes (8 KB is the common limit): such a "URL" is checked as invalid
# and a list line that long is refused, so one line cannot swell the state past what can be read back.
MAX_URL_CHARS = 8192


class LinkClass(StrEnum):
    OK = "ok"
    REDIRECTED_PERMANENT = "redirected-permanent"
    REDIRECTED_TEMPORARY = "redirected-temporary"
    BLOCKED = "blocked"
    RATE_LIMITED = "rate-limited"
    NOT_FOUND = "not-found"
    SERVER_ERROR = "server-error"
    HTTP_ERROR = "http-error"
    TIMEOUT = "timeout"
    TLS_ERROR = "tls-error"
    DNS_FAILURE = "dns-failure"
    CONNECTION_REFUSED = "connection-refused"
    CONNECTION_ERROR = "connection-error"
    REDIRECT_LOOP = "redirect-loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    REFUSED_ADDRESS = "refused-address"
    INVALID = "invalid"


WORKING = frozenset({LinkClass.OK, LinkClass.REDIRECTED_PERMANENT, LinkClass.REDIRECTED_TEMPORARY})
UNVERIFIABLE = frozenset({LinkClass.BLOCKED, LinkClass.RATE_LIMITED})
FAILING = frozenset(LinkClass) - WORKING - UNVERIFIABLE

# What a reader sees for each class (site and reports).
CLASS_LABELS: dict[str, str] = {
    LinkClass.OK: "正常",
    LinkClass.REDIRECTED_PERMANENT: "已永久跳转",
    LinkClass.REDIRECTED_TEMPORARY: "临时跳转",
    LinkClass.BLOCKED: "无法验证（访问被拦截）",
    LinkClass.RATE_LIMITED: "无法验证（请求受限）",
    LinkClass.NOT_FOUND: "页面不存在",
    LinkClass.SERVER_ERROR: "服务器错误",
    LinkClass.HTTP_ERROR: "请求出错",
    LinkClass.TIMEOUT: "超时",
    LinkClass.TLS_ERROR: "证书或加密连接错误",
    LinkClass.DNS_FAILURE: "域名无法解析",
    LinkClass.CONNECTION_REFUSED: "连接被拒绝",
    LinkClass.CONNECTION_ERROR: "连接中断",
    LinkClass.REDIRECT_LOOP: "循环跳转",
    LinkClass.TOO_MANY_REDIRECTS: "跳转次数过多",
    LinkClass.REFUSED_ADDRESS: "指向内网或保留地址",
    LinkClass.INVALID: "链接格式无效",
}


class LinkStateError(Exception):
    """The state file cannot be used; the message names the file, on one line whatever it quotes."""

    def __init__(self, message: str):
        super().__init__(printable(message))


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", use_enum_values=True)


# Bounds on what the file may hold, so that a hand-edited or hostile file cannot feed the site and
# the reports values they cannot handle.
StatusCode = Annotated[int, Field(ge=100, le=999)]
Count = Annotated[int, Field(ge=0, le=10**9)]


class RedirectHop(_Model):
    url: str
    status: StatusCode


class LinkObservation(_Model):
    """One finished check of one URL, as the checker reports it."""

    url: str
    link_class: LinkClass
    checked_at: AwareDatetime
    status_code: StatusCode | None = None
    final_url: str | None = None
    redirect_chain: list[RedirectHop] = Field(default_factory=list)
    elapsed_ms: Count | None = None
    detail: str = ""
    attempts: Count = 1


class HistoryItem(_Model):
    checked_at: AwareDatetime
    link_class: LinkClass
    status_code: StatusCode | None = None
    elapsed_ms: Count | None = None


class LinkRecord(_Model):
    url: str
    link_class: LinkClass
    status_code: StatusCode | None = None
    final_url: str | None = None
    redirect_chain: list[RedirectHop] = Field(default_factory=list)
    detail: str = ""
    first_seen: AwareDatetime
    last_checked: AwareDatetime
    last_ok: AwareDatetime | None = None
    failing_since: AwareDatetime | None = None  # first failure of the current streak
    consecutive_failures: Count = 0
    elapsed_ms: Count | None = None
    confirmed_dead: bool = False
    history: list[HistoryItem] = Field(default_factory=list)

    @property
    def works(self) -> bool:
        return self.link_class in WORKING

    @property
    def failing(self) -> bool:
        return self.link_class in FAILING

    @property
    def label(self) -> str:
        return CLASS_LABELS.get(self.link_class, self.link_class)

    def archive_link(self) -> str:
        """The archived copy nearest to when this link last worked (or the latest one)."""
        return archive_url(self.url, at=self.last_ok)


class LinkState(_Model):
    version: int = STATE_VERSION
    updated_at: AwareDatetime | None = None
    records: dict[str, LinkRecord] = Field(default_factory=dict)

    def lookup(self, url: str) -> LinkRecord | None:
        """The record of ``url`` however it is written (scheme/host case, port, trailing slash)."""
        return self.records.get(state_key(url))


def state_key(url: str) -> str:
    return normalize_url(url)


# --- the dead-link policy ----------------------------------------------------------------------

class DeadPolicy(_Model):
    """A link is dead after ``min_failures`` failed checks in a row spanning ``min_days`` days."""

    min_failures: int = Field(default=3, ge=1)
    min_days: float = Field(default=7, ge=0)

    def is_dead(self, record: LinkRecord) -> bool:
        if record.consecutive_failures < self.min_failures or record.failing_since is None:
            return False
        return record.last_checked - record.failing_since >= timedelta(days=self.min_days)


def needs_check(record: LinkRecord | None, now: datetime, max_age: timedelta) -> bool:
    """Recheck everything except a success younger than ``max_age``."""
    if record is None or record.link_class not in WORKING:
        return True
    return now - record.last_checked >= max_age


def apply_observation(record: LinkRecord | None, seen: LinkObservation, policy: DeadPolicy,
                      history_limit: int = HISTORY_LIMIT) -> LinkRecord:
    """The record after one more check; ``record`` is not modified."""
    when = seen.checked_at
    if record is None:
        record = LinkRecord(url=seen.url, link_class=seen.link_class, first_seen=when, last_checked=when)
    failures, failing_since, last_ok = record.consecutive_failures, record.failing_since, record.last_ok
    if seen.link_class in WORKING:
        last_ok, failures, failing_since = when, 0, None
    elif seen.link_class in FAILING:
        failures += 1
        failing_since = failing_since or when
    item = HistoryItem(checked_at=when, link_class=seen.link_class, status_code=seen.status_code,
                       elapsed_ms=seen.elapsed_ms)
    updated = record.model_copy(update={
        "url": seen.url, "link_class": seen.link_class, "status_code": seen.status_code,
        "final_url": seen.final_url, "redirect_chain": list(seen.redirect_chain), "detail": seen.detail,
        "elapsed_ms": seen.elapsed_ms, "last_checked": when, "last_ok": last_ok,
        "consecutive_failures": failures, "failing_since": failing_since,
        "history": [*record.history, item][-history_limit:],
    })
    updated.confirmed_dead = policy.is_dead(updated)
    return updated


def merge_observations(state: LinkState, observations, policy: DeadPolicy,
                       history_limit: int = HISTORY_LIMIT) -> LinkState:
    """Fold a run's observations into ``state`` (in place); records of other URLs stay as they were."""
    for seen in observations:
        key = state_key(seen.url)
        state.records[key] = apply_observation(state.records.get(key), seen, policy, history_limit)
    state.updated_at = utcnow()
    return state


def save_observations(path: Path, observations, policy: DeadPolicy,
                      history_limit: int = HISTORY_LIMIT) -> LinkState:
    """Fold observations into the state file as it is now and write it back, under a lock.

    Another run may have saved the same file since this one read it: reading again and merging
    (rather than writing this run's copy over it) keeps both runs' results. The lock is held for
    the read-merge-write only, so two runs check side by side and take turns saving.
    """
    path = Path(path)
    with _state_lock(path):
        state = read_state(path, history_limit)
        merge_observations(state, observations, policy, history_limit)
        write_state(path, state)
    return state


@contextmanager
def _state_lock(path: Path):
    """An exclusive lock on the state file's folder (the file itself is replaced on every save,
    so a lock on it would not outlive one write)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # no flock on this system: saves are still atomic, merges just not serialised
        yield
        return
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # releases the lock


# --- reading and writing -----------------------------------------------------------------------

def read_state(path: Path, history_limit: int = HISTORY_LIMIT) -> LinkState:
    """The state in ``path``; a missing file is an empty state, a broken one a LinkStateError.

    Whatever the file holds, reading it costs bounded memory: oversized files are refused before
    parsing, and each URL's history is cut to ``history_limit`` results before it becomes objects.
    """
    path = Path(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a folder, or a pipe that would block the read
            _invalid(path, "不是普通文件 (not a regular file)")
        with open(path, "rb") as handle:
            raw_bytes = handle.read(MAX_STATE_BYTES + 1)
    except FileNotFoundError:
        return LinkState()
    except OSError as exc:
        _invalid(path, f"无法读取 (cannot read): {exc.strerror or exc}")
    if len(raw_bytes) > MAX_STATE_BYTES:
        _invalid(path, f"文件超过 {MAX_STATE_BYTES // (1024 * 1024)} MB (larger than "
                       f"{MAX_STATE_BYTES // (1024 * 1024)} MB)")
    try:
        raw = json.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        _invalid(path, "不是 UTF-8 编码 (not UTF-8)")
    except json.JSONDecodeError as exc:
        _invalid(path, f"第 {exc.lineno} 行不是有效的 JSON (not valid JSON at line {exc.lineno}): {exc.msg}")
    except (ValueError, RecursionError) as exc:  # numbers too long to convert, brackets nested too deep
        _invalid(path, f"无法解析 (cannot be parsed): {type(exc).__name__}")
    if not isinstance(raw, dict):
        _invalid(path, "顶层应为对象 (the top level must be an object)")
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > STATE_VERSION:
        _invalid(path, f"版本 {str(version)[:20]} 过新，本程序只认识版本 {STATE_VERSION} "
                       f"(version newer than this program)")
    _cut_histories(raw, history_limit)
    try:
        return LinkState.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])[:200] or "(top level)"
        _invalid(path, f"{where}: {first['msg']} ({exc.error_count()} problem(s))")
    except RecursionError:
        _invalid(path, "嵌套过深 (nested too deeply)")


def _invalid(path: Path, reason: str):
    raise LinkStateError(f"{path}: 链接状态文件无效 (invalid link-state file): {reason}") from None


def _cut_histories(raw: dict, limit: int) -> None:
    """Keep the last ``limit`` results of each URL's history, before validation turns them into objects."""
    records = raw.get("records")
    if not isinstance(records, dict):
        return
    for record in records.values():
        if isinstance(record, dict) and isinstance(record.get("history"), list):
            record["history"] = record["history"][-limit:] if limit > 0 else []


def dump_state(state: LinkState) -> str:
    """JSON with one record per line, sorted by URL: a run's changes diff line by line."""
    records = sorted(state.records.items())
    head = state.model_dump(mode="json", exclude={"records"})
    lines = ["{", *(f" {json.dumps(k)}: {json.dumps(v)}," for k, v in sorted(head.items())), ' "records": {']
    for index, (key, record) in enumerate(records):
        comma = "," if index < len(records) - 1 else ""
        lines.append(f"  {json.dumps(key, ensure_ascii=False)}: {record.model_dump_json()}{comma}")
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def write_state(path: Path, state: LinkState) -> None:
    """Write atomically: a temporary file in the same folder, flushed, then renamed over ``path``."""
    path = Path(path)
    text = dump_state(state)
    if len(text.encode("utf-8")) > MAX_STATE_BYTES:  # never write what read_state would refuse
        raise LinkStateError(f"{path}: 链接状态保存后会超过 {MAX_STATE_BYTES // (1024 * 1024)} MB，读不回来，未写入，"
                             f"保留原文件 (the link state would exceed {MAX_STATE_BYTES // (1024 * 1024)} MB and could not "
                             f"be read back: not written, the previous file is kept)")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)


# --- archived copies ---------------------------------------------------------------------------

ARCHIVE_BASE = "https://web.archive.org/web/"
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def archive_url(url: str, at: datetime | None = None) -> str:
    """The Wayback Machine address of ``url``: its capture nearest to ``at``, else the latest one.

    Built from the address alone (no network at build time); characters that do not belong in a
    URL are percent-encoded, so the result is safe to put in an href once HTML-escaped.
    """
    stamp = at.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S") + "/" if at else ""
    return ARCHIVE_BASE + stamp + quote(url.strip(), safe=_URL_SAFE)
