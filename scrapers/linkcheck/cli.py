"""`python -m catalog check-links`: collect the URLs, check what needs checking, keep the state,
report. Exit 0 when no link is confirmed dead, 1 when one is (or the catalog itself has problems),
2 for bad input (options, config, state or URL file, git reference), 130 when interrupted.

The state is saved every few seconds while the run goes on and once more at the end (also on
Ctrl-C or SIGTERM), each time atomically: an interrupted run keeps what it learned and the next run
reuses its recent successes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from catalog.atomic import write_text_atomic
from catalog.linkstate import (LinkStateError, apply_observation, needs_check, read_state, save_observations,
                               state_key, utcnow)
from catalog.paths import DEFAULT_DATA_DIR, DEFAULT_LINK_STATE
from catalog.problems import printable
from catalog_scrapers.linkcheck.scheduling import LinkChecker
from catalog_scrapers.linkcheck.config import ConfigError, build_settings
from catalog_scrapers.linkcheck.progress import Progress
from catalog_scrapers.linkcheck.report import RENDERERS, Report
from catalog_scrapers.linkcheck.sources import SourceError, Target, catalog_targets, changed_targets, read_url_file

SAVE_EVERY_SECONDS = 10.0


class _CatalogInvalid(Exception):
    pass


def _say(message: str) -> None:
    """A message on stderr; its own line breaks kept, every other control character escaped."""
    print("\n".join(printable(line) for line in str(message).split("\n")), file=sys.stderr, flush=True)


def _targets(args) -> list[Target]:
    if getattr(args, "urls", None):
        targets = read_url_file(args.urls)
    else:
        from catalog.loader import load_catalog

        result = load_catalog(getattr(args, "data_dir", None) or DEFAULT_DATA_DIR)
        if result.problems:
            for problem in result.problems:
                _say(problem.render())
            raise _CatalogInvalid(len(result.problems))
        targets = catalog_targets(result.catalog.iter_links())
    base = getattr(args, "changed_only", None)
    if base:
        if getattr(args, "urls", None):
            raise SourceError("--changed-only 只用于目录条目，不能与 --urls 同用 (--changed-only works on the catalog, not with --urls)")
        targets = changed_targets(targets, getattr(args, "data_dir", None) or DEFAULT_DATA_DIR, base)
    return targets


@contextmanager
def _stop_on_signals(checker: LinkChecker):
    """Ctrl-C and SIGTERM (how CI cancels a job) ask the checker to stop; it stops at its next turn
    and the state is saved. The handler only sets a flag: an exception raised from a signal handler
    can land anywhere, inside a finalizer say, where Python swallows it and the run goes on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        checker.request_stop()

    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signum == signal.SIGINT and signal.getsignal(signum) is not signal.default_int_handler:
            continue  # ignored (a background job) or handled by whoever embeds us
        previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, handler_before in previous.items():
            signal.signal(signum, handler_before)


@contextmanager
def _signals_held():
    """Hold Ctrl-C and SIGTERM back while the state is written; they arrive right after."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def run(args) -> int:
    started = time.monotonic()
    try:
        settings, options = build_settings(args)
        state_path = Path(getattr(args, "state", None) or DEFAULT_LINK_STATE)
        state = read_state(state_path, options.history)
        _check_writable(state_path)
        targets = _targets(args)
    except (ConfigError, LinkStateError, SourceError) as exc:
        _say(str(exc))
        return 2
    except _CatalogInvalid as exc:
        _say(f"目录有 {exc} 个问题，请先修正 (the catalog has {exc} problems; fix them first)")
        return 1

    now = utcnow()
    to_check = [t for t in targets if needs_check(state.lookup(t.url), now, options.max_age)]
    reused = len(targets) - len(to_check)
    _say(f"共 {len(targets)} 个链接，本次检查 {len(to_check)} 个，沿用近期结果 {reused} 个 "
         f"({len(targets)} links: checking {len(to_check)}, reusing {reused} recent successes)")

    progress = Progress(len(to_check), mode=getattr(args, "progress", None) or "auto")
    checked: set[str] = set()
    unsaved: list = []  # observations not yet in the file
    last_save = time.monotonic()
    interrupted = False

    def save() -> None:
        # Merged into the file as it is now: a second run on the same file keeps its results too.
        nonlocal state, last_save
        with _signals_held():
            state = save_observations(state_path, unsaved, options.dead, options.history)
            unsaved.clear()
        last_save = time.monotonic()

    def on_result(observation) -> None:
        key = state_key(observation.url)
        unsaved.append(observation)
        state.records[key] = apply_observation(state.records.get(key), observation, options.dead,
                                               options.history)
        checked.add(key)
        progress.update(observation.link_class)
        if time.monotonic() - last_save >= SAVE_EVERY_SECONDS:
            save()

    if settings.budget is not None:  # the budget is the whole run's, loading included
        settings = replace(settings, budget=max(0.0, settings.budget - (time.monotonic() - started)))
    checker = LinkChecker(settings)
    try:
        with _stop_on_signals(checker):
            try:
                checker.run([t.url for t in to_check], on_result)
            except KeyboardInterrupt:
                interrupted = True
            progress.close()
            save()
    except KeyboardInterrupt:  # a second Ctrl-C while saving: the previous file is still intact
        _say("保存时再次中断，状态文件保持最近一次完整保存的内容 "
             "(interrupted while saving: the state file keeps its last complete save)")
        return 130
    except LinkStateError as exc:  # the file was broken by someone else while this run went on
        _say(f"{exc}；本次结果未能保存 (this run's results could not be saved)")
        return 2
    except OSError as exc:
        _say(f"{state_path}: 无法写入链接状态文件 (cannot write link-state file): {exc.strerror or exc}")
        return 2
    finally:
        checker.close()

    stats = checker.stats
    report = Report.build(targets, state, checked, time.monotonic() - started, stats.requests,
                          interrupted, not_checked=stats.not_checked if stats.budget_spent else 0)
    if stats.slowed_hosts:
        hosts = ", ".join(f"{h} ({s:g}s)" for h, s in sorted(stats.slowed_hosts.items()))
        _say(f"这些主机要求放慢速度，已降低请求频率 (hosts that asked us to slow down): {hosts}")
    if stats.budget_spent:
        _say(f"时间预算已用完：已保存 {len(checked)} 个结果，{stats.not_checked} 个链接留待下次检查 "
             f"(time budget spent: {len(checked)} results saved, {stats.not_checked} links wait for the next run)")
    if stats.given_up_hosts:
        hosts = ", ".join(f"{h} ({n})" for h, n in sorted(stats.given_up_hosts.items()))
        _say(f"这些主机持续返回 429，其余链接留待下次检查 (hosts that kept answering 429; their remaining "
             f"links wait for the next run): {hosts}")
    status = _emit(report, getattr(args, "format", None) or "text", getattr(args, "output", None))
    if status:
        return status
    if interrupted:
        _say(f"已中断：已保存 {len(checked)} 个结果到 {state_path} "
             f"(interrupted: {len(checked)} results saved)")
        return 130
    return 1 if report.dead else 0


def _check_writable(path: Path) -> None:
    """Fail before checking anything, not after an hour of checks, when the state cannot be saved."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LinkStateError(f"{path}: 无法创建目录 (cannot create the folder): {exc.strerror or exc}") from None
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise LinkStateError(f"{path}: 链接状态文件不可写 (link-state file is not writable)")


def _emit(report: Report, fmt: str, output) -> int:
    text = RENDERERS[fmt](report)
    if output:
        try:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(Path(output), text)
        except OSError as exc:
            _say(f"{output}: 无法写入报告 (cannot write report): {exc.strerror or exc}")
            return 2
        # The file is for tools or a comment; the log still shows the human summary.
        print(RENDERERS["text"](report), end="", file=sys.stderr)
    else:
        print(text, end="")
        if fmt != "text":
            summary = report.summary_dict()
            _say(f"确认失效 (confirmed dead): {summary['confirmed_dead']} / {summary['total']}")
    return 0
