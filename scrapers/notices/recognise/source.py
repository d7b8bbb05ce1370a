"""The facts about the notice itself: 文号, title, issuers, dates, whether it is public, where it was posted."""

from __future__ import annotations

import re

from catalog_scrapers.notices.model import Found, LinkDraft, SourceDraft
from catalog_scrapers.notices.recognise.patterns import (
    DATE, DOC_NUMBER, HAN, ISSUED_LABEL, NUMBER_LABEL, PUBLIC_MARK, PUBLISHED_AT, STANDALONE_DATE, Token, date_of,
    lines_with_offsets,
)

_TITLE_WORD = (r"(?:通知|意见|办法|方案|决定|通告|公告|函|纲要|规定|安排|建议|措施|通报|情况介绍|名单|一览表|指南|公示|"
               r"规划|计划|须知|指引|预案|细则|要点|倡议书|公开信|告知书|一封信)")
# A title may end with its place in a series: 通告(第1号), 公告(二).
_TITLE_END = re.compile(_TITLE_WORD + r"(?:\(第?[\d一二三四五六七八九十]{1,3}[号期]?\))?$")
_TITLE = re.compile(r"关于|" + _TITLE_END.pattern)
# Tags a site puts before a title: [110.05.18 教育部公布停课], 【转发】, ★.
_TITLE_TAGS = re.compile(r"^(?:\s?(?:\[[^\[\]]{1,30}\]|【[^【】]{1,30}】|[★☆■●]))+\s?(?=\S)")
# label:value (考试时间:授课教师安排) is a line of a list, not a title.
_LABEL_VALUE = re.compile(r"^[^:]{1,8}:.")
# A title that names its issuer without 关于: 东南大学成贤学院…工作领导小组通告(第1号).
_ISSUER_TITLE = re.compile(r"^(.{4,40}?)(?:通告|公告|通知|通报)(?:\(第?[\d一二三四五六七八九十]{1,3}[号期]?\))?$")
# A letter's title names who writes it: 聊城高新区教育局就延迟开学有关事宜致学生和家长的一封信.
_LETTER_TITLE = re.compile(r"^(.{3,30}?)(?:就[^致]{2,60})?致.{2,30}的(?:一封|公开)信$")
# A letter signed without a date: 教务处 敬上.
_SIGN_OFF = re.compile(r"^(.{2,30}?)\s*(?:敬上|谨上|谨启|敬启)$")
# A page's line about the posting (信息来源:… 更新时间:【2022-02-23 10:09:02】 阅读:…) is no part of the body.
_POSTED_LINE = re.compile(r"(?:发布时间|发布日期|发表时间|发稿日期|公布日期|公告日期|更新时间|张贴日期|发布单位|来源|责任编辑|作者)"
                          r"\s?[:/]"
                          r"|张贴者|发布者|发布人"
                          r"|\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}")
# A reporter's byline under a headline: 晨报记者 杨青霞, 生活中心/蔡翊凡报导.
# A series label above a headline (抗击疫情重庆时刻系列报道) is no byline.
_BYLINE = re.compile(rf"^[{HAN}/ ]{{0,12}}(?:记者|(?<!系列)(?<!专题)(?<!连续)(?:报导|报道))[{HAN} ]{{0,6}}$")
# The body that contributed a report, in a bracket under its headline: (四川省成都图书馆 供稿).
_CONTRIBUTED = re.compile(r"^\s?\(([^()]{2,30}?)\s?供稿\)\s?$")
# A news report's dateline opening its first paragraph (人民网北京2月4日电, 本报讯): the line above is the headline.
_DATELINE = re.compile(rf"^[{HAN}]{{2,12}}\d{{1,2}}月\d{{1,2}}日(?:电|讯)|^[{HAN}]{{2,10}}讯\s?\(")
# A bulletin's own heading over its date (教育部通報 / 110年5月25日) in a page that reposts it: who issued it.
_BULLETIN = re.compile(r"^([^关]{2,20}?)(?:通报|通告|公告|通知)$")
# A press release's contact lines (業務聯絡:臺北市政府教育局中教科 …, 新聞聯絡:…) open with the issuing body.
_PRESS_CONTACT = re.compile(rf"^\s?(?:业务|新闻)联络\s?:\s?([{HAN}]{{2,24}})")
_BODY_END = re.compile(r"(?:局|部|署|厅|委员会|政府)")
# The end of a letter's body (祝…安好!, 此致 敬礼): short lines of bodies right under it sign it.
_CLOSING = re.compile(r"^(?:祝|此致|敬礼)|[!!]$")
# Lines a web page prints around its content: a skip link, neighbours' links, a breadcrumb trail.
_PAGE_NAV = re.compile(r"^(?:跳到主要内容|跳至主要内容|上一[则篇条]|下一[则篇条]|当前位置|您的位置)|\S >\s?\S")
# The office that posts a page's notice, labelled: 发布单位:设备组.
_POSTED_BY = re.compile(r"^\s?(?:发布单位|发文单位|发布机构|发稿单位)\s?:\s?(\S{2,30})\s?$")
# A page's source (来源: 泰安市教育局) issued the notice when it is a public body, not a news site.
_SOURCE_LABEL = re.compile(r"来源\s?:\s?([^\s:]{2,30})")
# A heading underlined with a row of marks (****************) in a press release.
_UNDERLINE = re.compile(r"^\s?[*=_~-]{6,}\s?$")
# Words before a 文号 that cite another document: 根据《…》(哈院发[2020]2号), 依据…第…号函.
_CITES = re.compile(r"(?:》|根据|依据|按照|依照|参照|依)[^,;。:]{0,40}$")
_TITLE_LABEL = re.compile(r"^【?(?:主旨|主题|标题|题目)\s?:\s?(.{4,200}?)】?$")
# What a web page prints beside a title: a print link, a font-size switch.
_PAGE_FURNITURE = re.compile(r"\s(?:友善列印|列印|打印本页|打印|关闭窗口|【?字体:?大中小】?)$")
_HEADER_ISSUER = re.compile(r"^(.{2,40}?)\s*文\s*件$|^([^关]{2,20}?)\s*函$")
_ORGANISATION = re.compile(r"(?:部|厅|委|局|办|办公室|政府|小组|中心|学院|大学|学校|中学|小学|幼儿园|院|处|室|会|署|司|馆|"
                           r"平台)$")
_JOINS_NEXT = ("的", "和", "与", "及", "暨")
_SEAL = re.compile(r"^\(.*\)$")  # (河南省教育厅代章), (此页无正文)
_SPACE_IN_HAN = re.compile(rf"(?<=[{HAN}]) +(?=[{HAN}])")
_MARKDOWN = re.compile(r"^[#*>\s]+|[*\s]+$")
_LIST_START = re.compile(r"^(?:\d{1,2} ?[。.、]|\(?[一二三四五六七八九十]{1,3}[、)]|[壹贰叁肆伍陆柒捌玖拾]{1,2}、)")


def _tidy(line: str) -> str:
    return _SPACE_IN_HAN.sub("", _MARKDOWN.sub("", line))


def extract_sources(text: str, tokens: list[Token]) -> tuple[SourceDraft, list[SourceDraft]]:
    """The notice itself, and the documents it includes in full after its own date (a forwarded one)."""
    main = extract_source(text, tokens)
    included: list[SourceDraft] = []
    start = main.issued.end if main.issued else None
    while start is not None:
        number = next((m for m in DOC_NUMBER.finditer(text, start) if _stands_alone(text, m)), None)
        if number is None:
            break
        region = text.rfind("\n\n", start, number.start())
        document = extract_source(text, tokens, start=region + 1 if region >= 0 else start)
        included.append(document)
        start = document.issued.end if document.issued else None
    if included:  # what comes after the notice's own date belongs to the included document
        end = included[0].title.start if included[0].title else included[0].number.start
        mark = PUBLIC_MARK.search(text, 0, end)
        main.public = Found(mark.group(1) == "主动公开", mark.start(), mark.end()) if mark else None
    return main, included


def _stands_alone(text: str, match: re.Match) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start: len(text) if line_end < 0 else line_end]
    return _tidy(line).replace(" ", "").strip("()") == re.sub(r"\s+", "", match.group())


def extract_source(text: str, tokens: list[Token], start: int = 0) -> SourceDraft:
    source = SourceDraft()
    lines = [(offset, line) for offset, line in lines_with_offsets(text) if offset >= start]
    number = _main_number(text, start)
    header_end = number.start() if number else start
    if number:
        source.number = Found(re.sub(r"\s+", "", number.group()), number.start(), number.end())
    source.title = _title(lines)
    for offset, line in lines:
        if offset >= header_end:
            break
        issuer = _HEADER_ISSUER.match(_tidy(line).replace(" ", ""))
        if issuer:
            written = issuer.group(1) or issuer.group(2)
            at = offset + line.find(written[:2])
            source.header_issuer = Found(written, at, at + len(written))
    _dates(source, lines, header_end)
    if not source.issuers:
        source.issuers = [source.header_issuer] if source.header_issuer else _title_issuers(text, source.title)
    if not source.issuers:
        source.issuers = _signed_off(lines)
    if not source.issuers:
        source.issuers = _bulletin_heading(source, lines)
    if not source.issuers:
        source.issuers = _posted_by(lines)
    if not source.issuers:
        source.issuers = _press_contact_body(lines)
    mark = PUBLIC_MARK.search(text, start)
    if mark:
        source.public = Found(mark.group(1) == "主动公开", mark.start(), mark.end())
    _urls(source, text, [t for t in tokens if t.start >= start], header_end)
    _kind(source, text, header_end)
    return source


def _main_number(text: str, start: int) -> re.Match | None:
    """The notice's own 文号: the one labelled 发文字号 when there is one, else the first."""
    numbers = list(DOC_NUMBER.finditer(text, start))
    for match in numbers:
        if NUMBER_LABEL.search(text[max(0, match.start() - 8):match.start()]):
            return match
    return next((match for match in numbers if not _cited(text, match)), None)


def _cited(text: str, match: re.Match) -> bool:
    """A 文号 in a sentence that cites another document (根据《…》(X〔2020〕2号)) is not the notice's own."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[max(line_start, match.start() - 60):match.start()]
    return bool(_CITES.search(before))


def _title_issuers(text: str, title: Found | None) -> list[Found]:
    """教育部办公厅 工业和信息化部办公厅关于…的通知: the bodies before 关于 (spaces as written part them); without
    关于, the body that announces (…领导小组通告) or writes (…教育局就…致家长的一封信)."""
    raw = text[title.start:title.end] if title else ""
    if "关于" not in raw:
        bare = _tidy(raw).replace(" ", "") if title else ""
        named = _ISSUER_TITLE.match(bare) or _LETTER_TITLE.match(bare)
        if named and _ORGANISATION.search(named.group(1)):
            at = title.start + raw.find(named.group(1)[:2])
            return [Found(named.group(1), at, at + len(named.group(1)), unsure="按标题读出 (read from the title)")]
        return []
    before = _MARKDOWN.sub("", raw.split("关于", 1)[0])
    before = re.sub(r"\s*\n\s*", "", before)  # a body's name wrapped over lines above 关于 is one name
    parts = [part for part in re.split(r"[ 、,]", before) if part]
    if not parts or not all(_ORGANISATION.search(part) and len(part) >= 3 for part in parts):
        return []
    found = []
    for part in parts:
        if part in raw:
            at, end = raw.find(part), raw.find(part) + len(part)
        else:  # wrapped: from its first characters to its last
            at = raw.find(part[:2])
            end = raw.find(part[-2:], at) + 2
        found.append(Found(part, title.start + at, title.start + end,
                           unsure="按标题“关于”之前读出 (read from the title)"))
    return found


def _title(lines: list[tuple[int, str]]) -> Found | None:
    """A labelled title (主旨:), else the first line that reads like a title; a title broken over two
    lines is joined."""
    for offset, line in lines:
        labelled = _TITLE_LABEL.match(_tidy(line))
        if labelled:
            value = labelled.group(1).strip()
            at = offset + line.find(value[:4])
            return Found(value, at, at + len(value))
    repeated = _repeated_headline(lines)
    if repeated is not None:
        return repeated
    addressed = _title_above_addressees(lines)
    if addressed is not None:
        return addressed
    headline = _headline(lines)
    if headline is not None:
        return headline
    for index, (offset, line) in enumerate(lines):
        tidy = _tidy(_PAGE_FURNITURE.sub("", line))
        if _HEADER_ISSUER.match(tidy.replace(" ", "")):
            continue  # 河南省教育厅文件, 彰化县政府 函: the issuer's letterhead
        end = offset + len(line)
        tags = _TITLE_TAGS.match(tidy)
        if tags:
            tidy = tidy[tags.end():]
            offset += max(0, line.find(tidy[:4]))
        # the page's first line may be a headline with a comma (关于春季开学,举报电话公布!); later ones are sentences
        first = not any(_tidy(earlier) for _, earlier in lines[:index])
        comma = r"[。]|:$" if first and len(tidy) <= 40 and not tidy.endswith(",") else r"[,。]|:$"
        if (4 <= len(tidy) <= 120 and _TITLE.search(tidy) and not _LIST_START.match(tidy)
                and not tidy.startswith("附") and not re.search(comma, tidy) and not _LABEL_VALUE.match(tidy)):
            if not _TITLE_END.search(tidy) and index + 1 < len(lines):
                next_offset, next_line = lines[index + 1]
                rest = _tidy(next_line)
                if rest and len(rest) <= 60 and _TITLE_END.search(rest):
                    tidy, end = tidy + rest, next_offset + len(next_line)
            return Found(tidy, offset, end)
    return _heading_above_list(lines)


def _title_like(tidy: str, headline: bool = False) -> bool:
    """A line that could be a heading: not a sentence, a list item, a label:value line or a date. A
    headline above a page's posting lines may hold a colon (教育部:组织22个平台…)."""
    return (4 <= len(tidy) <= 120 and not re.search(r"[。;]|[,,:]$" if headline else r"[。;:]|[,,]$", tidy)
            and not _LIST_START.match(tidy)
            and not _PAGE_NAV.search(tidy) and not _BYLINE.match(tidy) and not _mostly_date(tidy, headline)
            and not tidy.startswith("附") and re.search(f"[{HAN}]", tidy) is not None)


def _mostly_date(tidy: str, headline: bool) -> bool:
    """A date line; a headline may open with a date (3月14日起马鞍山中小学…调整为线上教学) and say more."""
    date = DATE.search(tidy)
    return date is not None and (not headline or len(tidy) - len(date.group()) < 8)


def _repeated_headline(lines: list[tuple[int, str]]) -> Found | None:
    """A page prints its headline both above and below its posting line: that is the page's title, before
    any heading of a letter or notice quoted under it."""
    headline = _headline(lines)
    if headline is None:
        return None
    after = [_tidy(_PAGE_FURNITURE.sub("", line)) for offset, line in lines if offset > headline.end]
    after = [text for text in after if text and not _POSTED_LINE.search(text)][:2]
    return headline if headline.value in after else None


def _headline(lines: list[tuple[int, str]]) -> Found | None:
    """A web page's headline: the line right above the page's posting lines (its date and time, 来源:,
    发布单位:, a reporter's byline), whatever words it ends with."""
    for index, (offset, line) in enumerate(lines[:40]):
        tidy = _tidy(line)
        if not (_POSTED_LINE.search(tidy) or _BYLINE.match(tidy) or _UNDERLINE.match(line) or _DATELINE.match(tidy)
                or _CONTRIBUTED.match(tidy)):
            continue
        for above_offset, above in reversed(lines[max(0, index - 6):index]):
            text = _tidy(_PAGE_FURNITURE.sub("", above))
            if not text or _PAGE_NAV.search(text) or _POSTED_LINE.search(text):
                continue
            text = _tagged_title(text) if not _ONLY_TAGS.sub("", text) else _TITLE_TAGS.sub("", text)
            if text and _title_like(text, headline=True):
                at = above_offset + max(0, above.find(text[:4]))
                return Found(text, at, at + len(text))
            return None
        return None
    return None


_TAG = re.compile(r"【([^【】]{1,200})】")
_ONLY_TAGS = re.compile(r"【[^【】]{0,200}】|“[^“”]{0,40}”|\[[^\[\]]{0,40}\]|[★☆■●\s]")


def _tagged_title(text: str) -> str:
    """A headline made only of tags (【COVID】★【转发】【80人以上课程…改为远距教学】【English…】): the tag
    with the most Chinese in it."""
    tags = [tag.group(1).strip() for tag in _TAG.finditer(text)]
    han = lambda tag: len(re.findall(f"[{HAN}]", tag))
    best = max(tags, key=han, default="")
    return best if han(best) >= 4 else ""


def _heading_above_list(lines: list[tuple[int, str]]) -> Found | None:
    """A page that opens (after its navigation links) with one short heading and then a numbered list
    (一、…): the heading is the title."""
    said = [(offset, line, _tidy(line)) for offset, line in lines[:40] if _tidy(line)]
    said = [(offset, line, tidy) for offset, line, tidy in said if not _PAGE_NAV.search(tidy)]
    if len(said) >= 2 and _title_like(said[0][2]) and len(said[0][2]) <= 60 and _LIST_START.match(said[1][2]):
        offset, line, tidy = said[0]
        at = offset + max(0, line.find(tidy[:4]))
        return Found(tidy, at, at + len(tidy))
    return _heading_above_body(said)


def _heading_above_body(said: list[tuple[int, str, str]]) -> Found | None:
    """A page's short heading right above its first long paragraph, when the line above the heading is the
    page's furniture (字体: 放大 还原 缩小, a date, a navigation link): the title."""
    for index, (offset, line, tidy) in enumerate(said[:15]):
        if len(tidy) < 60:
            continue
        if index == 0:
            return None
        offset, line, above = said[index - 1]
        furniture = said[index - 2][2] if index >= 2 else ""
        if not (re.search(r"字体|字号|放大|缩小", furniture) or DATE.search(furniture) or _PAGE_NAV.search(furniture)):
            return None
        if _title_like(above) and len(above) <= 40 and not _PAGE_FURNITURE.search(" " + above) \
                and not re.search(r"[:!?]|^\S{0,6}$", above):
            at = offset + max(0, line.find(above[:4]))
            return Found(above, at, at + len(above))
        return None
    return None


# 各高校:, and a list that names some addressees before its 各…: 阜阳市三区教育局,各在阜高校,各市属学校:
_ADDRESSEE_LINE = re.compile(r"^(?:[^,、:。]{2,30}[,、]){0,4}各.{1,80}:$")


def _title_above_addressees(lines: list[tuple[int, str]]) -> Found | None:
    """The title stands right above the addressees (各高校:): a page's own heading above it is not the title."""
    for index, (offset, line) in enumerate(lines[:80]):
        if not _ADDRESSEE_LINE.match(_tidy(line)):
            continue
        above = [(o, text) for o, text in lines[max(0, index - 6):index] if _tidy(text)]
        if not above:
            return None
        o, text = above[-1]
        tidy = _tidy(_PAGE_FURNITURE.sub("", text))
        if _TITLE_END.search(tidy) and not re.search(r"[,。]", tidy) and len(tidy) <= 120:
            if tidy.startswith("关于") and len(above) >= 2:  # 河曲县教育科技局 / 关于…的通知: the issuer's line above
                o2, text2 = above[-2]
                first = _tidy(text2).replace(" ", "")
                if _ORGANISATION.search(first) and len(first) <= 30 and not re.search(r"[,。:\d]", first):
                    if len(above) >= 3:  # 阜阳市教育系统 / 新冠肺炎疫情防控工作领导小组 / 关于…: a body's name on two lines
                        o3, text3 = above[-3]
                        upper = _tidy(text3).replace(" ", "")
                        if (4 <= len(upper) <= 20 and re.fullmatch(f"[{HAN}]+", upper)
                                and not _ORGANISATION.search(upper) and not _TITLE_END.search(upper)):
                            return Found(upper + first + tidy, o3, o + len(text))
                    return Found(first + tidy, o2, o + len(text))
            if "关于" not in tidy and len(above) >= 2:  # a title wrapped before its 关于…: join the piece above
                o2, text2 = above[-2]
                first = _tidy(text2)
                if "关于" in first and not re.search(r"[,。:]", first) and len(first + tidy) <= 120:
                    return Found(first + tidy, o2, o + len(text))
            return Found(tidy, o, o + len(text))
        return None
    return None


def _dates(source: SourceDraft, lines: list[tuple[int, str]], header_end: int) -> None:
    """The date issued: a labelled one (发文日期:), else the first date line under a signature, else the
    last date line of the body. A date above the body (a repost's, often with its time) is when it was
    published."""
    body_start = header_end or next((o for o, line in lines if len(line.strip()) >= 40
                                     and not _POSTED_LINE.search(line) and not _PAGE_NAV.search(line)), 0)
    candidates = []  # (index, Found) of date lines in the body
    for index, (offset, line) in enumerate(lines):
        labelled = ISSUED_LABEL.match(line)
        if labelled and source.issued is None and date_of(labelled):
            source.issued = Found(date_of(labelled), offset, offset + len(line))
            continue
        if offset < body_start:
            if source.title and offset <= source.title.start <= offset + len(line):
                continue  # the date a headline announces (延长至110年6月14日止) is not when the page was posted
            match = PUBLISHED_AT.search(line)
            day = date_of(match) if match else None
            if day and source.published is None:
                source.published = Found(day, offset + match.start(), offset + match.end())
            continue
        match = STANDALONE_DATE.match(line)
        day = date_of(match) if match else None
        if day and not match.group("time"):
            candidates.append((index, Found(day, offset, offset + len(line))))
    if source.issued is not None:
        return
    for index, found in candidates:
        issuers = _signature(lines, index)
        if issuers:
            source.issued, source.issuers = found, issuers
            return
    if candidates:
        source.issued = candidates[-1][1]


def _signature(lines: list[tuple[int, str]], date_index: int) -> list[Found]:
    """The short lines just above the date: the issuing bodies, seals left out."""
    issuers: list[Found] = []
    for offset, line in reversed(lines[:date_index]):
        tidy = _tidy(line).replace(" ", "")
        if not tidy:
            continue
        if _SEAL.match(tidy):
            continue  # a seal or a page remark, not an issuer
        if (len(tidy) > 40 or tidy.endswith(("。", ":", ";")) or ":" in tidy or _LIST_START.match(tidy)
                or re.search(r"[\d@]", tidy) or _TITLE_END.search(tidy)):  # a table row, a list, a title
            break
        value = re.sub(r"\(代章\)$", "", tidy)
        if issuers and (issuers[0].value.startswith(_JOINS_NEXT) or value.endswith(_JOINS_NEXT)):
            joined = issuers.pop(0)  # 河南省教育厅新型冠状病毒感染 / 的肺炎疫情防控工作领导小组: one body, wrapped
            issuers.insert(0, Found(value + joined.value, offset, joined.end))
        else:
            issuers.insert(0, Found(value, offset, offset + len(line)))
    return issuers


def _bulletin_heading(source: SourceDraft, lines: list[tuple[int, str]]) -> list[Found]:
    """A line that is only a body and 通报/公告 (教育部通報) right above a date line, among the page's first
    lines: the bulletin's issuer, and its date when none was read."""
    said = [(offset, line) for offset, line in lines[:40] if line.strip()]
    for (offset, line), (date_offset, date_line) in zip(said, said[1:]):
        heading = _BULLETIN.match(_tidy(line).replace(" ", ""))
        date = STANDALONE_DATE.match(date_line)
        day = date_of(date) if date else None
        if heading and day and _ORGANISATION.search(heading.group(1)):
            if source.issued is None:
                source.issued = Found(day, date_offset, date_offset + len(date_line))
            value = heading.group(1)
            at = offset + line.find(value[:2])
            return [Found(value, at, at + len(value), unsure="按通报抬头读出 (read from the bulletin's heading)")]
    return []


def _press_contact_body(lines: list[tuple[int, str]]) -> list[Found]:
    """The body a press release's 业务联络/新闻联络 lines open with (臺北市政府教育局 of …教育局中教科 黃…科長):
    the release's issuer, when no line says otherwise."""
    for offset, line in lines[:40]:
        contact = _PRESS_CONTACT.match(line)
        if not contact:
            continue
        named = contact.group(1)
        ends = [m.end() for m in _BODY_END.finditer(named) if len(named) - m.end() <= 8]
        if ends and ends[-1] >= 4:
            value = named[:ends[-1]]
            at = offset + contact.start(1)
            return [Found(value, at, at + len(value), unsure="按新闻稿联络人一行读出 (read from the press contact line)")]
    return []


def _posted_by(lines: list[tuple[int, str]]) -> list[Found]:
    """The office a page names as the notice's poster (发布单位:设备组), among the page's first lines."""
    for offset, line in lines[:30]:
        posted = _POSTED_BY.match(line)
        if posted:
            return [Found(posted.group(1), offset + posted.start(1), offset + posted.end(1))]
    for offset, line in lines[:30]:
        contributed = _CONTRIBUTED.match(_tidy(line))
        if contributed and _ORGANISATION.search(contributed.group(1)):
            value = contributed.group(1)
            at = offset + line.find(value[:2])
            return [Found(value, at, at + len(value), unsure="按“供稿”读出 (read from the contributor's line)")]
        source = _SOURCE_LABEL.search(line) if _POSTED_LINE.search(line) else None
        if source and _ORGANISATION.search(source.group(1)) and not source.group(1).endswith("网"):
            return [Found(source.group(1), offset + source.start(1), offset + source.end(1),
                          unsure="按页面“来源:”读出 (read from the page's source line)")]
    return []


def _signed_off(lines: list[tuple[int, str]]) -> list[Found]:
    """A body that signs a letter without a date (教务处 敬上), on one of the last lines that say anything;
    else the bodies on the short lines right under the letter's closing (祝…安好!), whatever follows them (a
    date written unreadably, the page's share links)."""
    said = [(offset, line) for offset, line in lines if line.strip()]
    for offset, line in said[-12:]:
        signed = _SIGN_OFF.match(line.strip())
        if signed and _ORGANISATION.search(signed.group(1).strip()):
            value = signed.group(1).strip()
            at = offset + line.find(value)
            return [Found(value, at, at + len(value))]
    tail = said[-12:]
    signers: list[Found] = []
    for index, (offset, line) in enumerate(tail):
        if not _CLOSING.search(_tidy(line).strip()):
            continue
        run = []
        for below_offset, below in tail[index + 1:]:
            value = _tidy(below).replace(" ", "")
            if not (4 <= len(value) <= 30 and _ORGANISATION.search(value) and not re.search(r"[,。:;!!\d]", value)):
                break
            at = below_offset + below.find(value[:2])
            run.append(Found(value, at, at + len(value), unsure="按信末落款读出 (read from the letter's signature)"))
        signers = run or signers
    return signers


def _urls(source: SourceDraft, text: str, tokens: list[Token], header_end: int) -> None:
    for token in tokens:
        if token.kind != "url" or token.start >= header_end:
            continue
        before = text[max(0, token.start - 8):token.start]
        label = "原文链接" if "原文链接" in before else None
        path = re.sub(r"^[a-z]+://[^/]+", "", token.value, flags=re.IGNORECASE)
        unsure = token.warning or (None if label or (len(path) > 1 and not path.endswith("/")) else
                                   "页首的频道或导航链接？(a section or navigation link of the page?)")
        source.urls.append(LinkDraft(Found(token.value, token.value_start, token.end, unsure=unsure), label))


def _kind(source: SourceDraft, text: str, header_end: int) -> None:
    title = source.title.value if source.title else ""
    if "转发" in title:
        at = source.title
        source.kind = Found("forwarding", at.start, at.end)
        main = source.number.value if source.number else None
        for match in DOC_NUMBER.finditer(text):
            number = re.sub(r"\s+", "", match.group())
            if number != main and number not in [f.value for f in source.forwards]:
                source.forwards.append(Found(number, match.start(), match.end()))
    elif source.urls or source.published:
        first = source.urls[0].url if source.urls else source.published
        source.kind = Found("repost", first.start, first.end,
                            unsure="正文前有网址或发布时间，像是转载页 (page header suggests a repost)")
