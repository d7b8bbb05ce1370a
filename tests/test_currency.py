"""An entry's last confirmation: its own `confirmed`, else its newest dated source; old ones are stale."""

from __future__ import annotations

import datetime as dt

from catalog.currency import is_stale, last_confirmed
from catalog.loader import load_catalog
from conftest import run_cli

LATER_SOURCE = """\
title: 转载
issuers: [某网站]
issued: 2020-02-01
published: 2020-02-12
kind: repost
"""

ENTRY = """\
name: 演示平台
kind: mooc-platform
sources: [moe-2020-2, later]
"""


def test_without_a_confirmation_the_newest_source_date_counts(data):
    data.write("sources/later.yaml", LATER_SOURCE)
    data.write("platforms/demo.yaml", ENTRY)
    catalog = load_catalog(data.root).catalog
    found = last_confirmed(catalog, catalog.platforms["demo"])
    assert (found.date, found.source, found.written) == (dt.date(2020, 2, 12), "later", False)  # published, not issued
    assert is_stale(found, dt.date(2026, 11, 29), 1095) and not is_stale(found, dt.date(2021, 1, 1), 1095)
    assert not is_stale(found, dt.date(2026, 11, 29), 0)  # 0 turns the mark off


def test_a_written_confirmation_wins_and_must_cite_a_source_of_the_entry(data):
    data.write("sources/later.yaml", LATER_SOURCE)
    data.write("platforms/demo.yaml", ENTRY + "confirmed: {date: 2026-06-01, source: later, note: 首页仍写明免费}\n")
    catalog = load_catalog(data.root).catalog
    found = last_confirmed(catalog, catalog.platforms["demo"])
    assert (found.date, found.source, found.written) == (dt.date(2026, 6, 1), "later", True)

    data.write("platforms/demo.yaml", ENTRY.replace(", later", "") + "confirmed: {date: 2026-06-01, source: later}\n")
    result = run_cli("validate", str(data.root))
    assert result.returncode == 1 and "platforms/demo.yaml:4: confirmed.source:" in result.stderr


def test_a_confirmation_cannot_predate_its_source(data):
    data.write("sources/later.yaml", LATER_SOURCE)
    data.write("platforms/demo.yaml", ENTRY + "confirmed: {date: 2019-01-01, source: later}\n")
    result = run_cli("validate", str(data.root))
    assert result.returncode == 1 and "platforms/demo.yaml:4: confirmed.date:" in result.stderr
