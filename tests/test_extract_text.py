"""Normalising a notice's text: widths, reposts' spacing, and line breaks inside numbers and addresses."""

from __future__ import annotations

import pytest

from catalog_scrapers.notices.recognise.patterns import find_tokens
from catalog_scrapers.notices.document import NoticeError
from catalog_scrapers.notices.normalize import normalize
from catalog_scrapers.notices.readers import decode_notice
from catalog_scrapers.notices.readers.html import html_to_text
from catalog_scrapers.notices.readers.text import plain_text


def tokens(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.value) for t in find_tokens(normalize(plain_text(text)).text)]


@pytest.mark.parametrize("written, url", [
    ("网址：https：//www.mosoteach.cn；", "https://www.mosoteach.cn"),
    ("网址：ｈｔｔｐ：／／ｗｗｗ．ｉｃｖｅ．ｃｏｍ．ｃｎ。", "http://www.icve.com.cn"),
    ("网址：www。hner。cn。", "www.hner.cn"),
    ("https：//help.icve.com.cn/jjxx？from=singlemessage&isappinstalled=0",
     "https://help.icve.com.cn/jjxx?from=singlemessage&isappinstalled=0"),
])
def test_urls_in_any_width(written, url):
    assert ("url", url) in tokens(written)


@pytest.mark.parametrize("written", [
    "电话：0371-6969\n1767，", "电话：0371-\n69691767，", "电话：03\n71-69691767，",
])
def test_phone_broken_across_lines_is_joined(written):
    assert tokens(written) == [("phone", "0371-69691767")]


def test_list_number_after_a_phone_is_not_joined_to_it():
    assert tokens("手机：15901156289\n2。智慧职教") == [("phone", "15901156289")]


@pytest.mark.parametrize("written", [
    "网址：http://www.icve.co\nm.cn；", "网址：http://www.\nicve.com.cn；", "网址：http\n://www.icve.com.cn；",
    "网址：http://www.icve.com\n.cn；", "网址：http://ww\nw.icve.co\nm.cn；", "网址：http:\n//www.icve.com.cn；",
])
def test_url_broken_across_lines_is_joined(written):
    assert tokens(written) == [("url", "http://www.icve.com.cn")]


def test_url_is_not_joined_to_the_next_line_when_that_is_a_word_or_another_url():
    assert tokens("网址：http://www.a.cn\nAPP应用：见官网") == [("url", "http://www.a.cn")]
    assert tokens("http://www.a.cn\nhttp://www.b.cn") == [("url", "http://www.a.cn"), ("url", "http://www.b.cn")]


def test_email_broken_at_and_before_its_at_sign():
    assert tokens("邮箱：gaojs-jxtj\n@moe.edu.cn") == [("email", "gaojs-jxtj@moe.edu.cn")]
    assert tokens("邮箱：hnzhich\nengjiao@163.com") == [("email", "hnzhichengjiao@163.com")]


def test_email_is_not_a_qq_number_and_qq_labels_are_told_apart():
    assert tokens("402135539@qq.com，QQ：369651870，QQ群：806766200，QQ工作群：995148077") == [
        ("email", "402135539@qq.com"), ("qq", "369651870"), ("qq_group", "806766200"), ("qq_group", "995148077")]


def test_wechat_accounts_latin_or_chinese():
    assert tokens("学堂在线微信公众号xuetangx；微信公众号：河南教育资源公共服务平台。") == [
        ("wechat", "xuetangx"), ("wechat", "河南教育资源公共服务平台")]


def test_repost_spaces_become_paragraphs_and_lines_are_kept():
    notice = normalize(plain_text("标题\n\u3000\u3000第一段。\u3000\u3000联系人：张三"))
    assert notice.text == "标题\n\n\n第一段。\n\n联系人:张三"
    assert notice.lines[notice.text.index("张")] == 2


WRAPPED = ("关于做好疫情防控期间普通高等学校在线教学组织与管理工作的通知\n各高等学校：\n"
           "为贯彻落实习近平总书记关于坚决打赢疫情防控阻击战的重要指示精\n"
           "神，现就疫情防控期间高等学校在线教学组织与管理提出如下指导意\n"
           "见。各高校应充分利用上线的慕课和省、校两级优质在线课程教学资\n源。\n"
           "河南省教育厅新型冠状病毒感染\n的肺炎疫情防控工作领导小组\n")


def test_hard_wrapped_lines_are_joined_where_the_text_looks_wrapped():
    lines = normalize(plain_text(WRAPPED)).text.split("\n")
    assert "为贯彻落实习近平总书记关于坚决打赢疫情防控阻击战的重要指示精神，现就疫情防控期间高等学校" \
           "在线教学组织与管理提出如下指导意见。各高校应充分利用上线的慕课和省、校两级优质在线课程教学资源。" \
        .replace("，", ",") in lines


def test_titles_addressees_and_short_lines_keep_their_breaks():
    lines = normalize(plain_text(WRAPPED)).text.split("\n")
    assert lines[:2] == ["关于做好疫情防控期间普通高等学校在线教学组织与管理工作的通知", "各高等学校:"]
    assert "河南省教育厅新型冠状病毒感染" in lines  # a signature line is short: not a wrapped line
    assert normalize(plain_text("实施意见\n一、总体要求")).text == "实施意见\n一、总体要求"


def test_pinyin_glosses_are_removed():
    text = normalize(plain_text("教育部辦公廳 工業(yè)和信息化部辦公廳關(guān)于中小學(xué)延期開學(xué)的通知")).text
    assert text == "教育部辦公廳 工業和信息化部辦公廳關于中小學延期開學的通知"
    assert normalize(plain_text("联系人(张三)")).text == "联系人(张三)"


def test_html_entities_breaks_and_scripts():
    notice = normalize(html_to_text(
        "<html><head><script>var t='13800000000';</script></head><body>"
        "<p>网址&#65306;http://a.cn/?x=1&amp;y=2</p><p>电话：0371-6969<br>1767</p></body></html>"))
    assert "13800000000" not in notice.text
    assert [(t.kind, t.value) for t in find_tokens(notice.text)] == [
        ("url", "http://a.cn/?x=1&y=2"), ("phone", "0371-69691767")]


def test_decoding():
    text = "联系人：张三"
    assert decode_notice(text.encode("utf-8-sig"), "n.txt") == text
    assert decode_notice(text.encode("gb18030"), "n.txt") == text
    assert decode_notice(text.encode("utf-16"), "n.txt") == text
    with pytest.raises(NoticeError, match="n.txt"):
        decode_notice(b"\x89PNG\r\n\x1a\n\x00\x00", "n.txt")
