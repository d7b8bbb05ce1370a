"""Notice extraction: from a notice's normalised text to draft source and platform entries.

The notice is cut into list items (一、 (一) 1。 1. (1) ...). An item names a platform when its
heading is a platform's name (2。智慧职教平台。...) or when it gives a URL with a name before it
(中国大学MOOC(爱课程)平台网址:http://...). The contacts of an item belong to the item's first
platform; the contacts of items that name no platform belong to the notice (the offices it lists).
Mentions of one platform in several items are merged by URL host and name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from catalog.urls import address_key
from catalog_scrapers.notices.recognise.contacts import ContactReader
from catalog_scrapers.notices.model import (
    PLACEHOLDER, ContactDraft, CountDraft, Found, LinkDraft, NoticeDraft, PlatformDraft,
)
from catalog_scrapers.notices.recognise.patterns import (
    COUNT, FREE_PERIOD, HAN, LIST_MARKER, NOT_OFFERINGS, Token, find_tokens,
)
from catalog_scrapers.notices.document import NoticeText
from catalog_scrapers.notices.recognise.fold import fold
from catalog_scrapers.notices.recognise.published import restore_published
from catalog_scrapers.notices.recognise.source import extract_sources
from catalog_scrapers.notices.recognise.tables import TableReader
from catalog_scrapers.notices.recognise.texttables import text_tables

_HEAD_END = re.compile(r"[。(:;,\n]")
# 请老师善用…平台: the request before a platform's name is no part of it.
_LEADING_VERBS = re.compile(r"^(?:请[^的,]{0,6}?(?=善用|使用|利用|登录|访问|运用))?"
                            r"(?:开通|开放|建设|上线|启用|推出|依托|利用|使用|善用|运用|登录|访问)")
_PLATFORM_SUFFIX = re.compile(r"(?:平台|网)$")
_PLATFORM_LIKE = re.compile(r"(?:平台|网|网站|课堂|体系|空间|系统|资源库|图书馆|频道|在线|慕课|MOOC|APP|App|联盟)$")
# Who or what device an address is for (电脑端:, 电脑用户登录网址:): no platform's name; the platform is
# named earlier in the sentence or in the heading above.
_AUDIENCE = re.compile(r"^(?:电脑|手机|移动|网页|PC|pc|Web|web|客户)(?:端|版|用户)?$|^(?:学生|教师|老师|用户)$")
# A platform named in the sentence before its address: 登录超星平台进行学习,电脑用户登录网址:…
_NAMED_IN_SENTENCE = re.compile(rf"[{HAN}A-Za-z“”\" ]{{2,30}}?(?:平台|课堂|慕课|MOOC|联盟)")
# Words that describe any platform; alone they name none (教学平台, 指定网络平台).
_GENERIC = re.compile(r"^(?:该|此|本|各|其他|其它|相关|指定|校内|校外)?(?:网络|在线|线上|网上|教学|学习|直播|课程|资源|"
                      r"教育|服务|公共|数字|学校)*(?:平台|课堂|网)?$")
# A section heading that names a platform in quotes: 三、“智慧树”平台网络课程.
_QUOTED_PLATFORM = re.compile(r"“([^“”\n]{2,15})”\s?(?:平台|网)")
_NAME_RUN = re.compile(rf"[{HAN}A-Za-z“”\"() ]+$")
# 输入网址http://…: what to do with the address (输入, 打开) is no platform's name.
_VERBS = re.compile(r"开通|开放|登录|登陆|通过|依托|利用|使用|善用|运用|访问|接入|详见|进入|扩容|组织|提供|推荐|选用|"
                    r"采用|借助|支持|输入|键入|打开|的|等|请")
_QUOTES = re.compile(r"[“”\"'《》]")
# A site cited as the source of a rule (并执行中国教育科研网www.edu.cn规定的…, 按照…网站公布的): it is no teaching
# platform offered for use.
_CITED_SITE = re.compile(r"(?:执行|遵守|遵照|按照|依照|根据|依据)[^,;。:]{0,30}$")
# A line that is only a label (线上教学便利包:) above a line that is only an address: the label names it,
# a platform when it names teaching or learning.
_LABEL_LINE = re.compile(rf"(?:^|\n)[ \t]*([{HAN}A-Za-z][{HAN}A-Za-z0-9 ]{{1,15}})[ \t]?:[ \t]*\n[ \t]*$")
_TEACHING = re.compile(r"教学|学习|课程|课堂|慕课|教育资源|学习资源")
# The office an item sends people to, earlier in its own sentence (到教育技术与信息中心办理, 由中国电信负责运维).
_AGENT = re.compile(rf"(?:由|到|去|前往)([{HAN}]{{2,15}}?(?:中心|处|馆|部|室|科|组|站|办|局|公司|电信|移动|联通))"
                    rf"(?:负责|办理|咨询|申请|联系)")
_PAREN = re.compile(r"\(([^()]{1,20})\)")
_IN_BRACKET = re.compile(r"^\s*\($")
# The words that introduce an address (丙平台网址为, 网站:, 登录地址:); the name before them keeps its 平台.
_URL_LABEL = re.compile(r"(?:登录|访问|官方|平台)?(?:网址|网站|地址|链接|域名|入口)\s?(?:为|是)?\s?:?\s?\(?$")
# Words around an address that say what to do with it: they are no platform's name (参照网页, 详见).
_NOT_A_NAME = re.compile(r"参照|参考|详见|见附件|操作|指南|说明|教程|下载|二维码|链接|网页|页面|此处|点击|扫描|扫码|"
                         r"原文|来源|转载|通知|文件|附件|收集|登记|报名|填报|申报|问卷|调查|"  # forms are no platforms
                         r"管理系统|信息系统|教务系统|办公系统")  # nor are administration systems (教务管理系统(uims…))
# A name the notice itself puts in quotes (可通过“教学直播平台”听课) is a proper name, however generic its words.
_QUOTED_NAME = re.compile(r"“([^“”\n]{2,20}?(?:平台|课堂|网))”")


def name_key(name: str) -> str:
    """A platform name reduced for comparison: simplified characters, no spaces, quotes, bracketed parts
    or 平台/网 suffix."""
    key = _PAREN.sub("", _QUOTES.sub("", fold(name))).replace(" ", "").lower()
    for suffix in ("首页", "平台", "网"):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
    return key


def url_key(url: str) -> str:
    """The catalog's address key (no scheme, default port or trailing slash), lower-cased and without
    www.: notices write the same address with and without it."""
    return address_key(url).lower().removeprefix("www.")


def host_key(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/", 1)[0].split("?", 1)[0]
    return host[4:] if host.startswith("www.") else host


@dataclass
class _Item:
    start: int
    end: int


_HEADER_CONTACT = re.compile(r"(?:承办人|联系人|联络人)\s?:")
_HEADING_UNIT = re.compile(rf"^([{HAN}]{{2,15}}(?:处|馆|部|室|司|局|中心|组|站|办|科|署|厅))\s?:$")


def source_end(source) -> int:
    """Where the notice's own header ends: its 文号, or the start when it has none."""
    return source.number.start if source.number else 0


# A paragraph opening with one of these labels starts a new part, even without a list number.
_PART_LABEL = re.compile(r"^(?:联系人|联系方式|联系单位|联系电话|咨询电话|附件|附)\s*(?::|\d|$)", re.MULTILINE)


def _items(text: str, tables: list[tuple[int, int]] = ()) -> list[_Item]:
    """The list items of the text; a table read as a table is a boundary, its inside no item."""
    inside = lambda at: any(start <= at < end for start, end in tables)
    bounds = sorted([(m.start(), m.end()) for m in LIST_MARKER.finditer(text) if not inside(m.start())] +
                    [(m.start(), m.start()) for m in _PART_LABEL.finditer(text) if not inside(m.start())] +
                    list(tables))
    starts = [0] + [end for _, end in bounds]
    ends = [start for start, _ in bounds] + [len(text)]
    return [_Item(s, e) for s, e in zip(starts, ends) if e > s]


class NoticeExtractor:
    def __init__(self, notice: NoticeText, regions: dict[str, str] | None = None,
                 known_names: set[str] | None = None):
        self.notice = notice
        self.text = fold(notice.text)  # labels and names read alike in either script; values restored below
        self.tokens = find_tokens(self.text)
        self.contacts = ContactReader(self.text, regions or {})
        self.known = set(known_names or ())
        self.links: list[LinkDraft] = []
        self.section: Found | None = None  # the platform the heading above names (三、“智慧树”平台网络课程)
        self.quoted = {name_key(m.group(1)) for m in _QUOTED_NAME.finditer(self.text)}

    def extract(self) -> NoticeDraft:
        draft = self._extract()
        restore_published(draft, self.notice.text, self.text)
        return draft

    def _extract(self) -> NoticeDraft:
        source, included = extract_sources(self.text, self.tokens)
        header_end = source.number.start if source.number else 0
        if _HEADER_CONTACT.search(self.text, 0, header_end):  # a letter's 承办人 block stands above its 文号
            header_end = 0
            body_tokens = [t for t in self.tokens if t.kind != "url" or t.start >= source_end(source)]
        else:
            body_tokens = [t for t in self.tokens if t.start >= header_end]
        reader = TableReader(self.text, self.tokens, self.contacts, self._platform)
        tables = [facts for facts in map(reader.read, self.notice.tables) if facts]
        spans = [(facts.table.start, facts.table.end) for facts in tables]
        written = [facts for facts in map(reader.read, text_tables(self.text, spans)) if facts]
        tables += written  # tables that reached the text as lines of cells
        spans += [(facts.table.start, facts.table.end) for facts in written]
        items = [item for item in _items(self.text, spans) if item.end > header_end]
        heads = {id(item): self._head_names(item) for item in items}
        for names in heads.values():
            self.known.update(name_key(n.value) for n in names)
        mentions: list[PlatformDraft] = []
        heading_unit = None  # (一) 学务校安组: the office the numbers listed under it belong to
        starts = [t.start for t in body_tokens]  # sorted: each item's tokens by bisection, not a scan
        for item in items:
            tokens = body_tokens[bisect_left(starts, item.start):bisect_left(starts, item.end)]
            heading = _HEADING_UNIT.match(self.text[item.start:item.end].strip())
            if heading and not tokens:
                heading_unit = Found(heading.group(1), item.start + self.text[item.start:item.end].find(
                    heading.group(1)), 0, unsure="单位按上级标题读出 (unit read from the heading above)")
                heading_unit.end = heading_unit.start + len(heading_unit.value)
                continue
            self._enter_section(item)
            found = self._mentions(item, heads[id(item)], tokens)
            mentions.extend(found)
            if found:
                owner = found[0]
                unit = Found(owner.name.value, owner.name.start, owner.name.end)
                owner.contacts.extend(self.contacts.read(item.start, item.end, tokens, unit))
                if len(found) > 1 and owner.contacts:
                    others = "、".join(m.name.value for m in found[1:])
                    for contact in owner.contacts:
                        contact.notes.append(f"待核实 (unsure): 同一条还列出 {others}，联系人按第一个平台记")
            else:
                unit = self._list_unit(item) or heading_unit
                for contact in self.contacts.read(item.start, item.end, tokens, unit):
                    contact.unit = contact.unit or unit  # 联系单位 / 请向省电教馆咨询 covers the people listed
                    source.contacts.append(contact)
        for facts in tables:
            for platform in facts.platforms:
                platform.contacts = merge_contacts(platform.contacts)
            mentions.extend(facts.platforms)
            source.contacts.extend(facts.contacts)
        mentions.sort(key=lambda m: m.start)
        # A heading that names a platform but gives nothing a maintainer could enter (no address, contact,
        # count or free period) is a topic, not a platform offered: 二、教育部磨课师平台(以下简称本平台)已于…开站
        platforms = [p for p in _merge(mentions) if p.urls or p.contacts or p.counts or p.free_periods]
        self._notice_region(source, [c for p in platforms for c in p.contacts] + source.contacts)
        return NoticeDraft(source, platforms, included, self.links)

    def _notice_region(self, source, contacts: list[ContactDraft]) -> None:
        """A provincial notice's contacts serve that province: proposed, marked unsure, where none is written."""
        found = {}
        for issuer in source.issuers:
            for written, region in self.contacts.regions.items():
                if written in issuer.value:
                    found.setdefault(region, issuer)
        if len(found) != 1:
            return
        (region, issuer), = found.items()
        for contact in contacts:
            if not contact.regions:
                contact.regions.append(Found(region, issuer.start, issuer.end,
                                             unsure="按发文单位所在地区读出 (the issuing body's region)"))

    # --- platform mentions ----------------------------------------------------------------------

    def _head_names(self, item: _Item) -> list[Found]:
        content = self.text[item.start:item.end]
        head = _HEAD_END.split(content, 1)[0].strip()
        offset = item.start + content.find(head)
        bare = _QUOTES.sub("", head)
        bare = _LEADING_VERBS.sub("", bare)
        if bare.endswith("服务") and _PLATFORM_SUFFIX.search(bare[:-2]):
            bare = bare[:-2]
        if (not _PLATFORM_SUFFIX.search(bare) or not 3 <= len(bare) <= 30 or bare.startswith(("本", "该", "此"))
                or re.search(r"的|等|部分|各|有关|相关|其他|其它|学校|省市", bare)):  # 本平台为…网: a reference back
            return []
        parts = re.split(r"及|和|与|、", bare)
        names = parts if len(parts) > 1 and all(len(p.strip()) >= 2 for p in parts) else [bare]
        found = []
        for name in names:
            name = name.strip()
            inside = head.find(name)
            at = offset + inside if inside >= 0 else offset
            found.append(Found(name, at, at + len(name) if inside >= 0 else offset + len(head)))
        return found

    def _mentions(self, item: _Item, head_names: list[Found], tokens: list[Token]) -> list[PlatformDraft]:
        mentions = [self._platform(name) for name in head_names]
        for index, token in enumerate(tokens):
            if token.kind != "url":
                continue
            link = LinkDraft(Found(token.value, token.value_start, token.end, unsure=token.warning))
            if not re.match(r"https?://", token.value, re.IGNORECASE):
                link.url.note = "原文未写 http://，已补上 (scheme added)"
            written = self._url_context(item, token, tokens[:index])
            label = _URL_LABEL.search(written)
            name_part = written[: label.start()] if label else written
            if label and label.group().startswith("平台"):
                name_part += "平台"  # 丙平台网址: 平台 belongs to the name
            name_part = name_part.rstrip(" (:")
            if (label or _IN_BRACKET.search(written)) and not name_part or self._inside_bracket(item, token) \
                    and not name_part.strip():
                # "...云平台(网址:ykt...)", "...服务平台(以下简称国家平台,http://...)": the name stands before the bracket
                name_part = self._name_before_bracket(item, token)
            name = self._written_name(name_part, token.start - len(written))
            labelled = None if written.strip() else _LABEL_LINE.search(self.text, max(item.start, token.start - 40),
                                                                      token.start)
            if name is None and labelled:
                name = Found(labelled.group(1).strip(), labelled.start(1), labelled.start(1) + len(
                    labelled.group(1).strip()))
            if name is not None and _AUDIENCE.match(name.value.strip()) or name is None and not mentions:
                name = self._named_before(item, token.start - len(written)) or self._section_for(token) or name
            bare = _QUOTES.sub("", name.value) if name else ""
            is_platform = name is not None and not _NOT_A_NAME.search(bare) and not self._generic(bare) and (
                _PLATFORM_LIKE.search(_PAREN.sub("", bare).strip()) or name_key(bare) in self.known
                or labelled is not None and bool(_TEACHING.search(bare))) and not _CITED_SITE.search(written)
            same = next((m for m in mentions if name and name_key(m.name.value) == name_key(name.value)), None)
            if same is not None:
                same.urls.append(link)
            elif is_platform:
                mention = self._platform(name)
                mention.urls.append(link)
                mentions.append(mention)
            elif mentions:
                target = mentions[0] if head_names else mentions[-1]
                right_after_head = target.urls == [] and not written.strip() and \
                    token.start - target.name.end < 40
                if not right_after_head:
                    link.label = written.strip(" :()") or self._sentence_before(item, token) or None
                    if not written.strip():
                        link.url.unsure = "网址前没有写它是什么，说明取自前一句 (label taken from the sentence before)"
                target.urls.append(link)
            else:  # no platform-like name: the address is listed for the maintainer, no platform made
                link.label = (name.value if name else written.strip(" :(")) or self._sentence_before(item, token) or None
                self.links.append(link)
        if head_names:
            self._counts_and_periods(item, mentions[: len(head_names)])
        for mention in mentions:
            self._aliases_in_body(item, mention)
        return mentions

    def _named_before(self, item: _Item, end: int) -> Found | None:
        """The last platform-like name earlier in the address's sentence, not a generic one."""
        start = max(item.start, end - 200, self.text.rfind("。", 0, end) + 1)
        found = None
        for match in _NAMED_IN_SENTENCE.finditer(self.text, start, end):
            name = self._written_name(match.group(), match.start())
            if name and not self._generic(_QUOTES.sub("", name.value)) and not _NOT_A_NAME.search(name.value):
                found = name
        return found

    def _generic(self, name: str) -> bool:
        """Words that describe any platform (教学平台), unless the notice quotes them as a name."""
        return bool(_GENERIC.match(name)) and name_key(name) not in self.quoted

    def _enter_section(self, item: _Item) -> None:
        first_line = self.text[item.start:item.end].split("\n", 1)[0]
        quoted = _QUOTED_PLATFORM.search(first_line[:60])
        if quoted:
            at = item.start + quoted.start(1)
            self.section = Found(quoted.group(1), at, at + len(quoted.group(1)),
                                 unsure="平台名称按上级标题读出 (name read from the heading above)")
            self.known.add(name_key(quoted.group(1)))  # named as a platform by the heading itself

    def _section_for(self, token: Token) -> Found | None:
        """The platform the heading just above names, when it is near enough to be this address's heading."""
        section = self.section
        if section is None or not 0 < token.start - section.end < 300:
            return None
        return Found(section.value, section.start, section.end, unsure=section.unsure)

    def _aliases_in_body(self, item: _Item, mention: PlatformDraft) -> None:
        """国家虚拟仿真实验教学项目共享平台(实验空间): a short name in brackets right after the full one."""
        content = self.text[item.start:item.end]
        written = mention.name.value
        for match in re.finditer(re.escape(written) + r"(?:平台)?\(([^()]{2,12})\)", content):
            alias = match.group(1)
            if re.search(r"[含包括]|网址|http|www|\d", alias) or alias in [a.value for a in mention.aliases]:
                continue
            at = item.start + match.start(1)
            mention.aliases.append(Found(alias, at, at + len(alias)))

    def _url_context(self, item: _Item, token: Token, earlier: list[Token]) -> str:
        start = max([item.start] + [t.end for t in earlier])
        before = self.text[start:token.start]
        cut = max(before.rfind(c) for c in ";。,\n")
        return before[cut + 1:]

    def _inside_bracket(self, item: _Item, token: Token) -> bool:
        before = self.text[max(item.start, token.start - 60):token.start]
        return before.rfind("(") > before.rfind(")")

    def _name_before_bracket(self, item: _Item, token: Token) -> str:
        before = self.text[item.start:token.start]
        bracket = before.rfind("(")
        return before[:bracket] if bracket >= 0 else ""

    def _written_name(self, text: str, offset_hint: int) -> Found | None:
        run = _NAME_RUN.search(text.rstrip(" (:")[-80:])  # a name is short; the bound keeps the search linear
        if not run:
            return None
        name = run.group()
        verbs = list(_VERBS.finditer(name))
        if verbs:
            name = name[verbs[-1].end():]
        name = name.strip(" (")
        if len(name.replace(" ", "")) < 2:
            return None
        at = self.text.rfind(name, 0, offset_hint + len(text) + 1)
        return Found(name, at, at + len(name))

    def _sentence_before(self, item: _Item, token: Token) -> str:
        before = self.text[item.start:token.start].rstrip(" \n。")
        cut = max(before.rfind(c) for c in "。;\n")
        return before[cut + 1:].strip()

    def _platform(self, written: Found) -> PlatformDraft:
        raw = written.value
        aliases = []
        for match in _PAREN.finditer(raw):
            inner = match.group(1)
            if not re.search(r"[含包括]|网址|http|www", inner):
                at = self.text.find(inner, written.start)
                aliases.append(Found(inner, at, at + len(inner)))
        name = _QUOTES.sub("", _PAREN.sub("", raw)).strip()
        compact = re.sub(r"[A-Za-z]+", "A", name.replace(" ", ""))
        for suffix in ("平台", "网"):
            if name.endswith(suffix) and 2 <= len(compact) - len(suffix) <= (6 if suffix == "平台" else 4):
                name = name[: -len(suffix)].strip()
                break
        return PlatformDraft(name=Found(name, written.start, written.end, unsure=written.unsure),
                             start=written.start, aliases=aliases)

    def _counts_and_periods(self, item: _Item, platforms: list[PlatformDraft]) -> None:
        content = self.text[item.start:item.end]
        owner = platforms[0]
        for match in COUNT.finditer(content):
            if not (match.group("num") or match.group("wan1")):
                continue
            what = match.group("what").rstrip("和及与、")
            before = content[max(0, match.start() - 8):match.start()]
            if what.startswith(NOT_OFFERINGS) or "覆盖" in before or "涵盖" in before:
                continue
            for platform in platforms:
                if platform.name.value in what or platform.name.value[-2:] in what:
                    owner = platform
            value = float(match.group("num") or 1)
            if match.group("wan1") or match.group("wan2"):
                value *= 10000
            near = match.group("about")
            qualifier = ("more-than" if match.group("more") or near in ("超过", "逾")
                         else "about" if near else "exact")
            start = item.start + match.start()
            what_at = item.start + match.start("what")
            written = match.group().strip().rstrip("和及与、")
            unsure = None if self._in_first_paragraph(content, match.start(), owner) else \
                "在条目的后一段，可能说的是别的资源 (from a later paragraph of the item)"
            owner.counts.append(CountDraft(
                what=Found(what, what_at, what_at + len(what), unsure=unsure), value=int(value),
                qualifier=qualifier, as_written=Found(written, start, start + len(written))))
        for match in FREE_PERIOD.finditer(content):
            group = next(name for name in ("a", "b", "c") if match.group(name))
            label = match.group(group).strip()
            at = item.start + match.start(group)
            unsure = None if len(platforms) == 1 else "原文一句话说了几个平台 (one sentence for several platforms)"
            for platform in platforms:
                platform.free_periods.append(Found(label, at, at + len(label), unsure=unsure))

    @staticmethod
    def _in_first_paragraph(content: str, at: int, platform: PlatformDraft) -> bool:
        paragraph_start = content.rfind("\n", 0, at) + 1
        if paragraph_start == 0 or content[:paragraph_start].strip() == "":
            return True
        opening = _QUOTES.sub("", content[paragraph_start:paragraph_start + 40])
        return opening.startswith(platform.name.value)

    def _list_unit(self, item: _Item) -> Found | None:
        """The office a contact list belongs to when the text before it says (请向省电教馆咨询)."""
        window_start = max(0, item.start - 400)
        before = self.text[window_start:item.start]
        named = list(re.finditer(r"联系单位\s*:\s*([^,;。\n]{2,40})", before))
        if named:
            match = named[-1]
            return Found(match.group(1).strip(), window_start + match.start(1), window_start + match.end(1))
        content = self.text[item.start:item.end]
        agent = _AGENT.search(content)
        if agent:
            at = item.start + agent.start(1)
            return Found(agent.group(1), at, at + len(agent.group(1)),
                         unsure="单位按本条前文“由/到…”读出 (unit read from earlier in the item)")
        matches = list(re.finditer(rf"向([{HAN}]{{2,15}}?)(?:咨询|反馈|联系)", before))
        if not matches:
            return None
        match = matches[-1]
        return Found(match.group(1), window_start + match.start(1), window_start + match.end(1),
                     unsure="单位按上文“向…咨询”读出 (unit read from the sentence before the list)")


def _merge(mentions: list[PlatformDraft]) -> list[PlatformDraft]:
    """One draft per platform: mentions sharing a URL host or a name are merged, first mention first."""
    merged: list[PlatformDraft] = []
    for mention in mentions:
        keys = _keys(mention)
        target = next((p for p in merged if _keys(p) & keys), None)
        if target is None:
            merged.append(mention)
        else:
            absorb(target, mention)
    for platform in merged:
        platform.contacts = merge_contacts(platform.contacts)
    return merged


def absorb(target: PlatformDraft, other: PlatformDraft) -> None:
    """Add to `target` what `other` (another mention of the same platform) says that it does not."""
    if name_key(other.name.value) != name_key(target.name.value) and other.name.value != PLACEHOLDER:
        if other.name.value not in [n.value for n in target.other_names]:
            target.other_names.append(other.name)
    known_urls = {url_key(link.url.value) for link in target.urls}
    target.urls.extend(link for link in other.urls if url_key(link.url.value) not in known_urls)
    known_aliases = {a.value for a in target.aliases}
    target.aliases.extend(a for a in other.aliases if a.value not in known_aliases)
    counted = {(c.what.value, c.value) for c in target.counts}
    target.counts.extend(c for c in other.counts if (c.what.value, c.value) not in counted)
    labels = {f.value for f in target.free_periods}
    target.free_periods.extend(f for f in other.free_periods if f.value not in labels)
    target.contacts = merge_contacts(target.contacts + other.contacts)


def _keys(platform: PlatformDraft) -> set[str]:
    keys = {"host:" + host_key(link.url.value) for link in platform.urls if not link.label}
    if platform.name.value != PLACEHOLDER:
        keys.add("name:" + name_key(platform.name.value))
    keys.update("name:" + name_key(alias.value) for alias in platform.aliases)
    return keys


def merge_contacts(contacts: list[ContactDraft]) -> list[ContactDraft]:
    """The same person (or unit) in the same role with the same phones, listed twice, becomes one contact.

    The same name in another role stays apart: a notice may give one person different duties in
    different parts, and a maintainer should see both.
    """
    result: list[ContactDraft] = []
    for contact in contacts:
        key = _contact_key(contact)
        same = next((c for c in result if _contact_key(c) == key), None)
        if same is None:
            result.append(contact)
            continue
        for field in ("regions", "phones", "unsure_phones", "emails", "qq", "qq_groups", "wechat"):
            have = {f.value for f in getattr(same, field)}
            getattr(same, field).extend(f for f in getattr(contact, field) if f.value not in have)
    for contact in result:
        _flag_near_duplicates(contact, result)
    return result


def _contact_key(contact: ContactDraft) -> tuple:
    who = tuple(part.value if part else None
                for part in (contact.name, contact.unit, contact.role, contact.purpose))
    return who, tuple(sorted(f.value for f in contact.phones))


def _flag_near_duplicates(contact: ContactDraft, others: list[ContactDraft]) -> None:
    """Mark what looks like a typo of another value: a QQ one digit longer, a name sharing a phone."""
    for field in ("qq", "qq_groups"):
        values = getattr(contact, field)
        for value in values:
            for other in values:
                if other is not value and len(value.value) == len(other.value) + 1 and \
                        value.value.startswith(other.value):
                    value.unsure = f"与 {other.value} 只差末尾一位，可能有一个写错 (one digit longer than the other)"
    if contact.name:
        for other in others:
            if other is contact or not other.name or other.name.value == contact.name.value:
                continue
            shared = {f.value for f in contact.phones} & {f.value for f in other.phones}
            if shared:
                note = (f"待核实 (unsure): 与“{other.name.value}”电话相同 ({', '.join(sorted(shared))})，"
                        f"姓名可能有一处笔误")
                if note not in contact.notes:
                    contact.notes.append(note)
