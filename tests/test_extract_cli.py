"""`python -m catalog extract` as a maintainer runs it: good notices, bad files, output files."""

from __future__ import annotations

import yaml

from conftest import run_cli

NOTICE = """教育部办公厅文件

教高厅〔2020〕9号

关于某某平台免费开放的通知

1。示例慕课平台。免费提供 1200 余门在线课程，免费使用期限为2020年春季学期。

2。示例慕课平台网址：https：//www.example-mooc.cn；河南区域负责人：张三，手机号码：13800138000；服务QQ群：123456789。

联系人：教育部高等教育司 李四，电话：010-66096925，电子邮箱：lisi@example.cn。

教育部办公厅
2020年2月4日
"""


def test_prints_valid_yaml_with_sources_of_every_value(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    documents = list(yaml.safe_load_all(result.stdout))
    platform = next(d for d in documents if d.get("name") == "示例慕课")
    assert platform["urls"] == ["https://www.example-mooc.cn"]
    assert platform["counts"][0]["value"] == 1200 and platform["counts"][0]["qualifier"] == "more-than"
    assert platform["free_periods"][0]["label"] == "2020年春季学期"
    person = next(c for c in platform["contacts"] if c.get("name") == "张三")
    assert person["phones"] == ["13800138000"] and person["regions"] == ["henan"]
    assert any(c.get("qq_groups") == ["123456789"] for c in platform["contacts"])
    for line in result.stdout.splitlines():
        if "13800138000" in line or "example-mooc" in line and not line.startswith("---"):
            assert "# L" in line, f"每个值都要注明出处 (each value says where it came from): {line}"
    assert "L9:" in result.stdout  # the line of the platform's URL in the notice


def test_the_catalog_source_is_recognised_by_its_number(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE.replace("教高厅〔2020〕9号", "教高厅〔2020〕2号"), encoding="utf-8")
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    assert "--- # sources/moe-2020-2.yaml  UPDATE" in result.stdout
    assert 'sources: ["moe-2020-2"]' in result.stdout


def test_a_known_platform_is_an_update_listing_only_what_is_new(data, tmp_path):
    data.write("platforms/example.yaml", """\
        name: 示例慕课
        kind: mooc-platform
        urls: [https://www.example-mooc.cn]
        contacts:
          - name: 张三
            phones: ["13800138000"]
            as_of: 2020-02-04
            sources: [moe-2020-2]
        sources: [moe-2020-2]
    """)
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    result = run_cli("extract", str(notice), "--source", "moe-2020-2", "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    assert "--- # platforms/example.yaml  UPDATE" in result.stdout
    assert "NEW" not in result.stdout.split("platforms/", 1)[1].split("\n", 1)[0]
    update = yaml.safe_load(result.stdout.split("--- # platforms/example.yaml", 1)[1].split("\n", 1)[1])
    assert "urls" not in update
    assert [c.get("phones", []) for c in update["contacts"]] == [[]]  # 张三 is known: not listed again
    assert update["contacts"][0]["qq_groups"] == ["123456789"]  # the QQ group is new


def test_output_file_is_written_whole(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = run_cli("extract", str(notice), "--data-dir", str(data.root), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert list(yaml.safe_load_all(out.read_text(encoding="utf-8")))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_gb18030_notice_is_read(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_bytes(NOTICE.encode("gb18030"))
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    assert "13800138000" in result.stdout


def _fails_clearly(result, name: str) -> None:
    assert result.returncode != 0
    assert name in result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert result.stdout == ""


def test_missing_notice(data, tmp_path):
    _fails_clearly(run_cli("extract", str(tmp_path / "nope.txt"), "--data-dir", str(data.root)), "nope.txt")


def test_directory_instead_of_notice(data, tmp_path):
    _fails_clearly(run_cli("extract", str(tmp_path), "--data-dir", str(data.root)), str(tmp_path))


def test_binary_notice(data, tmp_path):
    notice = tmp_path / "scan.pdf"
    notice.write_bytes(b"%PDF-1.4\n\x00\x01\x02binary\xff\xfe")
    _fails_clearly(run_cli("extract", str(notice), "--data-dir", str(data.root)), "scan.pdf")


def test_text_in_no_known_encoding(data, tmp_path):
    notice = tmp_path / "broken.txt"
    notice.write_bytes("联系人：张三\n".encode("utf-8") + b"\x81\x20\xff\xfe\x80 tail\n")
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    _fails_clearly(result, "broken.txt")
    assert "GB18030" in result.stderr


def test_empty_notice(data, tmp_path):
    notice = tmp_path / "empty.txt"
    notice.write_text(" \n\n", encoding="utf-8")
    _fails_clearly(run_cli("extract", str(notice), "--data-dir", str(data.root)), "empty.txt")


def test_missing_data_folder(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    _fails_clearly(run_cli("extract", str(notice), "--data-dir", str(tmp_path / "no-data")), "no-data")


def test_unwritable_output_leaves_nothing(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "missing-folder" / "draft.yaml"
    result = run_cli("extract", str(notice), "--data-dir", str(data.root), "-o", str(out))
    _fails_clearly(result, "draft.yaml")
    assert not out.parent.exists()


def test_a_provincial_notice_proposes_its_region_marked_unsure(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE.replace("教育部办公厅\n2020年2月4日", "河北省教育厅\n2020年2月4日"), encoding="utf-8")
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    documents = list(yaml.safe_load_all(result.stdout))
    lisi = next(c for d in documents for c in d.get("contacts") or [] if c.get("name") == "李四")
    assert lisi["regions"] == ["hebei"]
    line = next(line for line in result.stdout.splitlines() if '"hebei"' in line)
    assert "待核实 (unsure)" in line
    zhang = next(c for d in documents for c in d.get("contacts") or [] if c.get("name") == "张三")
    assert zhang["regions"] == ["henan"]  # written in the role: kept, not replaced


def test_a_source_id_with_another_document_number_is_pointed_out(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")  # 教高厅〔2020〕9号, while moe-2020-2 is 〔2020〕2号
    result = run_cli("extract", str(notice), "--source", "moe-2020-2", "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    assert "教高厅〔2020〕2号" in result.stdout and "教高厅〔2020〕9号" in result.stdout
    assert "注意 (note)" in result.stdout


def test_contact_table_in_a_gbk_web_page(data, tmp_path):
    page = ("<html><head><meta charset=\"gbk\"></head><body><p>豫教疫防办〔2020〕5号</p><p>联系人：</p>"
            "<table><tr><th>处室</th><th>姓名</th><th>电话</th><th>邮箱</th></tr>"
            "<tr><td>科技处</td><td>麦世奎</td><td>0371-69691767</td><td>msk@haedu.gov.cn</td></tr>"
            "<tr><td>基教处</td><td>王丽霞</td><td>0371-69691012</td><td>wlx@haedu.gov.cn</td></tr>"
            "</table><p>河南省教育厅</p><p>2020年2月1日</p></body></html>")
    notice = tmp_path / "notice.html"
    notice.write_bytes(page.encode("gbk"))
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    source = next(yaml.safe_load_all(result.stdout))
    rows = [(c.get("unit"), c.get("name"), c.get("phones"), c.get("emails"), c.get("role"))
            for c in source["contacts"]]
    assert rows == [("科技处", "麦世奎", ["0371-69691767"], ["msk@haedu.gov.cn"], None),
                    ("基教处", "王丽霞", ["0371-69691012"], ["wlx@haedu.gov.cn"], None)]
    assert source["issuers"] == ["河南省教育厅"]


def test_free_period_labels_are_kept_as_written(data, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE.replace("免费使用期限为2020年春季学期", "平台免费开放至2020年6月30日"),
                      encoding="utf-8")
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    platform = next(d for d in yaml.safe_load_all(result.stdout) if d.get("name") == "示例慕课")
    assert [p["label"] for p in platform["free_periods"]] == ["至2020年6月30日"]
    assert platform["free_periods"][0]["start"] == "FILL-ME"  # a reading of dates is the maintainer's
