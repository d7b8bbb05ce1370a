"""The recognisers on the ways real notices write things: labels, scripts, dates, numbers, addresses."""

from __future__ import annotations

import datetime as dt

from catalog_scrapers.notices.readers import read_notice
from catalog_scrapers.notices.recognise.platforms import NoticeExtractor

PLATFORMS = """关于推荐在线教学平台的通知
各高校：
1.甲课堂平台网址为http://www.jia-mooc.cn，联系人：王明，电话：（0371）65905189。
2.乙在线平台，网站：https://www.yi-online.cn/ 联系人李华 13912345678
3.丙学堂平台（登录地址：http://bing.edu.cn），QQ群：123456789
4.操作说明参照网页：https://help.example.cn/guide
5.丁慕课平台网址是 http://www.ding.com.cn ；技术支持 张强 0371-6969 1767 ，邮箱 ding@ding.com.cn
河南省教育厅
2020年2月3日
"""


def extract(tmp_path, text: str, name: str = "notice.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return NoticeExtractor(read_notice(path)).extract()


def people(platform):
    return [(c.name.value if c.name else None, sorted(v.value for v in c.values())) for c in platform.contacts]


def test_the_words_that_introduce_an_address_are_no_names(tmp_path):
    draft = extract(tmp_path, PLATFORMS)
    assert {p.name.value: [link.url.value for link in p.urls] for p in draft.platforms} == {
        "甲课堂": ["http://www.jia-mooc.cn"], "乙在线": ["https://www.yi-online.cn/"],
        "丙学堂": ["http://bing.edu.cn"], "丁慕课": ["http://www.ding.com.cn"]}
    assert [link.url.value for link in draft.links] == ["https://help.example.cn/guide"]  # a how-to page


def test_each_platform_keeps_its_own_people_and_numbers_in_any_form(tmp_path):
    platforms = {p.name.value: p for p in extract(tmp_path, PLATFORMS).platforms}
    assert people(platforms["甲课堂"]) == [("王明", ["(0371)65905189"])]
    assert people(platforms["乙在线"]) == [("李华", ["13912345678"])]
    assert people(platforms["丁慕课"]) == [("张强", ["0371-6969 1767", "ding@ding.com.cn"])]


TRADITIONAL = """教育部辦公廳 工業(yè)和信息化部辦公廳關(guān)于中小學(xué)延期開學(xué)期間有關(guān)工作安排的通知
教基廳函〔2020〕3號
各省、自治區(qū)、直轄市教育廳(教委):
一、國(guó)家中小學網絡雲平臺(tái)網址:http://www.eduyun.cn;聯繫人:王明,電話:010-66096925,電子信箱:wangming@moe.edu.cn。
"""


def test_traditional_labels_and_pinyin_glosses(tmp_path):
    draft = extract(tmp_path, TRADITIONAL)
    # spaces between characters are layout; the issuers before 关于 are still told apart by them
    assert draft.source.title.value == "教育部辦公廳工業和信息化部辦公廳關于中小學延期開學期間有關工作安排的通知"
    assert draft.source.number.value == "教基廳函〔2020〕3號"  # as published
    assert [i.value for i in draft.source.issuers] == ["教育部辦公廳", "工業和信息化部辦公廳"]
    (platform,) = draft.platforms
    assert platform.name.value == "國家中小學網絡雲平臺"  # glosses removed, characters as published
    assert people(platform) == [("王明", ["010-66096925", "wangming@moe.edu.cn"])]


def test_dates_in_every_calendar_and_numbers_of_every_issuer(tmp_path):
    letter = ("彰化縣政府 函\n承辦人:鄭瑩慈\n電話:(04)7531861\n發文日期:中華民國110年5月26日\n"
              "發文字號:府教學字第1100190414號\n主旨:有關學生居家線上學習一案,請查照。\n說明:依據臺教國署國字第1100065124號函辦理。\n")
    draft = extract(tmp_path, letter)
    assert draft.source.issued.value == dt.date(2021, 5, 26)
    assert draft.source.number.value == "府教學字第1100190414號"
    assert draft.source.title.value == "有關學生居家線上學習一案,請查照。"
    assert [i.value for i in draft.source.issuers] == ["彰化縣政府"]
    signed = extract(tmp_path, "豫政办发[2020]3号\n各市:\n现将有关事项通知如下，请遵照执行。\n\n海洋学院\n\n2020-02-06\n")
    assert signed.source.number.value == "豫政办发[2020]3号"
    assert signed.source.issued.value == dt.date(2020, 2, 6)
    assert [i.value for i in signed.source.issuers] == ["海洋学院"]


def test_a_cut_off_or_glued_address_is_flagged(tmp_path):
    draft = extract(tmp_path, "1.甲课堂平台网址:http://www.jia-mooc.cn2020年2月\n2.乙课堂平台网址:http://www.yi.cn/a?b=")
    flagged = {link.url.value: link.url.unsure for p in draft.platforms for link in p.urls}
    assert all(flagged.values()) and "不完整" in next(iter(flagged.values()))
    clean = extract(tmp_path, "1.甲课堂平台网址:http://www.jia-mooc.cn ,联系人:王明\n")
    assert [link.url.unsure for p in clean.platforms for link in p.urls] == [None]


def test_a_title_keeps_its_line_and_the_addressees_theirs(tmp_path):
    text = ("关于做好疫情防控期间普通高等学校在线教学组织与管理工作的通知\n各高等学校：\n"
            "为贯彻落实习近平总书记关于坚决打赢疫情防控阻击战的重要指示精神，现就有关事项通知如下。\n")
    assert extract(tmp_path, text).source.title.value == "关于做好疫情防控期间普通高等学校在线教学组织与管理工作的通知"


BRACKETS = """關於推薦線上教學平臺的通知
各高校：
一、智慧樹平臺（網址：www.zhihuishu.com），聯繫人：李海明（13939909533）、卓翠翠（13383858740）。
二、可登錄「學堂在線」（https://www.xuetangx.com）選課，客服電話：400-8980-910。
附件：平台使用指南（见https://help.example.cn）
"""


def test_names_before_bracketed_addresses_and_people_with_bracketed_numbers(tmp_path):
    draft = extract(tmp_path, BRACKETS)
    platforms = {p.name.value: p for p in draft.platforms}
    assert set(platforms) == {"智慧樹", "學堂在線"}  # as published, in traditional characters
    assert people(platforms["智慧樹"]) == [("李海明", ["13939909533"]), ("卓翠翠", ["13383858740"])]
    assert [link.url.value for link in platforms["學堂在線"].urls] == ["https://www.xuetangx.com"]
    assert [link.url.value for link in draft.links] == ["https://help.example.cn"]
