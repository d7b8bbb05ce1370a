"""Settings of a link-check run: built-in defaults, then a YAML config file, then the command line.

The config file (``--config FILE``) holds what a maintainer tunes once, per-host overrides above
all; for example::

    # 链接检查设置 (link-check settings)
    concurrency: 32          # requests in flight at once, over all hosts
    per_host: 2              # requests in flight at once to one host
    interval: 500ms          # between the starts of two requests to one host
    max_age: 7d              # reuse a success younger than this; failures are always rechecked
    dead_after: 3            # a link is dead after this many failed checks in a row ...
    dead_days: 7             # ... spanning at least this many days
    budget: 40m              # the whole run; when spent, results so far are saved, the rest waits
    history: 20              # results kept per URL in the state file
    hosts:
      www.icourse163.org: {per_host: 1, interval: 2s}
      "*.edu.cn": {interval: 1s, head: false}   # head: false = these servers answer HEAD badly

Durations are seconds, or a number with ms, s, m, h or d.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from catalog.errors import problems_from_validation
from catalog.linkstate import HISTORY_LIMIT, DeadPolicy
from catalog.problems import display_path, printable
from catalog.yamlio import YamlError, load_yaml_file
from catalog_scrapers.http import AddressPolicy
from catalog_scrapers.linkcheck.scheduling import CheckSettings, HostSettings, USER_AGENT

LONGEST_DURATION = 3650 * 86400  # ten years: longer is a typo, and past it date arithmetic overflows
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_HOST_PATTERN = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


class ConfigError(Exception):
    """Bad settings; each message line says where and what."""


def parse_duration(value: Any) -> float:
    """Seconds from 30, 1.5, "500ms", "30s", "5m", "2h" or "7d"."""
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是时长 (not a duration)")
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ValueError(f"“{value}”不是时长，应写作 30、500ms、30s、5m、2h 或 7d "
                             f"(not a duration: use seconds or ms/s/m/h/d)")
        seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if not math.isfinite(seconds):  # .nan or .inf: a host paced by infinity is never asked again
        raise ValueError(f"“{value}”不是有限的时长 (duration must be finite)")
    if seconds < 0:
        raise ValueError(f"时长不能为负 (duration must not be negative): {value}")
    if seconds > LONGEST_DURATION:
        raise ValueError(f"“{value}”过长，最多 {LONGEST_DURATION // 86400} 天 (too long: at most "
                         f"{LONGEST_DURATION // 86400} days)")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]


def _host_pattern(name: str) -> str:
    key = name.strip().lower().rstrip(".")
    if not _HOST_PATTERN.match(key):
        raise ValueError(f"“{name}”不是主机名，应写作 www.example.org 或 *.example.org "
                         f"(not a host name or *.suffix pattern)")
    return key


HostPattern = Annotated[str, AfterValidator(_host_pattern)]


class HostOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    per_host: int | None = Field(default=None, ge=1)
    interval: Duration | None = None
    head: bool | None = None


class FileConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    concurrency: int | None = Field(default=None, ge=1, le=512)
    per_host: int | None = Field(default=None, ge=1, le=64)
    interval: Duration | None = None
    connect_timeout: Duration | None = None
    read_timeout: Duration | None = None
    deadline: Duration | None = None
    retries: int | None = Field(default=None, ge=0, le=10)
    backoff: Duration | None = None
    max_retry_after: Duration | None = None
    max_redirects: int | None = Field(default=None, ge=0, le=50)
    max_body: int | None = Field(default=None, ge=0, le=16 * 1024 * 1024)
    max_age: Duration | None = None
    budget: Duration | None = None       # total time for a run; when spent, save and stop cleanly
    history: int | None = Field(default=None, ge=1, le=1000)  # results kept per URL
    dead_after: int | None = Field(default=None, ge=1)
    dead_days: float | None = Field(default=None, ge=0, le=3650, allow_inf_nan=False)
    user_agent: str | None = None
    ca_bundle: str | None = None
    hosts: dict[HostPattern, HostOverride] = Field(default_factory=dict)

    @field_validator("user_agent")
    @classmethod
    def _ascii_agent(cls, value: str | None) -> str | None:
        if value is not None and (not value.isascii() or not value.strip()):
            raise ValueError("User-Agent 只能用 ASCII 字符 (User-Agent must be non-empty ASCII)")
        return value



def load_config(path: Path) -> FileConfig:
    shown = display_path(Path(path))
    if not Path(path).is_file():
        raise ConfigError(f"{shown}:1: 找不到配置文件 (config file not found)")
    try:
        loaded = load_yaml_file(Path(path))
    except YamlError as exc:
        raise ConfigError(f"{shown}:{exc.line}: {exc.message}") from None
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}:1: 配置文件应为键值映射 (config must be a mapping of keys)")
    try:
        return FileConfig.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation(exc, FileConfig, loaded.lines, shown)
        raise ConfigError("\n".join(p.render() for p in problems)) from None


@dataclass
class RunOptions:
    """What the command does around the checking itself."""

    max_age: timedelta
    dead: DeadPolicy
    history: int = HISTORY_LIMIT


DEFAULT_MAX_AGE = 7 * 86400


def build_settings(args) -> tuple[CheckSettings, RunOptions]:
    """Merge defaults, the config file and the command line (the last one wins)."""
    config = load_config(args.config) if getattr(args, "config", None) else FileConfig()
    cli = {}
    for name in FileConfig.model_fields:
        value = getattr(args, name, None)
        if value is not None and name != "hosts":
            cli[name] = value
    try:
        merged = FileConfig.model_validate({**config.model_dump(exclude_none=True, exclude={"hosts"}), **cli})
    except ValidationError as exc:
        lines = []
        for item in exc.errors(include_url=False):
            option = "--" + str(item["loc"][0]).replace("_", "-")
            message = str(item.get("ctx", {}).get("error", item["msg"]))
            lines.append(printable(f"{option}: {message}"))  # the value given may hold anything
        raise ConfigError("\n".join(lines)) from None
    try:
        policy = AddressPolicy.from_cidrs(getattr(args, "allow_address", None) or [])
    except ValueError as exc:
        raise ConfigError(f"--allow-address: {exc}") from None

    defaults = CheckSettings()
    host = HostSettings(concurrency=_pick(merged.per_host, defaults.host.concurrency),
                        interval=_pick(merged.interval, defaults.host.interval))
    overrides = {
        name: HostSettings(concurrency=_pick(o.per_host, host.concurrency),
                           interval=_pick(o.interval, host.interval),
                           head_first=_pick(o.head, True))
        for name, o in config.hosts.items()
    }
    settings = CheckSettings(
        concurrency=_pick(merged.concurrency, defaults.concurrency),
        host=host,
        host_overrides=overrides,
        connect_timeout=_pick(merged.connect_timeout, defaults.connect_timeout),
        read_timeout=_pick(merged.read_timeout, defaults.read_timeout),
        deadline=_pick(merged.deadline, defaults.deadline),
        retries=_pick(merged.retries, defaults.retries),
        backoff=_pick(merged.backoff, defaults.backoff),
        max_retry_after=_pick(merged.max_retry_after, defaults.max_retry_after),
        max_redirects=_pick(merged.max_redirects, defaults.max_redirects),
        body_cap=_pick(merged.max_body, defaults.body_cap),
        user_agent=_pick(merged.user_agent, USER_AGENT),
        ca_bundle=merged.ca_bundle,
        policy=policy,
        budget=merged.budget or None,
    )
    if settings.ca_bundle and not Path(settings.ca_bundle).is_file():
        raise ConfigError(f"{settings.ca_bundle}: 找不到证书文件 (CA bundle not found)")
    if settings.connect_timeout <= 0 or settings.read_timeout <= 0 or settings.deadline <= 0:
        raise ConfigError("超时必须大于 0 (timeouts and the deadline must be greater than 0)")
    options = RunOptions(
        max_age=timedelta(seconds=_pick(merged.max_age, DEFAULT_MAX_AGE)),
        dead=DeadPolicy(min_failures=_pick(merged.dead_after, 3), min_days=_pick(merged.dead_days, 7)),
        history=_pick(merged.history, HISTORY_LIMIT),
    )
    return settings, options


def _pick(value, default):
    return default if value is None else value
