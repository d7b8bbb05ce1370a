"""Validation accepts only values the rest of the program handles: what passes `validate` exports and
builds. Each refusal names its file and line, on one line."""

from __future__ import annotations

import os

import pytest

from catalog.loader import load_catalog
from catalog.models import LAST_DATE
from conftest import PLATFORM, run_cli

PERIOD = """\
free_periods:
  - start: 2020-02-01
    end: {end}
    sources: [moe-2020-2]
"""
COUNT = """\
counts:
  - what: 在线课程
    value: {value}
    as_of: 2020-02-01
    sources: [moe-2020-2]
"""


def only_problem(data, text: str, name: str = "platforms/p.yaml"):
    path = data.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    found = load_catalog(data.root).problems
    assert len(found) == 1, found
    assert "\n" not in found[0].render()
    return found[0]


def export_all(data) -> list:
    """Every export format of the catalog, as `python -m catalog export` makes it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1583020800"}
    outcomes = []
    for fmt in ("json", "csv", "vcard", "ical"):
        done = run_cli("export", "--format", fmt, "--data-dir", str(data.root), "-o",
                       str(data.root.parent / f"out-{fmt}"), env=env)
        outcomes.append((fmt, done.returncode, done.stderr))
    return outcomes


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "2200-01-01", "1899-12-31"])
def test_dates_beyond_the_bounds_are_refused_with_their_line(data, date):
    problem = only_problem(data, PLATFORM + PERIOD.format(end=date))
    assert problem.line == 8 and "超出范围" in problem.message


def test_the_last_date_accepted_still_exports_in_every_format(data):
    data.write("platforms/p.yaml", PLATFORM + PERIOD.format(end=LAST_DATE.isoformat()) + COUNT.format(value=10**12))
    assert load_catalog(data.root).problems == []
    for fmt, code, stderr in export_all(data):
        assert code == 0, (fmt, stderr)


@pytest.mark.parametrize("value", ["0x" + "f" * 5000, "1" * 5000, "0b" + "1" * 200, "9223372036854775808",
                                   "1_000_000_000_000_000_000_000"])
def test_huge_integers_are_refused_with_their_line_not_an_internal_error(data, value):
    problem = only_problem(data, PLATFORM + COUNT.format(value=value))
    assert problem.line == 8 and len(problem.message) < 200
    phones = PLATFORM + f"contacts:\n  - unit: 客服\n    phones: [{value}]\n    as_of: 2020-02-01\n" \
                        f"    sources: [moe-2020-2]\n"
    problem = only_problem(data, phones)
    assert problem.line == 8 and len(problem.message) < 200


def test_a_count_too_large_for_any_platform_is_refused(data):
    problem = only_problem(data, PLATFORM + COUNT.format(value=10**13))
    assert problem.line == 8 and "过大" in problem.message


def test_true_is_no_count(data):
    problem = only_problem(data, PLATFORM + COUNT.format(value="true"))
    assert problem.line == 8 and "整数" in problem.message


@pytest.mark.parametrize("aliases", ['[""]', '["  "]', '[智慧树, ""]', "[~]"])
def test_an_empty_alias_is_refused_with_its_line(data, aliases):
    problem = only_problem(data, PLATFORM + f"aliases: {aliases}\n")
    assert problem.line == 6


@pytest.mark.parametrize("escaped", ["\\x1b[31m", "\\n::error::x", "\\r", "\\u202e", "\\u2028", "\\0", "\\x7f",
                                     "\\u0085"])
def test_names_and_aliases_with_control_characters_are_refused(data, escaped):
    problem = only_problem(data, PLATFORM.replace("name: 测试平台", f'name: "测试{escaped}平台"'))
    assert problem.line == 1 and "控制字符" in problem.message
    problem = only_problem(data, PLATFORM + f'aliases: [ok, "a{escaped}b"]\n')
    assert problem.line in (6, 7) and "控制字符" in problem.message


@pytest.mark.parametrize("field", ["description", "note", "purpose"])
def test_prose_keeps_line_breaks_but_no_other_control_characters(data, field):
    where = "" if field != "purpose" else "contacts:\n  - unit: 客服\n    as_of: 2020-02-01\n    sources: [moe-2020-2]\n    "
    data.write("platforms/p.yaml", PLATFORM + where + f'{field}: "第一行\\n第二行\\t"\n')
    assert load_catalog(data.root).problems == []
    problem = only_problem(data, PLATFORM + where + f'{field}: "响铃\\a"\n')
    assert problem.line == (6 if field != "purpose" else 10) and "U+0007" in problem.message


def test_text_lengths_are_bounded(data):
    problem = only_problem(data, PLATFORM.replace("测试平台", "名" * 301))
    assert problem.line == 1 and "过长" in problem.message
    problem = only_problem(data, PLATFORM + "description: " + "字" * 20_001 + "\n")
    assert problem.line == 6 and "过长" in problem.message


@pytest.mark.parametrize("line", [1, 3, 6])
def test_a_nul_byte_gives_one_line_naming_its_line(data, line):
    lines = (PLATFORM + "note: 备注\n").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(":", ":\0", 1) if line != 6 else "note: 备\0注\n"
    problem = only_problem(data, "".join(lines))
    assert problem.line == line and "U+0000" in problem.message


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x1b", "\ufffe"])
def test_invisible_line_breaks_and_controls_in_the_file_are_refused_at_their_line(data, char):
    problem = only_problem(data, PLATFORM + f"note: 备{char}注\nservices: [答疑]\n")
    assert problem.line == 6, problem


def test_a_nul_after_old_mac_line_ends_is_counted_as_editors_do(data):
    problem = only_problem(data, PLATFORM.replace("\n", "\r") + "note: \0\r")
    assert problem.line == 6


def test_validate_and_export_agree_on_a_refused_value(data):
    data.write("platforms/p.yaml", PLATFORM + PERIOD.format(end="9999-12-31"))
    for fmt, code, stderr in export_all(data):
        assert code == 1 and "p.yaml:8:" in stderr and "internal error" not in stderr


CONTACT = """\
contacts:
  - unit: 客服中心
    name: 张三
    phones: ["13812345678"]
    as_of: 2020-02-01
    sources: [moe-2020-2]
"""


@pytest.mark.parametrize("field, bad", [("name", "张三\\n::error::x"), ("unit", "客服\\u202e中心"),
                                        ("name", "张\\u200b三"), ("unit", "客服\\ufeff中心"), ("role", "负\\r责人")])
def test_contact_names_units_and_roles_are_one_line_without_invisible_characters(data, field, bad):
    problem = only_problem(data, PLATFORM + CONTACT + f'    {field}: "{bad}"\n'
                           if field == "role" else PLATFORM + CONTACT.replace(f"{field}: ", f'{field}: "{bad}" #', 1))
    assert problem.line == {"unit": 7, "name": 8, "role": 12}[field] and "控制字符" in problem.message


@pytest.mark.parametrize("phone", ["١٣٨١٢٣٤٥٦٧٨", "１３８１２３４５６７８", "0371-69691767转١٢"])
def test_phone_numbers_are_ascii_digits(data, phone):
    problem = only_problem(data, PLATFORM + CONTACT.replace("13812345678", phone))
    assert problem.line == 9
