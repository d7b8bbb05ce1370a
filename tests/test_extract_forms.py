"""Notices in every form a maintainer receives: HTML tables, DOCX, XLSX and PDF attachments, broken files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from catalog_scrapers.notices.document import NoticeError
from catalog_scrapers.notices.readers import read_notice
from catalog_scrapers.notices.recognise.platforms import NoticeExtractor

from conftest import run_cli

CORPUS = Path(__file__).resolve().parent / "corpus"
HENAN_FORMS = ["html", "docx", "xlsx", "pdf"]
HENAN = {  # 豫教疫防办〔2020〕5号 附件1: each platform with its own people and numbers
    "中国大学MOOC": ({"段会青", "姬坤", "杨贺"}, {"15901156289", "18603828795", "18937659570"}),
    "智慧职教": ({"朱锐", "曹喆", "张鹏"}, {"15890195002", "15811460133", "15890196003"}),
    "学堂在线": ({"秦永振", "武航"}, {"17797768998", "13598802433"}),
    "超星尔雅及学银在线平台": ({"王凤超", "余鹏洋"}, {"18625589229", "13146428535"}),
    "智慧树": ({"李海明", "卓翠翠"}, {"13939909533", "13383858740"}),
    "蓝墨云班课": ({"胡伟", "袁玉强"}, {"18503895898", "18610319404"}),
    "优学院": ({"田苗", "蔚晓"}, {"13071010100", "18510803105"}),
}


def platforms_of(path: Path) -> dict[str, tuple[set, set]]:
    draft = NoticeExtractor(read_notice(path)).extract()
    return {p.name.value: ({c.name.value for c in p.contacts if c.name},
                           {v.value for c in p.contacts for v in c.phones}) for p in draft.platforms}


@pytest.mark.parametrize("form", HENAN_FORMS)
def test_the_henan_table_gives_seven_platforms_each_with_its_own_contacts(form):
    assert platforms_of(CORPUS / f"henan-platforms.{form}") == HENAN


def test_all_four_forms_agree_on_urls_and_service_groups():
    seen = []
    for form in HENAN_FORMS:
        draft = NoticeExtractor(read_notice(CORPUS / f"henan-platforms.{form}")).extract()
        seen.append({p.name.value: (sorted(link.url.value for link in p.urls),
                                    sorted(v.value for c in p.contacts for v in c.qq_groups))
                     for p in draft.platforms})
    assert all(s == seen[0] for s in seen)
    assert seen[0]["智慧职教"] == (["http://www.icve.com.cn"], ["806766200"])
    assert seen[0]["超星尔雅及学银在线平台"][0] == ["erya.mooc.chaoxing.com", "http://www.xueyinonline.com"]


@pytest.mark.parametrize("form, place", [("docx", "表1 第2行 第4列"), ("xlsx", "附件1!D6"),
                                         ("pdf", "第1页 表1 第2行 第4列")])
def test_values_from_attachments_say_where_they_stand(form, place):
    notice = read_notice(CORPUS / f"henan-platforms.{form}")
    assert notice.place_at(notice.text.index("段会青")) == place


def test_the_draft_quotes_a_cell_by_its_place(data, tmp_path):
    result = run_cli("extract", str(CORPUS / "henan-platforms.docx"), "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    assert "表1 第2行 第4列" in result.stdout


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, says", [
    ("broken.docx", _zip({"word/document.xml": b"<not xml"}), "DOCX"),
    ("broken.xlsx", _zip({"xl/workbook.xml": b"\x00\x01"}), "XLSX"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage", "PDF"),
    ("cut.docx", (CORPUS / "henan-platforms.docx").read_bytes()[:3000], "DOCX"),
    ("old.doc", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 600, "DOCX 或 XLSX"),
    ("photos.zip", _zip({"a.jpg": b"\xff\xd8"}), "不是 DOCX 或 XLSX"),
])
def test_a_damaged_or_unsupported_file_is_a_clear_error(data, tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NoticeError) as caught:
        read_notice(path)
    assert str(path) in str(caught.value) and says in str(caught.value)
    result = run_cli("extract", str(path), "--data-dir", str(data.root))
    assert result.returncode == 1
    assert name in result.stderr and "Traceback" not in result.stderr


def test_rows_under_a_merged_name_cell_belong_to_the_platform_above(data, tmp_path):
    page = ("<table><tr><th>平台名称</th><th>网址</th><th>联系人</th><th>电话</th></tr>"
            "<tr><td rowspan=2>甲课堂平台</td><td rowspan=2>https://www.jia-mooc.cn</td>"
            "<td>王明</td><td>13812345678</td></tr>"
            "<tr><td>李华</td><td>13912345678</td></tr>"
            "<tr><td>乙在线平台</td><td>https://www.yi-online.cn</td><td>张强</td><td>13712345678</td></tr></table>")
    path = tmp_path / "merged.html"
    path.write_text(page, encoding="utf-8")
    assert platforms_of(path) == {"甲课堂": ({"王明", "李华"}, {"13812345678", "13912345678"}),
                                  "乙在线": ({"张强"}, {"13712345678"})}


def test_an_xlsx_with_merged_name_cells(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["平台名称", "联系人", "手机"], ["甲课堂平台", "王明", "13812345678"], [None, "李华", "13912345678"]):
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "merged.xlsx")
    assert platforms_of(tmp_path / "merged.xlsx") == {"甲课堂": ({"王明", "李华"}, {"13812345678", "13912345678"})}


SPACED_TABLE = """关于推荐在线教学平台的通知
各高校：
序号  平台名称  网址  联系人  电话
1  智慧树  www.zhihuishu.com  李海明  13939909533
2  优学院  http://www.ulearning.cn  田苗  13071010100
河南省教育厅
2020年2月3日
"""
STACKED_TABLE = """附件1
序号
平台名称
网址
联系人及电话
1
智慧树平台
www.zhihuishu.com
李海明，13939909533；卓翠翠，13383858740
2
优学院平台
http://www.ulearning.cn
田苗，13071010100
"""


def test_a_table_that_reached_the_text_as_lines_is_read_row_by_row(tmp_path):
    for name, text in (("spaced.txt", SPACED_TABLE), ("stacked.txt", STACKED_TABLE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        found = platforms_of(path)
        assert set(found) == {"智慧树", "优学院"}, name
        assert found["优学院"] == ({"田苗"}, {"13071010100"}), name
        assert "李海明" in found["智慧树"][0], name
