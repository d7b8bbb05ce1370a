"""Copied entries and Chinese names typed where an id belongs are caught, with the fix in the message."""

from __future__ import annotations

import pytest

from conftest import run_cli

PLATFORM = """\
name: {name}
aliases: [{alias}]
kind: mooc-platform
sources: [moe-2020-2]
"""


def validate(data):
    result = run_cli("validate", str(data.root))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def test_an_entry_copied_under_another_id_is_an_error_at_its_name(data):
    data.write("platforms/a.yaml", PLATFORM.format(name="智慧树", alias="知到"))
    data.write("platforms/b.yaml", PLATFORM.format(name="智慧 树", alias="别的"))
    code, err = validate(data)
    assert code == 1 and "platforms/b.yaml:1: name:" in err and "平台 a 的“智慧树”" in err and "same_name" in err


def test_an_alias_matching_another_entrys_name_is_caught_after_normalising(data):
    data.write("platforms/a.yaml", PLATFORM.format(name="中国大学MOOC", alias="爱课程"))
    data.write("platforms/b.yaml", PLATFORM.format(name="另一平台", alias="中国大学 mooc"))
    code, err = validate(data)
    assert code == 1 and "platforms/b.yaml:2: aliases.0:" in err


def test_same_name_with_a_reason_is_accepted_and_resources_may_share_a_platform_name(data):
    data.write("platforms/a.yaml", PLATFORM.format(name="智慧树", alias="知到"))
    data.write("platforms/b.yaml", PLATFORM.format(name="智慧树", alias="别的") + "same_name: 两家同名公司\n")
    data.write("resources/c.yaml", PLATFORM.format(name="智慧树", alias="x").replace("mooc-platform",
                                                                                   "course-collection"))
    assert validate(data)[0] == 0


@pytest.mark.parametrize("field, typed, suggested", [
    ("levels", "[本科]", "'undergraduate'（本科）"),
    ("regions", "[河南]", "'henan'（河南省）"),
    ("kind", "慕课", "'mooc-platform'（慕课平台）"),
    ("levels", "[中等职业教育]", "'secondary-vocational'（中职）"),  # an alias
])
def test_a_chinese_term_where_an_id_belongs_gets_the_id_suggested(data, field, typed, suggested):
    text = PLATFORM.format(name="某平台", alias="x")
    text = text.replace("kind: mooc-platform", f"kind: {typed}") if field == "kind" else text + f"{field}: {typed}\n"
    data.write("platforms/a.yaml", text, basis=False)
    code, err = validate(data)
    assert code == 1 and f"是否应为 {suggested}" in err
