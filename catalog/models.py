"""The entry kinds maintainers write in YAML, as pydantic models.

Every model forbids unknown keys: a typo in a key must fail, not pass silently. Field descriptions are
the help text editors show (through `python -m catalog schema`), so they are written for maintainers.
Identifiers that point at other entries or at taxonomy terms are plain strings here; whether they
resolve is checked over the whole catalog in `checks.py`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from catalog.contactforms import check_email, check_phone, check_qq

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

# Bounds on what validation accepts, so that whatever reads a valid entry later (exports' date
# arithmetic, pages, the search index) never meets a value it cannot handle.
MAX_ID_CHARS = 100
MAX_LINE_CHARS = 300        # a name, alias, label, unit, ...
MAX_TEXT_CHARS = 20_000     # a description or note
MAX_COUNT = 10**12
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2199, 12, 31)

# Control characters have no place in entry text: they hide in pages and break the lines of messages.
# Prose may keep its line breaks and tabs; one-line text (names, labels) may not, nor may it carry the
# invisible characters (bidirectional controls, zero-width spaces) that make a name read differently
# from what it is, or two names look alike.
# Prose may not carry the bidirectional controls either: an override turns "0190-8998-004" into what
# reads as 400-8998-0910 on the page. Tag characters (invisible copies of ASCII) and noncharacters
# have no use in any text.
_CONTROL_IN_PROSE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                               "\ufdd0-\ufdef\ufffe\uffff\U000e0000-\U000e007f]")
# One-line text (names, labels) besides: line breaks, zero-width and invisible filler characters
# (soft hyphen, Hangul fillers, blank braille) that make two names look alike or a name look empty.
_CONTROL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u180b-\u180f\u200b-\u200f"
                              "\u2028-\u202e\u2060-\u2069\u2800\u3164\ufeff\uffa0\ufdd0-\ufdef\ufffe\uffff"
                              "\U000e0000-\U000e007f]")


# Combining marks stacked on one character ("zalgo" text) spill over the lines above and below on a
# page and can cover a neighbour's phone number; no language the catalog is written in stacks four.
_STACKED_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{4,}")


def _control_message(found: re.Match) -> str:
    code = f"U+{ord(found.group()):04X}"
    return f"含有不可见或控制字符 {code}，请删除 (invisible or control character {code} is not allowed)"


def _one_line(value: str) -> str:
    found = _CONTROL_IN_LINE.search(value)
    if found:
        raise ValueError(_control_message(found))
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID_CHARS,
                          description="条目或术语的 id：小写字母、数字和连字符")]
SourceIds = Annotated[list[Id], Field(min_length=1, description="引用的来源 id（sources/ 下的文件名），至少一个")]
Text = Annotated[str, Field(min_length=1, max_length=MAX_LINE_CHARS), AfterValidator(_one_line)]
OneLine = Annotated[str, Field(max_length=MAX_LINE_CHARS), AfterValidator(_one_line)]  # optional names, labels


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_max_length=MAX_TEXT_CHARS)

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value):
        """Every text of every field, in lists and mappings too: no control characters but line
        breaks and tabs (nested entries check their own fields)."""
        texts = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else [value]
        for text in texts:
            if not isinstance(text, str):
                continue
            found = _CONTROL_IN_PROSE.search(text)
            if found:
                raise ValueError(_control_message(found))
            if _STACKED_MARKS.search(text):
                raise ValueError("一个字上叠加了过多的组合符号，会压住上下行的文字 (too many combining marks on one character)")
        return value


def _no_number_dates(value):
    """Pydantic would read 20200204 as seconds since 1970; a maintainer meant 2020-02-04."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"“{value}”不是日期，应写作 YYYY-MM-DD，如 2020-02-04 (not a date)")
    return value


def _date_in_range(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(f"日期 {value} 超出范围，应在 {FIRST_DATE} 与 {LAST_DATE} 之间 (date out of range)")
    return value


Date = Annotated[dt.date, BeforeValidator(_no_number_dates), AfterValidator(_date_in_range)]


def _whole_number(value):
    """`value: true` is no count; pydantic would store it as 1."""
    if isinstance(value, bool):
        raise ValueError(f"“{value}”应为整数 (should be a whole number)")
    return value


def _http_url(value: str) -> str:
    if not isinstance(value, str):
        raise ValueError("网址必须是文本 (a URL must be text)")
    lowered = value.strip().lower()
    if not (lowered.startswith("http://") or lowered.startswith("https://")):
        raise ValueError("网址必须以 http:// 或 https:// 开头 (only http and https URLs)")
    rest = value.strip().split("://", 1)[1]
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if not host or "@" in host or any(c.isspace() for c in value.strip()):
        raise ValueError("网址没有主机名或含有空白/用户信息 (URL has no host, or has spaces or user info)")
    found = _CONTROL_IN_LINE.search(value)  # invisible in an address bar too, yet part of the address
    if found:
        raise ValueError(_control_message(found))
    try:
        parts = urlsplit(value.strip())
        parts.port
    except ValueError:
        raise ValueError("网址格式有误：端口或方括号不合规 (malformed URL: bad port or brackets)") from None
    odd = next((char for char in parts.hostname or "" if not _host_char(char)), None)
    if odd is not None:
        code = f"U+{ord(odd):04X}"
        raise ValueError(f"主机名中的字符 {code}（{unicodedata.name(odd, '?')}）不可见或与常见字母形近；国际化域名只收汉字，"
                         f"其他请写 xn-- 形式 (host name has a look-alike or invisible character {code})")
    return value.strip()


def _host_char(char: str) -> bool:
    """ASCII letters, digits, '-', '.', '_' (and ':' of an IPv6 address), or a CJK ideograph (教育部.中国).
    Anything else in a host can pass for what it is not: Cyrillic 'а', fullwidth 'ｗ', a zero-width space,
    a compatibility ideograph that looks like a common one."""
    return (char.isascii() and (char.isalnum() or char in "-._:")) or \
        unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH-")


HttpUrl = Annotated[str, BeforeValidator(_http_url)]


def _digits_as_text(value):
    """YAML reads an unquoted 15901156289 as a number; keep it as the text it was written as."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Phone = Annotated[str, BeforeValidator(_digits_as_text), AfterValidator(check_phone)]
Email = Annotated[str, AfterValidator(check_email)]
QQ = Annotated[str, BeforeValidator(_digits_as_text), AfterValidator(check_qq)]


class Link(Strict):
    """A URL with an optional label. In YAML either a plain string or a mapping."""

    url: HttpUrl
    label: OneLine | None = Field(None, description="链接说明，如“云教材登录网址”")
    shared: str | None = Field(
        None, description="同一网址也出现在别的条目时，写明原因（否则校验报重复）")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        return {"url": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        # Editors must accept the short form too: a plain URL string.
        as_mapping = handler(core_schema)
        as_string = {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$"}
        return {"anyOf": [as_string, as_mapping]}


Links = Annotated[list[Link], Field(description="网址列表：字符串，或 {url, label, shared}")]


class Count(Strict):
    """A number the source gave, with the date it was true for."""

    what: Text = Field(description="数的是什么，如“在线课程”“国家级专业教学资源库”")
    value: Annotated[int, BeforeValidator(_whole_number)] = Field(ge=0, le=MAX_COUNT, description="数值")
    qualifier: Literal["exact", "more-than", "about", "up-to"] = Field(
        "exact", description="exact 精确; more-than “余/多”; about “近/约”; up-to “最多”")
    as_written: OneLine | None = Field(None, description="来源原文，如“2.4万余门”")
    as_of: Date = Field(description="该数字成立的日期")
    sources: SourceIds


class FreePeriod(Strict):
    """When an offer is free, for whom, as the source said it."""

    start: Date = Field(description="开始日期")
    end: Date | None = Field(None, description="来源给出的结束日期；来源未给就不写（可写 presumed_end）")
    presumed_end: Date | None = Field(
        None, description="来源没给结束日期时，按 reading 写明的读法推定的结束日期；过了这天站点显示“已结束（推定）”")
    open_ended: bool = Field(
        False, description="来源明确说长期免费时写 true；未写 end 又非长期免费的，站点显示“结束日期未说明”")
    label: OneLine | None = Field(None, description="来源用的说法，如“2020年春季学期”")
    reading: str | None = Field(None, description="如何把说法读成日期，如“春季学期按 2 月 1 日至 7 月 31 日计”")
    scope: OneLine | None = Field(None, description="适用对象，如“河南省高校”")
    regions: list[Id] = Field(default_factory=list, description="适用地区（taxonomy/regions.yaml 的 id）")
    levels: list[Id] = Field(default_factory=list, description="适用学段（taxonomy/levels.yaml 的 id）")
    sources: SourceIds
    note: str | None = None


class Withdrawal(Strict):
    """A person asked for their details to be removed: they are left out everywhere."""

    requested: Date = Field(description="提出撤除请求的日期")
    note: str | None = None


class Contact(Strict):
    """Whom to reach for what, in which region, as published."""

    unit: OneLine | None = Field(None, description="单位或部门，如“高等教育司课程教材与实验室处”")
    name: OneLine | None = Field(None, description="联系人姓名（按原文）")
    person: bool | None = Field(
        None, description="是否为具名个人（个人手机号可按站点设置隐藏）；不写时，写了 name 即视为个人")
    role: OneLine | None = Field(None, description="职务或分工，如“河南区域负责人”")
    purpose: str | None = Field(None, description="可以咨询什么，如“平台技术支持”")
    regions: list[Id] = Field(default_factory=list, description="负责的地区（taxonomy/regions.yaml 的 id）")
    levels: list[Id] = Field(default_factory=list, description="负责的学段，如只管中职的联系人写 [secondary-vocational]")
    phones: list[Phone] = Field(default_factory=list, description="电话，按原文书写：手机、带区号的座机、400/800")
    emails: list[Email] = Field(default_factory=list)
    qq: list[QQ] = Field(default_factory=list, description="QQ 号码（数字）")
    qq_groups: list[QQ] = Field(default_factory=list, description="QQ 群号（数字）")
    wechat: list[OneLine] = Field(default_factory=list, description="微信号或公众号")
    as_of: Date = Field(description="来源公布该联系方式的日期")
    sources: SourceIds
    note: str | None = Field(None, description="说明，如原文中的明显错误")
    withdrawn: Withdrawal | None = Field(None, description="本人要求撤除时填写，之后各处不再显示其信息")

    @model_validator(mode="after")
    def _named(self):
        if not (self.unit or self.name):
            raise ValueError("联系人至少要有 unit 或 name (a contact needs a unit or a name)")
        if self.person is None:
            self.person = bool(self.name)
        return self

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.unit, self.name) if part)


class StatusFact(Strict):
    """A dated fact about a platform's standing, e.g. on the yearly 白名单 (教高〔2022〕1号 §17)."""

    status: Literal["whitelist", "blacklist", "level-3-protection", "closed", "renamed", "other"] = Field(
        description="whitelist 白名单; blacklist 黑名单; level-3-protection 等保三级; closed 停止服务; "
                    "renamed 更名; other 其他")
    label: Text = Field(description="原文说法，如“2023年度课程平台白名单”")
    since: Date = Field(description="自何日起成立")
    until: Date | None = None
    sources: SourceIds
    note: str | None = None


class Basis(Strict):
    """Why one value is on an entry: a cited source states it, or a written-down rule infers it."""

    source: Id | None = Field(None, description="说明此值的来源 id（须是本条目 sources 中的一个）")
    quote: str | None = Field(
        None, min_length=1, max_length=200, description="来源原文中的一小段，逐字照抄，如“22个在线课程平台”")
    rule: Id | None = Field(
        None, description="推断规则的 id（taxonomy/inference-rules.yaml）；写了 rule 即为推断，可同时写所据原文")
    note: str | None = Field(None, description="补充说明")

    @model_validator(mode="after")
    def _stated_or_inferred(self):
        if self.quote and not self.source:
            raise ValueError("写了 quote 就要写 source：原文出自哪个来源 (a quote needs its source)")
        if self.source and not self.quote:
            raise ValueError("写了 source 就要写 quote：来源原话 (a source needs a verbatim quote)")
        if not self.rule and not self.source:
            raise ValueError("依据要么写 source 和 quote（来源原话），要么写 rule（推断规则） "
                             "(a basis is source + quote, or rule)")
        return self

    @property
    def inferred(self) -> bool:
        return self.rule is not None


BasisMap = dict[Id, Basis]


class Provenance(Strict):
    """The basis of each level, discipline, region, theme and the kind of an entry, keyed by value."""

    kind: Basis | None = Field(None, description="kind 的依据")
    levels: BasisMap = Field(default_factory=dict, description="每个学段 id 的依据，如 undergraduate: {source: x, quote: 各高校}")
    disciplines: BasisMap = Field(default_factory=dict, description="每个学科 id 的依据")
    regions: BasisMap = Field(default_factory=dict, description="每个地区 id 的依据")
    themes: BasisMap = Field(default_factory=dict, description="每个专题 id 的依据")

    def of(self, field: str, value: str) -> Basis | None:
        return self.kind if field == "kind" else getattr(self, field).get(value)


class Confirmation(Strict):
    """When an entry's facts were last confirmed, and by which of its sources."""

    date: Date = Field(description="核实日期")
    source: Id = Field(description="据以核实的来源 id（须是本条目 sources 中的一个）")
    note: str | None = Field(None, description="核实了什么，如“平台首页仍写明免费”")


class EntryBase(Strict):
    id: Id = Field(description="由文件名决定，不要在文件里写 (comes from the file name)")
    name: Text = Field(description="名称")
    aliases: list[Text] = Field(default_factory=list, description="别名、简称、英文名")
    same_name: Text | None = Field(
        None, description="与另一条目名称或别名相同（规范化后）时写明原因，否则校验报重复")
    description: str | None = Field(None, description="简介（纯文本）")
    urls: Links = Field(default_factory=list)
    levels: list[Id] = Field(default_factory=list, description="学段（taxonomy/levels.yaml 的 id）")
    disciplines: list[Id] = Field(default_factory=list, description="学科门类/专业大类/中小学学科的 id")
    themes: list[Id] = Field(default_factory=list, description="专题（taxonomy/themes.yaml 的 id）")
    regions: list[Id] = Field(default_factory=list, description="服务地区；全国性的写 national")
    counts: list[Count] = Field(default_factory=list, description="数量及其成立日期")
    services: list[str] = Field(default_factory=list, description="提供的服务（按原文）")
    free_periods: list[FreePeriod] = Field(default_factory=list, description="免费期")
    contacts: list[Contact] = Field(default_factory=list)
    sources: SourceIds
    verified: bool = Field(True, description="false 表示来自二手资料、未经官方来源核实")
    confirmed: Confirmation | None = Field(
        None, description="最后核实的日期和来源；不写时取所引来源中最新的日期")
    basis: Provenance = Field(
        default_factory=Provenance,
        description="kind、levels、disciplines、regions、themes 每个值的依据：来源原话或推断规则")
    note: str | None = None


class Platform(EntryBase):
    """A course platform, virtual lab, TV channel, e-textbook library, ..."""

    kind: Id = Field(description="类型（taxonomy/kinds.yaml 的 id），如 mooc-platform")
    operator: OneLine | None = Field(None, description="运营单位")
    launched: Date | None = Field(None, description="开通日期")
    successor: Id | None = Field(None, description="后继平台的 id（取代、合并或升级成的平台）")
    successor_sources: list[Id] = Field(
        default_factory=list, description="说明后继关系的来源 id；写了 successor 就必须写")
    replaces: list[Id] = Field(
        default_factory=list, description="本平台取代的旧平台 id；写了就要与各旧平台的 successor 一一对应（不写则由 successor 推出）")
    statuses: list[StatusFact] = Field(default_factory=list, description="白名单、黑名单等状态事实")


class Resource(EntryBase):
    """A collection on one or more platforms, or a single course, lab or programme."""

    kind: Id = Field(description="类型（taxonomy/kinds.yaml 的 id），如 course-collection")
    platforms: list[Id] = Field(default_factory=list, description="所在平台的 id")


class Source(Strict):
    """An official document that facts come from (or, marked so, a secondary one)."""

    id: Id = Field(description="由文件名决定，不要在文件里写 (comes from the file name)")
    title: Text = Field(description="文件标题")
    number: OneLine | None = Field(None, description="文号，如“教高厅〔2020〕2号”")
    issuers: list[Text] = Field(min_length=1, description="发文单位")
    issued: Date | None = Field(None, description="成文或发布日期")
    kind: Literal["official", "forwarding", "repost", "secondary"] = Field(
        "official", description="official 原文; forwarding 转发通知; repost 转载; secondary 二手资料")
    urls: Links = Field(default_factory=list, description="发布网址")
    no_url_reason: Text | None = Field(
        None, description="没有网址时写明原因，如“原件未在网上公开，文本来自档案复印件”")
    published: Date | None = Field(None, description="转载或发布的日期（与成文日期不同时）")
    public: bool | None = Field(None, description="是否主动公开；不知道就不写")
    forwards: Id | None = Field(None, description="转发的是哪个来源")
    repost_of: Id | None = Field(None, description="转载的是哪个来源")
    contacts: list[Contact] = Field(default_factory=list, description="文件中给出的联系人")
    note: str | None = None

    name = property(lambda self: self.number or self.title)


ENTRY_MODELS: dict[str, type[Strict]] = {"source": Source, "platform": Platform, "resource": Resource}
