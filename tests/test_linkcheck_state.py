"""The link-state file: history, the dead-link rule, reuse of recent results, safe reading and
writing, archive addresses."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from catalog.linkstate import (DeadPolicy, LinkObservation, LinkState, LinkStateError, apply_observation,
                               archive_url, merge_observations, needs_check, read_state, write_state)

DAY0 = datetime(2024, 3, 1, 8, 0, tzinfo=timezone.utc)
URL = "https://www.example.edu.cn/course/"


def seen(link_class: str, day: float, url: str = URL, status: int | None = None) -> LinkObservation:
    return LinkObservation(url=url, link_class=link_class, checked_at=DAY0 + timedelta(days=day),
                           status_code=status)


def replay(*events, policy=DeadPolicy(min_failures=3, min_days=7)):
    record = None
    for link_class, day in events:
        record = apply_observation(record, seen(link_class, day), policy)
    return record


def test_dead_only_after_n_failures_spread_over_d_days():
    assert not replay(("not-found", 0), ("not-found", 1), ("not-found", 2)).confirmed_dead  # 3 in 2 days
    assert not replay(("not-found", 0), ("not-found", 8)).confirmed_dead                    # 2 over 8 days
    record = replay(("not-found", 0), ("timeout", 3), ("not-found", 7))
    assert record.confirmed_dead and record.consecutive_failures == 3
    assert record.failing_since == DAY0


def test_one_success_resets_the_streak():
    record = replay(("not-found", 0), ("not-found", 3), ("ok", 5), ("not-found", 6), ("not-found", 14))
    assert not record.confirmed_dead
    assert record.consecutive_failures == 2
    assert record.failing_since == DAY0 + timedelta(days=6)
    assert record.last_ok == DAY0 + timedelta(days=5)


def test_blocked_and_rate_limited_neither_reset_nor_extend_a_streak():
    record = replay(("not-found", 0), ("blocked", 2), ("not-found", 4), ("rate-limited", 6), ("server-error", 8))
    assert record.consecutive_failures == 3 and record.confirmed_dead
    record = replay(("blocked", 0), ("blocked", 10), ("rate-limited", 20))
    assert record.consecutive_failures == 0 and not record.confirmed_dead


def test_a_dead_link_that_comes_back_is_alive_again():
    record = replay(("not-found", 0), ("not-found", 4), ("not-found", 8), ("redirected-permanent", 9))
    assert not record.confirmed_dead and record.link_class == "redirected-permanent"


def test_policy_is_configurable():
    events = [("dns-failure", 0), ("dns-failure", 0.5)]
    assert replay(*events, policy=DeadPolicy(min_failures=2, min_days=0)).confirmed_dead
    assert not replay(*events, policy=DeadPolicy(min_failures=2, min_days=1)).confirmed_dead


def test_history_is_kept_short_and_first_seen_stays():
    record = replay(*[("ok", day) for day in range(30)])
    assert len(record.history) == 20
    assert record.history[-1].checked_at == DAY0 + timedelta(days=29)
    assert record.first_seen == DAY0


def test_recent_successes_are_reused_and_failures_always_rechecked():
    now = DAY0 + timedelta(days=1)
    fresh_ok = replay(("ok", 0.5))
    old_ok = replay(("ok", -10))
    fresh_failure = replay(("not-found", 0.99))
    fresh_blocked = replay(("blocked", 0.99))
    week = timedelta(days=7)
    assert not needs_check(fresh_ok, now, week)
    assert needs_check(old_ok, now, week)
    assert needs_check(fresh_failure, now, week)
    assert needs_check(fresh_blocked, now, week)
    assert needs_check(None, now, week)
    assert needs_check(fresh_ok, now, timedelta(0))


def test_lookup_ignores_how_the_url_is_written():
    state = merge_observations(LinkState(), [seen("ok", 0)], DeadPolicy())
    for spelling in ("https://WWW.Example.edu.cn:443/course", "https://www.example.edu.cn/course/#intro"):
        assert state.lookup(spelling) is not None
    assert state.lookup("http://www.example.edu.cn/course/") is None  # another scheme, another check


def test_merge_keeps_records_of_urls_not_checked_this_time():
    other = "https://other.example.org/"
    state = merge_observations(LinkState(), [seen("ok", 0), seen("ok", 0, url=other)], DeadPolicy())
    merge_observations(state, [seen("not-found", 1)], DeadPolicy())
    assert state.lookup(other).link_class == "ok"
    assert state.lookup(URL).link_class == "not-found"


def test_write_then_read_round_trips(tmp_path):
    path = tmp_path / "state" / "links.json"
    state = merge_observations(LinkState(), [seen("not-found", 0, status=404), seen("ok", 1, url="https://a.cn/x")],
                               DeadPolicy())
    write_state(path, state)
    again = read_state(path)
    assert again.model_dump() == state.model_dump()
    assert json.loads(path.read_text())["version"] == 1
    assert [p.name for p in path.parent.iterdir()] == ["links.json"]  # no temporary file left


def test_writing_keeps_the_mode_of_an_existing_file(tmp_path):
    path = tmp_path / "links.json"
    write_state(path, LinkState())
    os.chmod(path, 0o640)
    write_state(path, merge_observations(LinkState(), [seen("ok", 0)], DeadPolicy()))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_previous_file_and_no_debris(tmp_path):
    path = tmp_path / "links.json"
    write_state(path, merge_observations(LinkState(), [seen("ok", 0)], DeadPolicy()))
    before = path.read_bytes()

    class Exploding(LinkState):
        def model_dump(self, *args, **kwargs):
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_state(path, Exploding())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["links.json"]


def test_missing_file_is_an_empty_state(tmp_path):
    assert read_state(tmp_path / "nope.json").records == {}


@pytest.mark.parametrize("content, expected", [
    ("{not json", "不是有效的 JSON"),
    ('{"records": {"x": {"url": "x"}}}', "records.x"),
    ('{"records": {"x": {"url": "x", "link_class": "fine", "first_seen": "2024-01-01T00:00:00Z",'
     ' "last_checked": "2024-01-01T00:00:00Z"}}}', "records.x.link_class"),
    ('{"records": {"x": {"url": "x", "link_class": "ok", "first_seen": "2024-01-01T00:00:00",'
     ' "last_checked": "2024-01-01T00:00:00Z"}}}', "first_seen"),
    ('{"version": 99, "records": {}}', "版本 99"),
    ("[]", "invalid link-state file"),
])
def test_a_broken_file_is_a_clear_error_naming_it(tmp_path, content, expected):
    path = tmp_path / "links.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LinkStateError) as caught:
        read_state(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_archive_url_is_built_from_the_address_alone():
    assert archive_url("http://www.moe.gov.cn/a.html") == "https://web.archive.org/web/http://www.moe.gov.cn/a.html"
    when = datetime(2020, 2, 5, 9, 30, 0, tzinfo=timezone.utc)
    assert (archive_url("https://x.cn/p?q=1&r=2", at=when)
            == "https://web.archive.org/web/20200205093000/https://x.cn/p?q=1&r=2")
    assert archive_url("https://x.cn/课程 1") == "https://web.archive.org/web/https://x.cn/%E8%AF%BE%E7%A8%8B%201"
    assert '"' not in archive_url('https://x.cn/"><script>') and "<" not in archive_url('https://x.cn/"><script>')


def test_a_records_archive_link_points_at_when_it_last_worked():
    record = replay(("ok", 0), ("not-found", 1))
    assert record.archive_link() == "https://web.archive.org/web/20240301080000/" + URL
