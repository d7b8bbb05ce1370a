"""Entry files and data folders in shapes the other tests do not try: folders that cannot be listed,
entries saved under the wrong extension, addresses that pass for others, invisible and bidirectional
characters in text. Each is refused with its file and line, or read as it is; none is lost in silence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from catalog.loader import load_catalog
from conftest import PLATFORM, run_cli


def problems_of(data, relative: str, content: str, basis: bool = True):
    data.write(relative, content, basis=basis)
    return load_catalog(data.root).problems


def the_problem(data, relative: str, content: str, basis: bool = True):
    found = problems_of(data, relative, content, basis)
    assert len(found) == 1, found
    return found[0]


# --- folders and files --------------------------------------------------------------------------

def _deep_folder(parent: Path, levels: int) -> int:
    """Makes ``levels`` nested folders of 250-byte names under ``parent``; returns a descriptor of the
    last (its path is longer than the system will take: listing it fails as an unreadable folder does)."""
    fd = os.open(parent, os.O_RDONLY)
    for _ in range(levels):
        os.mkdir("d" * 250, dir_fd=fd)
        inner = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    return fd


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(data):
    data.write("platforms/p.yaml", PLATFORM)
    fd = _deep_folder(data.root / "platforms", 20)
    try:
        with open(os.open("q.yaml", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w", encoding="utf-8") as entry:
            entry.write(PLATFORM)
    finally:
        os.close(fd)
    found = load_catalog(data.root).problems
    assert len(found) == 1 and "无法读取目录" in found[0].message and "/platforms/ddd" in found[0].path, found


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_without_read_permission_is_reported_not_skipped(data):
    data.write("platforms/zz/p.yaml", PLATFORM)
    locked = data.root / "platforms" / "zz"
    locked.chmod(0)
    try:
        found = load_catalog(data.root).problems
    finally:
        locked.chmod(0o755)
    assert len(found) == 1 and found[0].path.endswith("platforms/zz") and "无法读取目录" in found[0].message


@pytest.mark.parametrize("name", ["p.yaml.txt", "p.json", "p.yaml.bak2", "p"])
def test_an_entry_saved_under_another_extension_is_reported(data, name):
    problem = the_problem(data, f"platforms/{name}", PLATFORM)
    assert problem.path.endswith(f"platforms/{name}") and ".yaml" in problem.message


@pytest.mark.parametrize("name", ["README.md", "p.yaml~", "#p.yaml#", ".p.yaml.swp", "4913"])
def test_notes_and_what_editors_leave_beside_entries_are_left_alone(data, name):
    data.write("platforms/p.yaml", PLATFORM)
    (data.root / "platforms" / name).write_text("x", encoding="utf-8")
    assert load_catalog(data.root).problems == []


def test_a_file_name_too_long_for_an_id_is_named_on_its_first_line(data):
    problem = the_problem(data, f"platforms/{'x' * 150}.yaml", "# a comment first\n" + PLATFORM)
    assert problem.line == 1 and "过长" in problem.message


def test_a_data_path_that_is_a_file_says_so(data):
    entry = data.write("platforms/p.yaml", PLATFORM)
    run = run_cli("validate", str(entry))
    assert run.returncode == 1 and "不是目录" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_problems_in_files_with_other_line_endings_name_the_right_line(data, newline):
    text = PLATFORM + "bogus: 1\n"
    path = data.write("platforms/p.yaml", text)
    path.write_bytes(("\ufeff" + path.read_text(encoding="utf-8")).replace("\n", newline).encode("utf-8"))
    problem = load_catalog(data.root).problems
    assert [(p.line, "bogus" in p.message) for p in problem] == [(6, True)]


# --- addresses that pass for others ------------------------------------------------------------

@pytest.mark.parametrize("url, what", [
    ("https://www.exаmple-mooc.cn", "U+0430"),           # Cyrillic а
    ("https://ｗｗｗ.example-mooc.cn", "U+FF57"),          # fullwidth w
    ("https://www．example-mooc.cn", "U+FF0E"),           # fullwidth full stop
    ("https://www.example\u200b-mooc.cn", "U+200B"),      # zero-width space
    ("https://www.example-mooc.cn/\u202egpj.exe", "U+202E"),  # reads as .../exe.jpg
    ("https://www.example-mooc.cn:99999/", "端口"),
    ("'https://[zz/'", "方括号"),
])
def test_addresses_that_pass_for_others_or_cannot_be_read_are_refused(data, url, what):
    problem = the_problem(data, "platforms/p.yaml", PLATFORM.replace("https://www.example-mooc.cn", url))
    assert problem.line == 3 and what in problem.message
    assert "\u200b" not in problem.render() and "\u202e" not in problem.render()


def test_a_chinese_domain_name_is_accepted(data):
    assert problems_of(data, "platforms/p.yaml", PLATFORM.replace("https://www.example-mooc.cn", "http://教育部.中国")) == []


# --- text that reads as what it is not ---------------------------------------------------------

def test_a_bidirectional_override_in_prose_is_refused(data):
    # On a page, "请拨打 \u202e0190-8998-004" reads as "请拨打 400-8998-0910".
    problem = the_problem(data, "platforms/p.yaml", PLATFORM + 'description: "请拨打 \\u202e0190-8998-004"\n')
    assert problem.line == 6 and "U+202E" in problem.message


@pytest.mark.parametrize("char", ["\u3164", "\u2800", "\u00ad", "\U000e0041", "\ufdd0"])
def test_invisible_characters_in_a_name_are_refused(data, char):
    escaped = f"\\U{ord(char):08x}"
    problem = the_problem(data, "platforms/p.yaml", PLATFORM.replace("name: 测试平台", f'name: "测试{escaped}平台"'))
    assert problem.line == 1 and f"U+{ord(char):04X}" in problem.message


def test_a_message_quoting_a_zero_width_character_shows_it(data):
    problem = the_problem(data, "platforms/p.yaml", PLATFORM + 'contacts:\n  - {unit: 客服, phones: ["0371-6969\\u200b1767"],'
                                                            ' as_of: 2020-02-01, sources: [moe-2020-2]}\n')
    assert "\\u200b" in problem.render() and "\u200b" not in problem.render()


ZALGO = '"测试' + "\\u0301" * 12 + '"'


@pytest.mark.parametrize("line", [f"aliases: [{ZALGO}]", f"description: {ZALGO}"])
def test_combining_marks_stacked_over_the_lines_around_are_refused(data, line):
    problem = the_problem(data, "platforms/p.yaml", PLATFORM + line + "\n")
    assert problem.line == 6 and "组合符号" in problem.message


def test_an_accent_or_two_is_fine(data):
    assert problems_of(data, "platforms/p.yaml", PLATFORM + 'description: "Universite\\u0301 \\u1ec7"\n') == []


# --- numbers YAML 1.1 reads in surprising bases ------------------------------------------------

def test_a_phone_number_with_only_low_digits_keeps_its_digits(data):
    # 02145674567 (Shanghai, 021) is an octal number to YAML 1.1: 295139703.
    data.write("platforms/p.yaml", PLATFORM + "contacts:\n  - {unit: 客服, phones: [02145674567], as_of: 2020-02-01,"
                                              " sources: [moe-2020-2]}\n")
    result = load_catalog(data.root)
    assert result.problems == []
    assert result.catalog.platforms["p"].contacts[0].phones == ["02145674567"]


def test_a_time_in_a_note_stays_the_time_written(data):
    data.write("platforms/p.yaml", PLATFORM + "note: 10:30\n")  # base 60 to YAML 1.1: 630
    result = load_catalog(data.root)
    assert result.problems == [] and result.catalog.platforms["p"].note == "10:30"


def test_a_count_written_with_a_leading_zero_is_read_in_base_ten(data):
    data.write("platforms/p.yaml", PLATFORM + "counts:\n  - {what: 课程, value: 010, as_of: 2020-02-01,"
                                              " sources: [moe-2020-2]}\n")  # octal to YAML 1.1: 8
    result = load_catalog(data.root)
    assert result.problems == [] and result.catalog.platforms["p"].counts[0].value == 10


@pytest.mark.parametrize("value, read", [("no", "布尔值"), ("12306", "数字 12306"), ("2020-02-04", "日期 2020-02-04"),
                                         ("[a, b]", "列表")])
def test_text_that_yaml_reads_as_something_else_is_named_for_what_it_became(data, value, read):
    problem = the_problem(data, "platforms/p.yaml", PLATFORM.replace("name: 测试平台", f"name: {value}"))
    assert problem.line == 1 and read in problem.message and "非空" not in problem.message


def test_an_unknown_key_is_named_as_written(data):
    problem = the_problem(data, "platforms/p.yaml", PLATFORM + "yes: 1\n")
    assert problem.line == 6 and "'yes'" in problem.message
