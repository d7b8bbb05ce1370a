"""Each validation rule, shown with a file that breaks it: the message and the line it points at."""

from __future__ import annotations

from catalog.loader import load_catalog
from conftest import PLATFORM


def problems(data) -> list[tuple[str, int, str]]:
    result = load_catalog(data.root)
    return [(p.path.rsplit("/", 2)[-2] + "/" + p.path.rsplit("/", 1)[-1], p.line, p.message)
            for p in result.problems]


def only(data):
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_catalog_has_no_problems(data):
    data.write("platforms/ok.yaml", PLATFORM)
    result = load_catalog(data.root)
    assert result.problems == []
    assert result.catalog.platforms["ok"].name == "测试平台"
    assert "1 个平台" in result.catalog.summary()


def test_unknown_key_names_the_line_and_the_key_meant(data):
    data.write("platforms/p.yaml", PLATFORM + "descripton: 简介\n")
    path, line, message = only(data)
    assert (path, line) == ("platforms/p.yaml", 6)
    assert "descripton" in message and "'description'" in message


def test_unknown_key_inside_a_contact(data):
    data.write("platforms/p.yaml", PLATFORM + """\
contacts:
  - unit: 客服
    phone: ["400-8980-910"]
    as_of: 2020-02-01
    sources: [moe-2020-2]
""")
    path, line, message = only(data)
    assert line == 8 and "'phones'" in message


def test_unknown_taxonomy_id_is_an_error_with_a_suggestion(data):
    data.write("platforms/p.yaml", PLATFORM.replace("[undergraduate]", "[primary, undergradute]"))
    path, line, message = only(data)
    assert line == 4
    assert "undergradute" in message and "'undergraduate'" in message


def test_unknown_kind_and_discipline(data):
    data.write("platforms/p.yaml", PLATFORM.replace("mooc-platform", "mooc") + "disciplines: [ug-11]\n")
    found = problems(data)
    assert [(line, "mooc" in msg or "ug-11" in msg) for _, line, msg in found] == [(2, True), (6, True)]


def test_dates_must_be_real_dates(data):
    data.write("platforms/p.yaml", PLATFORM + """\
free_periods:
  - start: 2020-02-30
    end: 2020/07/31
    sources: [moe-2020-2]
""")
    found = problems(data)
    assert [line for _, line, _ in found] == [7, 8]
    assert all("YYYY-MM-DD" in message for _, _, message in found)


def test_urls_are_http_or_https_only(data):
    data.write("platforms/p.yaml", PLATFORM.replace(
        "urls: [https://www.example-mooc.cn]", "urls:\n  - https://ok.example.cn\n  - ftp://files.example.cn\n"
        "  - javascript:alert(1)"))
    found = problems(data)
    assert [line for _, line, _ in found] == [5, 6]
    assert all("http://" in message for _, _, message in found)


def test_phone_forms_are_checked_and_kept_as_written(data):
    data.write("platforms/p.yaml", PLATFORM + """\
contacts:
  - name: 张三
    phones: ["159 0115 6289", "0371-69691767", "(010)12345678", "400-8980-910", 15901156289]
    as_of: 2020-02-01
    sources: [moe-2020-2]
  - name: 李四
    phones:
      - "66319416"
      - "1234"
    as_of: 2020-02-01
    sources: [moe-2020-2]
""")
    found = problems(data)
    assert [line for _, line, _ in found] == [13, 14]
    assert "区号" in found[0][2] and "0371-66319416" in found[0][2]
    data.write("platforms/p.yaml", PLATFORM + """\
contacts:
  - name: 张三
    phones: ["159 0115 6289", 15901156289]
    as_of: 2020-02-01
    sources: [moe-2020-2]
""")
    catalog = load_catalog(data.root).catalog
    assert catalog.platforms["p"].contacts[0].phones == ["159 0115 6289", "15901156289"]
    assert catalog.platforms["p"].contacts[0].person is True


def test_qq_and_email(data):
    data.write("platforms/p.yaml", PLATFORM + """\
contacts:
  - unit: 服务群
    qq_groups: ["806766200", "8067 66200"]
    qq: [369651870]
    emails: [msk@haedu.gov.cn, "msk at haedu.gov.cn"]
    as_of: 2020-02-01
    sources: [moe-2020-2]
""")
    found = problems(data)
    assert [(line, key) for _, line, key in [(a, b, c.split(":")[0]) for a, b, c in found]] == [
        (8, "contacts.0.qq_groups.1"), (10, "contacts.0.emails.1")]


def test_status_facts_such_as_the_white_list(data):
    data.write("platforms/p.yaml", PLATFORM + """\
statuses:
  - status: whitelist
    label: 2023年度课程平台白名单
    since: 2023-01-01
    sources: [moe-2020-2]
  - status: greylist
    label: 不存在的名单
    since: 2023-01-01
    sources: [moe-2020-2]
""")
    path, line, message = only(data)
    assert line == 11 and "whitelist" in message
    data.write("platforms/p.yaml", PLATFORM + "statuses:\n  - {status: blacklist, label: 黑名单, since: 2023-01-01}\n")
    path, line, message = only(data)
    assert line == 7 and "sources" in message


def test_references_must_resolve(data):
    data.write("platforms/p.yaml", PLATFORM.replace("[moe-2020-2]", "[moe-2020-2, moe-2020-3]"))
    data.write("resources/r.yaml", """\
name: 国家精品在线开放课程
kind: course-collection
platforms: [p, icourse]
sources: [moe-2020-2]
""")
    found = problems(data)
    assert found[0][:2] == ("platforms/p.yaml", 5) and "moe-2020-3" in found[0][2]
    assert "'moe-2020-2'" in found[0][2]  # the suggestion
    assert found[1][:2] == ("resources/r.yaml", 3) and "icourse" in found[1][2]


def test_every_platform_contact_and_free_period_cites_a_source(data):
    data.write("platforms/p.yaml", """\
name: 测试平台
kind: mooc-platform
free_periods:
  - start: 2020-02-01
    sources: []
contacts:
  - unit: 客服
    as_of: 2020-02-01
""")
    found = problems(data)
    assert [(line, msg.split(":")[0]) for _, line, msg in found] == [
        (1, "sources"), (5, "free_periods.0.sources"), (7, "contacts.0.sources")]


def test_free_period_must_end_after_it_starts(data):
    data.write("platforms/p.yaml", PLATFORM + """\
free_periods:
  - start: 2020-07-31
    end: 2020-02-01
    label: 2020年春季学期
    sources: [moe-2020-2]
""")
    path, line, message = only(data)
    assert line == 8 and "早于" in message


def test_the_same_url_in_two_entries_needs_a_reason(data):
    data.write("platforms/a.yaml", PLATFORM)
    data.write("platforms/b.yaml", PLATFORM.replace("https://www.example-mooc.cn", "HTTP://WWW.Example-MOOC.cn:80/")
               .replace("测试平台", "平台乙"))
    path, line, message = only(data)
    assert (path, line) == ("platforms/b.yaml", 3) and "platform a" in message
    data.write("platforms/b.yaml", PLATFORM.replace(
        "urls: [https://www.example-mooc.cn]",
        "urls:\n  - url: https://www.example-mooc.cn/\n    shared: 两个平台共用一个入口").replace("测试平台", "平台乙"))
    assert problems(data) == []


def test_ids_are_file_names_and_unique(data):
    data.write("platforms/dup.yaml", PLATFORM)
    data.write("platforms/more/dup.yml", PLATFORM.replace("example-mooc", "other"))
    data.write("platforms/Bad_Name.yaml", PLATFORM.replace("example-mooc", "third"))
    data.write("platforms/with-id.yaml", "id: other\n" + PLATFORM.replace("example-mooc", "fourth"))
    found = problems(data)
    messages = {path: message for path, _, message in found}
    assert "重复" in messages["more/dup.yml"]
    assert "文件名" in messages["platforms/Bad_Name.yaml"]
    assert "文件名" in messages["platforms/with-id.yaml"]


def test_all_problems_are_reported_in_one_run(data):
    data.write("platforms/a.yaml", PLATFORM + "nmae: x\n")
    data.write("platforms/b.yaml", PLATFORM.replace("example-mooc", "b").replace("[undergraduate]", "[phd]"))
    data.write("resources/c.yaml", "name: [unclosed\n")
    found = problems(data)
    assert {path for path, _, _ in found} == {"platforms/a.yaml", "platforms/b.yaml", "resources/c.yaml"}


def test_file_outside_the_known_folders(data):
    data.write("platform/typo.yaml", PLATFORM)
    path, line, message = only(data)
    assert path == "platform/typo.yaml" and "platforms" in message


def test_a_number_is_not_read_as_a_date(data):
    data.write("platforms/p.yaml", PLATFORM + "launched: 20200217\n")
    path, line, message = only(data)
    assert line == 6 and "YYYY-MM-DD" in message


def test_an_open_ended_period_has_no_end(data):
    data.write("platforms/p.yaml", PLATFORM + """\
free_periods:
  - start: 2020-02-17
    end: 2020-07-31
    open_ended: true
    sources: [moe-2020-2]
contacts:
  - unit: 中职服务
    levels: [secondary-vocatonal]
    as_of: 2020-02-01
    sources: [moe-2020-2]
""")
    found = problems(data)
    assert [(line, key.split(":")[0]) for _, line, key in found] == [
        (9, "free_periods.0.open_ended"), (13, "contacts.0.levels.0")]


def test_names_the_site_uses_are_reserved(data):
    data.write("platforms/index.yaml", PLATFORM)
    path, line, message = only(data)
    assert path == "platforms/index.yaml" and "保留" in message
