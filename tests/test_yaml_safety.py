"""Entry files come by pull request: the loader refuses what could hurt, with the line, quickly."""

from __future__ import annotations

import time

import pytest

from catalog.loader import load_catalog
from catalog.yamlio import MAX_FILE_BYTES, YamlError, load_yaml_text


def single_problem(data, relative: str, content: str | bytes):
    path = data.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    found = load_catalog(data.root).problems
    assert len(found) == 1, found
    return found[0]


def test_python_tags_are_refused_and_nothing_runs(data, tmp_path):
    marker = tmp_path / "ran"
    problem = single_problem(data, "platforms/evil.yaml",
                             f"name: x\nkind: !!python/object/apply:os.system ['touch {marker}']\n")
    assert problem.line == 2 and "标签" in problem.message or "tag" in problem.message
    assert not marker.exists()


def test_custom_tags_are_refused(data):
    problem = single_problem(data, "platforms/tag.yaml", "name: !custom x\n")
    assert problem.line == 1


def test_alias_bomb_fails_fast(data):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous},"
                    f" *{previous}, *{previous}, *{previous}, *{previous}]")
    started = time.perf_counter()
    problem = single_problem(data, "platforms/bomb.yaml", "\n".join(bomb) + "\n")
    assert time.perf_counter() - started < 5
    assert "别名" in problem.message


def test_recursive_alias_is_refused():
    with pytest.raises(YamlError) as caught:
        load_yaml_text("a: &x\n  - *x\n")
    assert caught.value.line == 1  # the anchor's line: the composer does not keep the alias's


def test_duplicate_keys_name_both_lines(data):
    problem = single_problem(data, "platforms/dup.yaml", "name: a\nkind: mooc-platform\nname: b\n")
    assert problem.line == 3 and "重复" in problem.message and "第 1 行" in problem.message


def test_merge_keys_are_refused(data):
    problem = single_problem(data, "platforms/merge.yaml", "base: &b {name: a}\nx:\n  <<: *b\n")
    assert problem.line == 3


def test_non_utf8_is_refused_with_the_line(data):
    problem = single_problem(data, "platforms/gbk.yaml", "name: ok\n".encode() + "kind: 河南省教育厅\n".encode("gbk"))
    assert problem.line == 2 and "UTF-8" in problem.message


def test_oversized_files_are_refused(data):
    problem = single_problem(data, "platforms/big.yaml", "name: x\n" + "#" * MAX_FILE_BYTES)
    assert "过大" in problem.message


def test_syntax_errors_have_lines(data):
    problem = single_problem(data, "platforms/syntax.yaml", "name: ok\nkind: [a, b\nsources: []\n")
    assert problem.line in (3, 4) and "YAML" in problem.message


@pytest.mark.parametrize("content, expected", [
    ("", "键值映射"), ("- a\n- b\n", "键值映射"), ("just text\n", "键值映射"), ("? [a]\n: b\n", "键"),
])
def test_files_that_are_not_one_mapping(data, content, expected):
    problem = single_problem(data, "platforms/odd.yaml", content)
    assert expected in problem.message


def test_a_bom_is_accepted():
    loaded = load_yaml_text("\ufeffname: x\n".encode("utf-8").decode("utf-8-sig"))
    assert loaded.data == {"name": "x"}


def test_symbolic_links_are_not_followed(data, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: 机密\n", encoding="utf-8")
    (data.root / "platforms").mkdir()
    (data.root / "platforms" / "link.yaml").symlink_to(secret)
    (data.root / "resources").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "r.yaml").write_text("name: 机密\n", encoding="utf-8")
    (data.root / "resources" / "dir").symlink_to(tmp_path / "outside")
    found = load_catalog(data.root).problems
    assert found and all("符号链接" in p.message for p in found)
    assert all("机密" not in p.message for p in found)


@pytest.mark.parametrize("depth", [60, 100_000])
def test_deep_nesting_is_refused_with_its_file_and_line(data, depth):
    # Past libyaml's own limit the parser refuses first, in its own words; either way it is one
    # problem naming the file and line, never a crash.
    problem = single_problem(data, "platforms/deep.yaml", "kind: x\nname: " + "[" * depth + "]" * depth + "\n")
    assert problem.path.endswith("platforms/deep.yaml") and problem.line == 2


def test_nesting_past_our_bound_says_so(data):
    problem = single_problem(data, "platforms/deep.yaml", "name: " + "[" * 60 + "]" * 60 + "\n")
    assert "嵌套过深" in problem.message


@pytest.mark.parametrize("value", ["!!binary aGVsbG8=", "!!timestamp not-a-date", "!!python/name:os.system ''"])
def test_odd_explicit_tags_are_refused_with_the_line(data, value):
    problem = single_problem(data, "platforms/odd.yaml", f"name: ok\nkind: {value}\n")
    assert problem.line == 2
