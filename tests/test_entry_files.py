"""Which files are entries, and which id each gives: a pull request must not be able to replace an
entry by adding a file whose name only looks different, nor slip one past validation unseen."""

from __future__ import annotations

from catalog.loader import load_catalog
from conftest import PLATFORM, run_cli

IMPOSTOR = PLATFORM.replace("测试平台", "冒名平台").replace("www.example-mooc.cn", "evil.example.com")


def test_a_file_name_ending_in_a_newline_is_refused_and_the_real_entry_kept(data):
    data.write("platforms/zhihuishu.yaml", PLATFORM)
    data.write("platforms/zz/zhihuishu\n.yaml", IMPOSTOR)
    result = load_catalog(data.root)
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].path.endswith("zhihuishu\n.yaml")
    assert result.catalog.platforms["zhihuishu"].urls[0].url == "https://www.example-mooc.cn"
    done = run_cli("validate", str(data.root))
    assert done.returncode == 1
    assert "不能作 id" in done.stderr


def test_a_file_name_with_trailing_space_or_other_whitespace_gives_no_id(data):
    data.write("platforms/zhihuishu.yaml", PLATFORM)
    for name in ("zhihuishu .yaml", "zhihuishu\t.yaml", "zhihuishu\r.yaml", " zhihuishu.yaml",
                 "zhihuishu\u00a0.yaml", "zhihu\u0131shu.yaml", "zhihuishu\u200b.yaml"):
        data.write(f"platforms/{name}", IMPOSTOR)
    result = load_catalog(data.root)
    assert len(result.problems) == 7, result.problems
    assert all("不能作 id" in p.message for p in result.problems)
    assert result.catalog.platforms["zhihuishu"].name == "测试平台"


def test_two_files_giving_the_same_id_in_different_folders_are_an_error(data):
    data.write("platforms/zhihuishu.yaml", PLATFORM)
    data.write("platforms/more/zhihuishu.yaml", IMPOSTOR)
    found = load_catalog(data.root).problems
    assert len(found) == 1 and "重复" in found[0].message
    assert found[0].path.endswith("platforms/zhihuishu.yaml")  # sorted: the sub-folder's comes first


def test_the_same_id_under_two_kinds_or_two_extensions_is_an_error(data):
    data.write("platforms/zhihuishu.yaml", PLATFORM)
    data.write("resources/zhihuishu.yaml", IMPOSTOR.replace("mooc-platform", "course-collection"))
    data.write("platforms/xuetangx.yaml", PLATFORM.replace("www.example-mooc.cn", "www.example-x.cn")
               .replace("测试平台", "另一平台"))
    data.write("platforms/xuetangx.yml", IMPOSTOR)
    found = load_catalog(data.root).problems
    assert len(found) == 2, found
    assert all("重复" in p.message for p in found)


def test_an_upper_case_extension_is_refused_not_ignored(data):
    data.write("platforms/zhihuishu.YAML", PLATFORM)
    data.write("platforms/xuetangx.Yml", PLATFORM)
    found = load_catalog(data.root).problems
    assert len(found) == 2, found
    assert all("小写" in p.message and p.line == 1 for p in found)
    done = run_cli("validate", str(data.root))
    assert done.returncode == 1 and "zhihuishu.YAML:1:" in done.stderr


def test_a_folder_named_like_an_entry_is_not_read_as_one(data):
    (data.root / "platforms" / "odd.yaml").mkdir(parents=True)
    data.write("platforms/odd.yaml/inner.yaml", PLATFORM)
    result = load_catalog(data.root)
    assert result.problems == [] and set(result.catalog.platforms) == {"inner"}


def test_a_platform_naming_itself_as_its_successor_is_refused(data):
    data.write("platforms/p.yaml", PLATFORM + "successor: p\n")
    found = load_catalog(data.root).problems
    assert [(p.line, "自身" in p.message) for p in found] == [(6, True)]


def test_new_refuses_an_id_ending_in_a_newline(data):
    done = run_cli("new", "platform", "abc\n", "--data-dir", str(data.root))
    assert done.returncode != 0
    assert not any(p.name.startswith("abc") for p in (data.root / "platforms").glob("*")) \
        if (data.root / "platforms").exists() else True
