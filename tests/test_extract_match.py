"""Matching a notice's platforms against the catalog by name, alias and address together."""

from __future__ import annotations

import yaml

from conftest import run_cli

PLATFORM = """\
name: {name}
aliases: [{alias}]
kind: mooc-platform
urls:
  - {url}
  - url: https://www.shared-portal.cn
    shared: 两个平台共用的门户页
levels: [undergraduate]
sources: [moe-2020-2]
"""


def catalog_with_two_platforms(data):
    data.write("platforms/jia.yaml", PLATFORM.format(name="甲课堂", alias="甲慕课", url="https://www.jia-mooc.cn"))
    data.write("platforms/yi.yaml", PLATFORM.format(name="乙课堂", alias="乙在线", url="https://www.yi-online.cn"))


def extract(data, tmp_path, body: str) -> list[tuple[str, str]]:
    notice = tmp_path / "notice.txt"
    notice.write_text("关于开放在线课程平台的通知\n\n各高校:\n\n" + body + "\n\n教育厅\n2020年2月5日\n", encoding="utf-8")
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    return result.stdout


def documents(text: str) -> list[str]:
    return text.split("\n--- ")[1:]


def test_a_name_beside_another_entrys_address_is_pointed_out(data, tmp_path):
    catalog_with_two_platforms(data)
    out = extract(data, tmp_path, "1.乙课堂平台网址:https://www.jia-mooc.cn;联系人:王明,手机:13812345678。")
    (document,) = [d for d in documents(out) if d.startswith("# platforms/")]
    assert document.startswith("# platforms/yi.yaml")  # the name decides
    assert "platforms/jia.yaml" in document and "名称却与“乙课堂”相符" in document
    assert "https://www.jia-mooc.cn" in document  # not dropped as known: it is known for another entry


def test_an_address_alone_with_another_name_is_not_nothing_new(data, tmp_path):
    catalog_with_two_platforms(data)
    out = extract(data, tmp_path, "1.丙平台网址:https://www.jia-mooc.cn")
    (document,) = [d for d in documents(out) if d.startswith("# platforms/")]
    assert document.startswith("# platforms/jia.yaml")
    assert "只凭网址" in document and "无新内容 (nothing new)" not in document


def test_a_shared_address_does_not_identify_a_platform(data, tmp_path):
    catalog_with_two_platforms(data)
    out = extract(data, tmp_path, "1.丁平台网址:https://www.shared-portal.cn")
    (document,) = [d for d in documents(out) if d.startswith("# platforms/")]
    assert "NEW" in document.splitlines()[0]
    assert "shared" in document and "两个平台共用的门户页" in document


def test_a_traditional_name_matches_the_catalog_entry(data, tmp_path):
    catalog_with_two_platforms(data)
    out = extract(data, tmp_path, "1.乙在線平台網址:https://www.yi-online.cn;聯繫人:王明,手機:13812345678。")
    (document,) = [d for d in documents(out) if d.startswith("# platforms/")]
    assert document.startswith("# platforms/yi.yaml")
    assert "注意" not in document
    body = yaml.safe_load(document.split("\n", 1)[1])
    assert body["contacts"][0]["name"] == "王明"
