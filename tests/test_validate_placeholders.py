"""`FILL-ME`, the mark a draft leaves for the maintainer, fails validation wherever it stays, with its line."""

from __future__ import annotations

from catalog.loader import load_catalog

from conftest import run_cli

SOURCE = """\
title: FILL-ME
number: 教高厅〔2020〕9号
issuers: [教育部办公厅, FILL-ME]
issued: 2020-02-05
kind: official
urls: []
public: true
contacts:
  - unit: 高教司
    phones: ["010-66096925"]
    as_of: 2020-02-05
    sources: [FILL-ME-source]
"""


def test_placeholders_in_free_text_fields_and_lists_are_problems_with_their_lines(data):
    data.write("sources/draft.yaml", SOURCE)
    problems = [(p.line, p.message) for p in load_catalog(data.root).problems
                if p.path.endswith("draft.yaml") and "placeholder not filled" in p.message]
    assert [line for line, _ in problems] == [1, 3, 12]
    assert problems[1][1].startswith("issuers.1:")


def test_validate_fails_on_a_draft_left_unfilled(data):
    data.write("sources/draft.yaml", SOURCE)
    result = run_cli("validate", str(data.root))
    assert result.returncode == 1
    assert "draft.yaml:1:" in result.stderr and "draft.yaml:3:" in result.stderr


def test_a_filled_draft_passes(data):
    data.write("sources/draft.yaml", SOURCE.replace("title: FILL-ME", "title: 关于某事的通知")
               .replace(", FILL-ME]", "]").replace("FILL-ME-source", "draft"))
    assert load_catalog(data.root).problems == []
