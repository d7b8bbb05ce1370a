"""Write drafts as YAML for a maintainer: one document per entry file, every value with its line and quote.

The text is written by hand rather than dumped, so that each value can carry a comment. Strings are
JSON-quoted (a JSON string is a valid YAML double-quoted scalar). What the maintainer must fill is
the placeholder FILL-ME, which no field accepts, so `validate` fails until it is replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from catalog_scrapers.notices.model import (
    PLACEHOLDER, ContactDraft, CountDraft, Found, LinkDraft, PlatformDraft, SourceDraft,
)
from catalog_scrapers.notices.document import NoticeText
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


_FULL_WIDTH = {":": "：", ";": "；", ",": "，", "(": "（", ")": "）", "!": "！", "?": "？"}
_PUNCT_BY_HAN = re.compile(r"(?<=[\u4e00-\u9fff])[:;,()!?]|[:;,()!?](?=[\u4e00-\u9fff])")


def chinese_punctuation(text: str) -> str:
    """Punctuation next to Chinese characters back in full width, as the notice wrote it (河南：做好...)."""
    return _PUNCT_BY_HAN.sub(lambda m: _FULL_WIDTH[m.group()], text)


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value == PLACEHOLDER:
        return PLACEHOLDER
    text = json.dumps(chinese_punctuation(str(value)), ensure_ascii=False)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def _clean_comment(text: str) -> str:
    return " ".join(str(text).split())


class DraftWriter:
    def __init__(self, notice: NoticeText, source_ids: list[str], as_of: dt.date | None):
        self.notice = notice
        self.source_ids = source_ids
        self.as_of = as_of
        self.out: list[str] = []

    # --- comments -------------------------------------------------------------------------------

    def where(self, found: Found) -> str:
        text = self.notice.text
        line_start = text.rfind("\n", 0, found.start) + 1
        line_end = text.find("\n", found.end)
        line_end = len(text) if line_end < 0 else line_end
        start, end = max(line_start, found.start - 12), min(line_end, max(found.end, found.start) + 8)
        if end - start > 48:
            end = start + 48
        quote = text[start:end]
        if start > line_start:
            quote = "…" + quote
        if end < line_end:
            quote += "…"
        return f"{self.notice.place_at(found.start)}: “{_clean_comment(quote)}”"

    def comment(self, found: Found) -> str:
        parts = []
        if found.unsure:
            parts.append(f"待核实 (unsure): {found.unsure}")
        if found.note:
            parts.append(found.note)
        parts.append(self.where(found))
        return "  # " + _clean_comment("; ".join(parts))

    def line(self, text: str) -> None:
        self.out.append(text)

    def field(self, indent: str, key: str, found: Found | None, value=None) -> None:
        if found is None:
            return
        shown = found.value if value is None else value
        self.line(f"{indent}{key}: {scalar(shown)}{self.comment(found)}")

    def placeholder(self, indent: str, key: str, why: str) -> None:
        self.line(f"{indent}{key}: {PLACEHOLDER}  # 待填 (to fill): {_clean_comment(why)}")

    def items(self, indent: str, key: str, values: list[Found], convert=lambda v: v) -> None:
        if not values:
            return
        self.line(f"{indent}{key}:")
        for value in values:
            self.line(f"{indent}  - {scalar(convert(value.value))}{self.comment(value)}")

    def as_of_line(self, indent: str) -> None:
        if self.as_of:
            self.line(f"{indent}as_of: {self.as_of.isoformat()}  # 取来源的成文日期 (the source's date)")
        else:
            self.placeholder(indent, "as_of", "来源公布该信息的日期，原文没找到 (date not found)")

    def sources_line(self, indent: str) -> None:
        self.line(f"{indent}sources: {flow_list(self.source_ids)}")

    # --- parts ----------------------------------------------------------------------------------

    def links(self, links: list[LinkDraft], indent: str = "") -> None:
        if not links:
            return
        shown = [link for link in links if not self._navigation(link)]
        self.line(f"{indent}urls:" if shown else f"{indent}# urls:")
        for link in links:
            url = link.url.value
            if not url.lower().startswith(("http://", "https://")):
                url = "http://" + url
            if self._navigation(link):
                self.line(f"{indent}#  - {scalar(url)}{self.comment(link.url)}")
            elif link.label:
                self.line(f"{indent}  - url: {scalar(url)}{self.comment(link.url)}")
                self.line(f"{indent}    label: {scalar(link.label)}")
            else:
                self.line(f"{indent}  - {scalar(url)}{self.comment(link.url)}")

    @staticmethod
    def _navigation(link: LinkDraft) -> bool:
        """A page-header link that is probably navigation: shown commented out, for the maintainer."""
        return bool(link.url.unsure and link.label is None and "导航" in link.url.unsure)

    def contacts(self, contacts: list[ContactDraft], indent: str = "") -> None:
        if not contacts:
            return
        self.line(f"{indent}contacts:")
        for contact in contacts:
            for note in contact.notes:
                self.line(f"{indent}  # {_clean_comment(note)}")
            first = True
            for key in ("unit", "name"):
                found = getattr(contact, key)
                if found is None:
                    continue
                lead = "  - " if first else "    "
                if found.value == PLACEHOLDER:
                    self.placeholder(f"{indent}{lead}", key, "原文没写单位或姓名 (no unit or name given)")
                else:
                    self.line(f"{indent}{lead}{key}: {scalar(found.value)}{self.comment(found)}")
                first = False
            if first:
                self.line(f"{indent}  - unit: {PLACEHOLDER}  # 待填 (to fill): 原文没写单位或姓名 (no unit or name given)")
            inner = indent + "    "
            if contact.name:
                self.line(f"{inner}person: true")
            self.field(inner, "role", contact.role)
            self.field(inner, "purpose", contact.purpose)
            if contact.regions:
                ids = []
                for region in contact.regions:
                    if region.value not in ids:
                        ids.append(region.value)
                self.line(f"{inner}regions: {flow_list(ids)}{self.comment(contact.regions[0])}")
            if contact.phones or contact.unsure_phones:
                self.line(f"{inner}phones:")
                for phone in contact.phones:
                    self.line(f"{inner}  - {scalar(phone.value)}{self.comment(phone)}")
                for phone in contact.unsure_phones:
                    self.line(f"{inner}  # - {scalar(phone.value)}{self.comment(phone)}；请补上区号后取消注释 "
                              f"(add the area code, then uncomment)")
            self.items(inner, "emails", contact.emails)
            self.items(inner, "qq", contact.qq)
            self.items(inner, "qq_groups", contact.qq_groups)
            self.items(inner, "wechat", contact.wechat)
            self.as_of_line(inner)
            self.sources_line(inner)

    def counts(self, counts: list[CountDraft]) -> None:
        if not counts:
            return
        self.line("counts:")
        for count in counts:
            self.line(f"  - what: {scalar(count.what.value)}{self.comment(count.what)}")
            self.line(f"    value: {count.value}")
            if count.qualifier != "exact":
                self.line(f"    qualifier: {count.qualifier}")
            self.line(f"    as_written: {scalar(count.as_written.value)}")
            self.as_of_line("    ")
            self.sources_line("    ")

    def free_periods(self, periods: list[Found]) -> None:
        if not periods:
            return
        self.line("free_periods:")
        for period in periods:
            self.line(f"  - label: {scalar(period.value)}{self.comment(period)}")
            self.placeholder("    ", "start", f"原文只写“{period.value}”，请按来源读出开始日期 (read the start date)")
            self.placeholder("    ", "end", "结束日期；原文没有就删去这一行 (end date; delete if none)")
            self.line("    reading:  # 选填：如何把说法读成日期 (optional: how the label was read as dates)")
            self.sources_line("    ")

    # --- documents ------------------------------------------------------------------------------

    def header(self, target: str, status: str) -> None:
        self.line("")
        self.line(f"--- # {target}  {status}")

    def source_document(self, draft: SourceDraft, target: str, update_of: str | None,
                        forwards: dict[str, str] | None = None) -> None:
        """`forwards` maps a 文号 to the id of its source entry (in the catalog or in this draft)."""
        forwards = forwards or {}
        if update_of:
            self.header(target, f"UPDATE 更新已有条目“{update_of}” (update): 只列出新内容，请并入该文件 "
                                f"(merge these lists into the file)")
            self._update_body(lambda: (self.links(draft.urls), self.contacts(draft.contacts)),
                              draft.urls or draft.contacts)
            return
        self.header(target, "NEW 新条目 (new entry)")
        if draft.title:
            self.field("", "title", draft.title)
        else:
            self.placeholder("", "title", "文件标题，原文没找到 (title not found)")
        self.field("", "number", draft.number)
        if draft.issuers:
            self.items("", "issuers", draft.issuers)
        else:
            self.line(f"issuers: [{PLACEHOLDER}]  # 待填 (to fill): 发文单位，原文没找到 (issuer not found)")
        if draft.header_issuer:
            self.line(f"# 版头 (letterhead): {_clean_comment(draft.header_issuer.value)}"
                      f"{self.comment(draft.header_issuer)}")
        self.field("", "issued", draft.issued)
        if draft.kind:
            self.field("", "kind", draft.kind)
        for index, number in enumerate(draft.forwards):
            known = forwards.get(number.value)
            if known and index == 0:
                why = ("待填 (to fill): 下方新来源的文件名 (the id of the new source below); "
                       if known.startswith(PLACEHOLDER) else "")
                self.line(f"forwards: {scalar(known)}  # {why}转发的文件 (forwarded): {number.value}"
                          f"{self.comment(number)}")
            else:
                self.line(f"# forwards: 待填 (to fill) 被转发文件 {number.value} 的来源 id{self.comment(number)}")
        if draft.kind and draft.kind.value == "repost":
            self.line("# repost_of: 待填 (to fill) 原文的来源 id (id of the original's source entry)")
        self.field("", "published", draft.published)
        self.links(draft.urls)
        self.field("", "public", draft.public)
        self.contacts(draft.contacts)

    def platform_document(self, draft: PlatformDraft, target: str, update_of: str | None,
                          notes: list[str] = ()) -> None:
        """`notes`: where name, alias and address disagree with the catalog (shown, never "nothing new")."""
        if update_of:
            self.header(target, f"UPDATE 更新已有条目“{update_of}” (update): 只列出新内容，请并入该文件 "
                                f"(merge these lists into the file)")
            self._notes(notes)
            has_news = draft.aliases or draft.urls or draft.counts or draft.free_periods or draft.contacts
            if not has_news and notes:
                self.line("{}  # 没有新值，但名称与网址对不上，见上方注意 (no new values; see the note above)")
                return
            self._update_body(lambda: self._platform_lists(draft), has_news)
            return
        self.header(target, "NEW 新条目 (new entry): id 由网址得来，可改 (the id comes from the URL; rename freely)")
        self._notes(notes)
        if draft.name.value == PLACEHOLDER:
            self.placeholder("", "name", draft.name.unsure or "平台名称 (platform name)")
        else:
            self.field("", "name", draft.name)
        self.placeholder("", "kind", "类型，见 catalog/data/taxonomy/kinds.yaml (kind id, e.g. mooc-platform)")
        self._platform_lists(draft)
        # Every kind needs its provenance (catalog/provenance.py): the words it comes from, or a rule.
        self.line("basis:")
        self.line(f"  kind: {{source: {self.source_ids[0]}, quote: {PLACEHOLDER}}}  # 待填 (to fill): "
                  f"来源中说明类型的原话，或改为 {{rule: 规则id}} (quote, or a rule id)")
        self.sources_line("")

    def named_platform_document(self, target: str, name: str, mention: Found, missing_sources: list[str]) -> None:
        """A catalog platform the notice only names: say where, and cite the notice if the entry does not."""
        self.header(target, f"UPDATE 更新已有条目“{name}” (update): 通知只提到这个名称 (the notice only names it)")
        self.line(f"# {self.where(mention)}")
        if missing_sources:
            self.line(f"sources: {flow_list(missing_sources)}  # 若此平台确与本通知有关，请并入 (merge if relevant)")
        else:
            self.line("{}  # 已引用本通知，无新内容 (already cites the notice; nothing new)")

    def _notes(self, notes) -> None:
        for note in notes:
            self.line(f"# {_clean_comment(note)}")

    def _platform_lists(self, draft: PlatformDraft) -> None:
        for other in draft.other_names:
            self.line(f"# 另一写法 (also written as): {_clean_comment(other.value)}{self.comment(other)}")
        self.items("", "aliases", draft.aliases)
        self.links(draft.urls)
        self.counts(draft.counts)
        self.free_periods(draft.free_periods)
        self.contacts(draft.contacts)

    def _update_body(self, write, has_news) -> None:
        if has_news:
            write()
        else:
            self.line("{}  # 无新内容 (nothing new)")

    def text(self) -> str:
        return "\n".join(self.out) + "\n"
