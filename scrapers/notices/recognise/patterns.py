"""Patterns for the values a notice gives, over normalised text (half-width punctuation).

`find_tokens` finds every URL, e-mail address, phone number, QQ number, QQ group and WeChat
account, each once: what one pattern took is masked before the next runs, so an e-mail's QQ-like
local part is not also a QQ number and a URL's digits are not a phone number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.contactforms import phone_kind, split_extension

HAN = r"\u4e00-\u9fff"

# Every repetition is bounded and every pattern that could start inside a run of its own characters
# starts only at the run's beginning (a look-behind), so time follows the input's size, not its shape.
URL = re.compile(r"(?<![A-Za-z0-9.])(?:https?://|www\.)[A-Za-z0-9@%&=?/.:_~#+-]{1,2000}", re.IGNORECASE)
BARE_DOMAIN = re.compile(
    r"(?<![A-Za-z0-9@._/-])(?:[a-z0-9-]{1,63}\.){1,8}(?:com\.cn|edu\.cn|gov\.cn|org\.cn|net\.cn|cn|com|net|org)"
    r"(?![A-Za-z0-9@-])(?:/[A-Za-z0-9@%&=?/.:_~#+-]{0,2000})?")
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
                   r"\.[A-Za-z]{2,24}")
QQ_GROUP = re.compile(r"(?:QQ\s*(?:工作|交流|服务|技术)?群|群号)\s*(?:号码|号)?\s*[:(]?\s*([1-9]\d{4,11})(?!\d)")
# A word may stand between QQ and its number: QQ咨询号码:2727809557, QQ客服:….
QQ_NUMBER = re.compile(r"QQ(?!\s*(?:工作|交流|服务|技术)?群)\s*(?:咨询|客服|服务|联系|答疑)?\s*(?:号码|号)?\s*[:(]?\s*"
                       r"([1-9]\d{4,11})(?!\d)")
# The next number of a list after a QQ or QQ group: 图书馆QQ群(563945935、832423972、…).
LIST_NEXT = re.compile(r"\s?[、/]\s?([1-9]\d{4,11})(?!\d)")
WECHAT = re.compile(r"微信(?:公众号|号)\s*(?::\s*([^\s,;。:()]{2,30})|([A-Za-z][A-Za-z0-9_-]{3,29}))")
PHONE = re.compile(
    r"(?<![\d-])(?:"
    r"\(0\d{1,3}\) ?\d{3,4}[- ]?\d{3,4}"      # (0371)65905189, (02)7736-5669: a bracketed area code
    r"|0\d{1,3}[- ]?\d{3,4}[- ]?\d{4}"          # 0371-69691767, 0371 6969 1767, 04-22289111
    r"|1[3-9]\d[- ]?\d{4}[- ]?\d{4}"             # 15901156289, 159 0115 6289
    r"|[48]00-?\d{3,4}-?\d{3,4}"
    r"|\+?853[- ]?\d{4}[- ]?\d{4}"             # 853 2870 0800: Macau, its country code before 8 digits
    r")(?: ?(?:转|分机|ext\.?|#) ?\d{1,6})?(?!\d)")  # 07-7995678#3119: # before an extension
# A local number listed after a landline with 、 (010-66096925、66097392): its area code is only implied.
LOCAL_NUMBER = re.compile(r"(?:(?<=、)|(?<=/ )|(?<=/))(?:\d{7,8}|\d{4} \d{4})(?![\d/])")  # also 853 8396 9244 / 8396 9324
# A local number right after its label (或电话5668850咨询, 发热咨询专线33672885): a phone, its area code to be added.
LABELLED_LOCAL = re.compile(r"(?:电话|热线|专线|座机|固话)(?:号码|号)?\s?:?\s?([2-9]\d{6,7})(?!\d)")  # 热线号码:28380580

_TRAILING_URL_PUNCT = ".:?&=#-_"


@dataclass
class Token:
    kind: str   # url, email, qq, qq_group, wechat, phone, local_phone
    value: str
    start: int  # start of the whole match, label included (QQ群:123 starts at Q)
    end: int
    value_start: int
    warning: str | None = None  # why the value may be wrong (a cut-off URL, a phone of another form)


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of the text."""
    result, offset = [], 0
    for line in text.split("\n"):
        result.append((offset, line))
        offset += len(line) + 1
    return result


def find_tokens(text: str) -> list[Token]:
    masked = list(text)
    tokens: list[Token] = []

    def take(kind: str, pattern: re.Pattern, group_of=lambda m: 0, clean=lambda v: v, warn=lambda m, v: None,
             label_in_token: bool = True):
        for match in pattern.finditer("".join(masked)):
            group = group_of(match)
            value = clean(match.group(group))
            if not value:
                continue
            start, value_start = match.start(), match.start(group)
            if not label_in_token:  # the label stays text, read as a label like any other (服务电话:)
                start = value_start
            end = value_start + len(value) if group == 0 else match.end()
            tokens.append(Token(kind, value, start, end, value_start, warn(match, value)))
            masked[start:end] = "\x00" * (end - start)

    url_warning = lambda m, v: _url_warning(m.group(), v, text, m.end())
    take("url", URL, clean=_clean_url, warn=url_warning)
    take("email", EMAIL)
    take("url", BARE_DOMAIN, clean=_clean_url, warn=url_warning)
    take("qq_group", QQ_GROUP, lambda m: 1)
    take("qq", QQ_NUMBER, lambda m: 1)
    for listed in [t for t in tokens if t.kind in ("qq_group", "qq")]:
        position = listed.end
        while (more := LIST_NEXT.match("".join(masked[position:position + 20]))) is not None:
            start, end = position + more.start(1), position + more.end(1)
            tokens.append(Token(listed.kind, more.group(1), start, end, start))
            masked[position:end] = "\x00" * (end - position)
            position = end
    take("wechat", WECHAT, lambda m: 1 if m.group(1) else 2)
    take("phone", PHONE, clean=_clean_phone, warn=lambda m, v: None if phone_kind(v) else OTHER_PHONE_FORM)
    take("local_phone", LOCAL_NUMBER)
    take("local_phone", LABELLED_LOCAL, lambda m: 1, label_in_token=False)
    tokens.sort(key=lambda t: t.start)
    return tokens


def _clean_url(value: str) -> str:
    value = value.rstrip(_TRAILING_URL_PUNCT)
    return value if "." in value else ""


CUT_URL = "网址可能不完整或与后文粘连，请对照原文 (the address looks cut off or run into the next word)"
OTHER_PHONE_FORM = "不是大陆手机或带区号座机的写法，validate 会拒绝；请核对 (not a mainland number form)"
_HOST_END = re.compile(r"\.[a-z]{2,24}(?::\d{1,5})?$|^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$", re.IGNORECASE)


def _url_warning(raw: str, value: str, text: str, end: int) -> str | None:
    """A URL that ends the text, stops at an ellipsis, ends in a query's separator or has no top-level
    domain (www.ainooo.com2020) was probably cut off or glued to what follows."""
    host = re.sub(r"^[a-z]+://", "", value, flags=re.IGNORECASE).split("/", 1)[0].split("?", 1)[0]
    after = text[end:end + 3]
    if (not _HOST_END.search(host) or raw[-1:] in "?&=%" or after.startswith(("…", "...", "\u2026"))
            or not text[end:].strip()):
        return CUT_URL
    return None


def _clean_phone(value: str) -> str:
    """A number of a known form; a bracketed or dashed landline of another region is kept, to be checked."""
    if phone_kind(value):
        return value
    digits = re.sub(r"\D", "", split_extension(value)[0])
    if re.match(r"^\+?853", value):
        return value  # Macau
    return value if re.match(r"^\(?0\d{1,3}\)?[- ]?\d", value) and 9 <= len(digits) <= 11 else ""


# --- document facts ---------------------------------------------------------------------------

# 文号 of any issuer: 教高厅〔2020〕2号, 豫政办发[2020]3号, 冀教职成函(2022)7号; and the Taiwan form 府教学字第1100190414号.
DOC_NUMBER = re.compile(
    rf"(?<![{HAN}])[{HAN}]{{1,10}}\s?[〔\[［(【]\s?\d{{4}}\s?[〕\]］)】]\s?\d{{1,4}}\s?号"
    rf"|(?<![{HAN}])[{HAN}]{{1,12}}字第\s?\d{{4,12}}\s?号")
NUMBER_LABEL = re.compile(r"(?:发文字号|文号|发文编号|字号)\s?:\s?$")
# Dates: 2020年2月1日, 2020-02-01 (also 2020/2/1, 2020.2.1) and the ROC calendar (中华民国110年5月26日).
_YMD_CN = r"(?P<y>\d{4})\s?年\s?(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?日"
_YMD_ISO = r"(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?!\d)"
# The ROC year: with 民国, or a three-digit year of this century's first decades alone (110年5月25日).
_YMD_ROC = (r"(?:(?:中华民国|民国)\s?(?P<ry>\d{2,3})|(?<![\d.])(?P<ry3>1[01]\d))\s?年\s?(?P<rm>\d{1,2})\s?月"
            r"\s?(?P<rd>\d{1,2})\s?日")
ANY_DATE = rf"(?:{_YMD_CN}|{_YMD_ISO}|{_YMD_ROC})"
DATE = re.compile(ANY_DATE)
TIME = r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
# A date line may name its weekday: 2020年1月28日(星期二).
STANDALONE_DATE = re.compile(rf"^\s*[#*]*\s?{ANY_DATE}\s?(?:\((?:星期|周)[一二三四五六日天]\))?\s?(?:{TIME})?\s?$")
ISSUED_LABEL = re.compile(rf"^\s?(?:发文日期|成文日期|印发日期|签发日期)\s?:\s?{ANY_DATE}")
PUBLISHED_AT = re.compile(rf"(?:发布时间|发布日期|发表时间|发稿日期|公布日期|公告日期|张贴日期|更新时间|时间|日期)?\s?:?\s?{ANY_DATE}\s?(?:{TIME})?")


def date_of(match: re.Match):
    """The `datetime.date` a DATE-family match writes, or None when it is no real day."""
    import datetime as dt

    groups = match.groupdict()
    if groups.get("y"):
        y, m, d = groups["y"], groups["m"], groups["d"]
    elif groups.get("iy"):
        y, m, d = groups["iy"], groups["im"], groups["id"]
    else:
        y, m, d = str(int(groups["ry"] or groups["ry3"]) + 1911), groups["rm"], groups["rd"]
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


PUBLIC_MARK = re.compile(r"此件(主动公开|不予?公开)")

# --- list structure ---------------------------------------------------------------------------

CN_NUMERAL = "一二三四五六七八九十"
LIST_MARKER = re.compile(
    rf"(?:^|(?<=[\s;。:,、*#]))"
    rf"(?P<marker>\(\s*[{CN_NUMERAL}]{{1,3}}\s*\)|[{CN_NUMERAL}]{{1,3}}、|\(\d{{1,2}}\)(?! ?\d)|\d{{1,2}} ?[。.、](?!\d))"
    # a number glued to the heading before it, as when a page's line breaks are lost: 主要资源1.开通
    rf"|(?<=[{HAN}])(?P<glued>\d{{1,2}}[。.、])(?=[{HAN}“])",
    re.MULTILINE)

# --- counts and free periods ------------------------------------------------------------------

COUNT = re.compile(
    rf"(?P<about>近|约|超过|逾)?\s?(?P<num>(?<![\d.])\d{{1,9}}(?:\.\d{{1,4}})?)?\s?(?P<wan1>万)?\s?(?P<more>余|多)?\s?"
    rf"(?P<wan2>万)?\s?"
    rf"(?P<unit>门|个|条|道|节|种|集|份)(?P<what>[{HAN}A-Za-z]{{1,16}})")
NOT_OFFERINGS = ("专业大类", "学科门类", "门类", "大类", "系列", "专业类")
FREE_PERIOD = re.compile(
    r"免费使用期限为\s*(?P<a>[^,;。]{2,20})"
    r"|免费[^,;。]{0,24}?(?:使用|开通)\s*(?P<b>(?:\d{4}年)?(?:春季|秋季)?(?:一个|一)?学期)"
    r"|免费[^,;。]{0,12}?(?P<c>(?:至|到|截至|截止到?)\s*(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|疫情结束))")

# --- contacts ---------------------------------------------------------------------------------

VALUE_LABEL_TAIL = re.compile(
    r"(?:手机号码|手机号|手机|联系电话|联络电话|咨询电话|办公电话|服务电话|服务热线|热线电话|热线|电话号码|电话|座机|固话|传真|"
    r"电子邮箱|电子邮件|电子信箱|邮件地址|邮箱地址|邮箱|信箱|电邮|E-?mail|Email)\s*[:(]?\s*$",
    re.IGNORECASE)
NAME = re.compile(rf"^[{HAN}](?: ?[{HAN}]){{1,3}}$")
NOT_NAME_ENDINGS = "处馆部厅室司局组队群号台网院校会心站人务持理用学育管课"
UNIT_ENDINGS = ("处", "馆", "部", "厅", "室", "司", "局", "中心", "团队", "组", "站", "办", "科")
ROLE_ENDINGS = ("负责人", "联系人", "联络人", "承办人", "代表", "主管", "经理", "专员", "支持", "团队", "处", "馆",
                "部", "中心", "室", "组", "局", "厅", "司", "科", "办", "院", "校", "署")
GENERIC_ROLES = ("联系人", "联系方式", "联系", "联络人", "联络方式", "联络")
# Words that label a value; they never are a person's name (电子信箱: the label before an address).
LABEL_WORDS = {"电话", "手机", "邮箱", "信箱", "电子信箱", "电子邮箱", "邮件地址", "网址", "地址", "传真", "联系", "联络",
               "联系人", "联络人", "承办人", "姓名", "微信", "电邮", "座机", "固话", "号码", "链接", "网页", "网站"}
# Common surnames: a name opens with one (学生辅导 and 分请 are not people).
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
               "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
               "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
               "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
               "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
               "麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖"
               "练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿"
               "鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由蔚卓胡")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "夏侯", "宇文")
# The heading row of a contact table (处室 姓名 电话 邮箱) names nobody.
TABLE_HEADINGS = {"序号", "单位", "处室", "部门", "姓名", "联系人", "职务", "分工", "电话", "手机", "手机号码",
                  "联系电话", "办公电话", "邮箱", "电子邮箱", "QQ", "QQ号", "微信", "备注", "负责事项", "地区"}


def is_name(text: str) -> bool:
    if not NAME.match(text) or text[-1] in NOT_NAME_ENDINGS or text.replace(" ", "") in LABEL_WORDS:
        return False
    bare = text.replace(" ", "")
    return bare[0] in SURNAMES or bare.startswith(COMPOUND_SURNAMES)


def is_name_list(text: str) -> bool:
    parts = text.split("、")
    return len(parts) > 1 and all(is_name(part.strip()) for part in parts)
