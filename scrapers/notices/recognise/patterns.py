"""Patterns for the values a notice gives, over normalised text (half-width punctuation).

`find_tokens` finds every URL, e-mail address, phone number, QQ number, QQ group and WeChat
account, each once: what one pattern took is masked before the next runs, so an e-mail's QQ-like
local part is not also a QQ number and a URL's digits are not a phone number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.contactforms import phone_kind

HAN = r"\u4e00-\u9fff"

URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9@%&=?/.:_~#+-]+", re.IGNORECASE)
BARE_DOMAIN = re.compile(
    r"(?<![A-Za-z0-9@._/-])(?:[a-z0-9-]+\.)+(?:com\.cn|edu\.cn|gov\.cn|org\.cn|net\.cn|cn|com|net|org)"
    r"(?![A-Za-z0-9@-])(?:/[A-Za-z0-9@%&=?/.:_~#+-]*)?")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
QQ_GROUP = re.compile(r"(?:QQ\s*(?:工作|交流|服务|技术)?群|群号)\s*(?:号码|号)?\s*:?\s*([1-9]\d{4,11})(?!\d)")
QQ_NUMBER = re.compile(r"QQ(?!\s*(?:工作|交流|服务|技术)?群)\s*(?:号码|号)?\s*:?\s*([1-9]\d{4,11})(?!\d)")
WECHAT = re.compile(r"微信(?:公众号|号)\s*(?::\s*([^\s,;。:()]{2,30})|([A-Za-z][A-Za-z0-9_-]{3,29}))")
PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|[48]00-?\d{3,4}-?\d{3,4})(?!\d)")
# A local number listed after a landline with 、 (010-66096925、66097392): its area code is only implied.
LOCAL_NUMBER = re.compile(r"(?<=、)\d{7,8}(?!\d)")

_TRAILING_URL_PUNCT = ".:?&=#-_"


@dataclass
class Token:
    kind: str   # url, email, qq, qq_group, wechat, phone, local_phone
    value: str
    start: int  # start of the whole match, label included (QQ群:123 starts at Q)
    end: int
    value_start: int


def find_tokens(text: str) -> list[Token]:
    masked = list(text)
    tokens: list[Token] = []

    def take(kind: str, pattern: re.Pattern, group_of=lambda m: 0, clean=lambda v: v) -> None:
        for match in pattern.finditer("".join(masked)):
            group = group_of(match)
            value = clean(match.group(group))
            if not value:
                continue
            start, value_start = match.start(), match.start(group)
            end = value_start + len(value) if group == 0 else match.end()
            tokens.append(Token(kind, value, start, end, value_start))
            masked[start:end] = "\x00" * (end - start)

    take("url", URL, clean=_clean_url)
    take("email", EMAIL)
    take("url", BARE_DOMAIN, clean=_clean_url)
    take("qq_group", QQ_GROUP, lambda m: 1)
    take("qq", QQ_NUMBER, lambda m: 1)
    take("wechat", WECHAT, lambda m: 1 if m.group(1) else 2)
    take("phone", PHONE, clean=lambda v: v if phone_kind(v) else "")
    take("local_phone", LOCAL_NUMBER)
    tokens.sort(key=lambda t: t.start)
    return tokens


def _clean_url(value: str) -> str:
    value = value.rstrip(_TRAILING_URL_PUNCT)
    return value if "." in value else ""


# --- document facts ---------------------------------------------------------------------------

DOC_NUMBER = re.compile(rf"(?<![{HAN}])([{HAN}]{{1,10}})\s*[〔\[［(]\s*(\d{{4}})\s*[〕\]］)]\s*(\d{{1,4}})\s*号")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
STANDALONE_DATE = re.compile(r"^\s*[#*]*\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(\d{1,2}:\d{2})?\s*$")
PUBLIC_MARK = re.compile(r"此件(主动公开|不予?公开)")

# --- list structure ---------------------------------------------------------------------------

CN_NUMERAL = "一二三四五六七八九十"
LIST_MARKER = re.compile(
    rf"(?:^|(?<=[\s;。:,、*#]))"
    rf"(?P<marker>\(\s*[{CN_NUMERAL}]{{1,3}}\s*\)|[{CN_NUMERAL}]{{1,3}}、|\(\d{{1,2}}\)|\d{{1,2}} ?[。.、](?!\d))"
    # a number glued to the heading before it, as when a page's line breaks are lost: 主要资源1.开通
    rf"|(?<=[{HAN}])(?P<glued>\d{{1,2}}[。.、])(?=[{HAN}“])",
    re.MULTILINE)

# --- counts and free periods ------------------------------------------------------------------

COUNT = re.compile(
    rf"(?P<about>近|约|超过|逾)?\s*(?P<num>\d+(?:\.\d+)?)?\s*(?P<wan1>万)?\s*(?P<more>余|多)?\s*(?P<wan2>万)?\s*"
    rf"(?P<unit>门|个|条|道|节|种|集|份)(?P<what>[{HAN}A-Za-z]{{1,16}})")
NOT_OFFERINGS = ("专业大类", "学科门类", "门类", "大类", "系列", "专业类")
FREE_PERIOD = re.compile(
    r"免费使用期限为\s*(?P<a>[^,;。]{2,20})"
    r"|免费[^,;。]{0,24}?(?:使用|开通)\s*(?P<b>(?:\d{4}年)?(?:春季|秋季)?(?:一个|一)?学期)"
    r"|免费[^,;。]{0,12}?(?P<c>(?:至|到|截至|截止到?)\s*(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|疫情结束))")

# --- contacts ---------------------------------------------------------------------------------

VALUE_LABEL_TAIL = re.compile(
    r"(?:手机号码|手机号|手机|联系电话|电话号码|电话|座机|固话|电子邮箱|电子邮件|邮箱|E-?mail|Email)\s*:?\s*$",
    re.IGNORECASE)
NAME = re.compile(rf"^[{HAN}](?: ?[{HAN}]){{1,3}}$")
NOT_NAME_ENDINGS = "处馆部厅室司局组队群号台网院校会心站人务持理用学育管课"
UNIT_ENDINGS = ("处", "馆", "部", "厅", "室", "司", "局", "中心", "团队", "组", "站", "办")
ROLE_ENDINGS = ("负责人", "联系人", "联络人", "代表", "主管", "经理", "专员", "支持", "团队", "处", "馆", "部",
                "中心", "室", "组")
GENERIC_ROLES = ("联系人", "联系方式", "联系")
# The heading row of a contact table (处室 姓名 电话 邮箱) names nobody.
TABLE_HEADINGS = {"序号", "单位", "处室", "部门", "姓名", "联系人", "职务", "分工", "电话", "手机", "手机号码",
                  "联系电话", "办公电话", "邮箱", "电子邮箱", "QQ", "QQ号", "微信", "备注", "负责事项", "地区"}


def is_name(text: str) -> bool:
    return bool(NAME.match(text)) and text[-1] not in NOT_NAME_ENDINGS


def is_name_list(text: str) -> bool:
    parts = text.split("、")
    return len(parts) > 1 and all(is_name(part.strip()) for part in parts)
