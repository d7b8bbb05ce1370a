"""Tables: a header row names the columns; each row below is one platform (or one contact).

A platform table (序号 | 平台名称 | 网址 | 联系人及电话 | 服务群) gives one platform per row, with the
row's URLs and the contacts of its other cells (a cell with several people gives several contacts).
A contact table (处室 | 姓名 | 电话 | 邮箱) gives one contact per row. A table without such a header
is left to the text recognisers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog_scrapers.notices.document import Cell, Table
from catalog_scrapers.notices.model import ContactDraft, Found, LinkDraft, PlatformDraft
from catalog_scrapers.notices.recognise.fold import fold
from catalog_scrapers.notices.recognise.patterns import Token

# Header words, checked in this order: the first that matches names the column.
_ROLES = (
    ("number", re.compile(r"^(?:序号|编号|序|No\.?)$", re.IGNORECASE)),
    ("email", re.compile(r"邮箱|邮件|e-?mail", re.IGNORECASE)),
    ("group", re.compile(r"群|QQ|微信", re.IGNORECASE)),
    ("url", re.compile(r"网址|网站|链接|域名|地址|URL", re.IGNORECASE)),
    ("name", re.compile(r"(?:平台|资源|课程|网站|系统|应用|产品|工具)(?:名称)?$|^名称$")),
    ("unit", re.compile(r"^(?:单位|处室|部门|机构|科室|单位名称)$")),
    ("contact", re.compile(r"联系|电话|手机|负责人|姓名|客服|服务人员|对接人")),
)
_SPACES = re.compile(r"\s+")


@dataclass
class TableFacts:
    table: Table
    platforms: list[PlatformDraft] = field(default_factory=list)
    contacts: list[ContactDraft] = field(default_factory=list)


def column_role(text: str) -> str | None:
    """The role a header cell names (number, name, url, contact, group, email, unit), or None."""
    label = _SPACES.sub("", fold(text))
    return next((name for name, pattern in _ROLES if 0 < len(label) <= 12 and pattern.search(label)), None)


def column_roles(texts: list[str]) -> list[str | None] | None:
    """The role of each column when `texts` reads as a header row (two or more known labels), else None."""
    roles = [column_role(text) for text in texts]
    known = [r for r in roles if r]
    return roles if len(known) >= 2 and ("name" in known or "contact" in known) else None


class TableReader:
    def __init__(self, text: str, tokens: list[Token], contacts, make_platform):
        self.text = text
        self.tokens = tokens
        self.contacts = contacts          # a ContactReader
        self.make_platform = make_platform  # Found -> PlatformDraft (the extractor's name handling)

    def cell_text(self, cell: Cell) -> str:
        return self.text[cell.start:cell.end]

    def read(self, table: Table) -> TableFacts | None:
        for index, row in enumerate(table.rows[:3]):
            roles = column_roles([self.cell_text(c) for c in row])
            if roles:
                break
        else:
            return None
        facts = TableFacts(table)
        for row in table.rows[index + 1:]:
            self._row(row, roles, facts)
        return facts

    def _row(self, row: list[Cell], roles: list[str | None], facts: TableFacts) -> None:
        platform_table = "name" in roles
        if len(row) < len(roles):  # cells merged down from the row above (rowspan): the missing ones lead
            roles = roles[len(roles) - len(row):]
        by_role: dict[str, list[Cell]] = {}
        for cell, role in zip(row, roles):
            by_role.setdefault(role or "other", []).append(cell)
        names = [c for c in by_role.get("name", []) if self._platform_name(c)]
        people_cells = [c for role in ("unit", "contact", "group", "email", "other") for c in by_role.get(role, [])
                        if role != "other" or platform_table]
        contacts = []
        if people_cells:  # one run over the people's cells: a name in one column, its phone in the next
            start = min(c.start for c in people_cells)
            end = max(c.end for c in people_cells)
            tokens = [t for t in self.tokens if t.kind != "url"
                      and any(c.start <= t.start < c.end for c in people_cells)]
            contacts = self.contacts.read(start, end, tokens, None)
        if not platform_table:
            self._contact_row(row, by_role, contacts, facts)
            return
        urls = [LinkDraft(Found(t.value, t.value_start, t.end, unsure=t.warning)) for t in self.tokens
                if t.kind == "url" and any(c.start <= t.start < c.end for c in row)]
        if names:
            platform = self.make_platform(self._found(names[0]))
            facts.platforms.append(platform)
        elif facts.platforms and (contacts or urls):
            platform = facts.platforms[-1]  # the name cell is merged with the row above: same platform
        else:
            return
        platform.urls.extend(urls)
        platform.contacts.extend(contacts)

    def _contact_row(self, row, by_role, contacts: list[ContactDraft], facts: TableFacts) -> None:
        """A contact table: the row is one unit's or person's entry; its unit cell names the unit."""
        units = [c for c in by_role.get("unit", []) if self.cell_text(c).strip()]
        unit = self._found(units[0]) if units else None
        if not contacts:
            return
        merged = contacts[0]
        for other in contacts[1:]:
            for name in ("phones", "unsure_phones", "emails", "qq", "qq_groups", "wechat"):
                getattr(merged, name).extend(getattr(other, name))
            merged.name = merged.name or other.name
            merged.role = merged.role or other.role
        if unit is not None:
            merged.unit = unit
        facts.contacts.append(merged)

    def _found(self, cell: Cell) -> Found:
        raw = self.cell_text(cell)
        value = raw.strip()
        start = cell.start + raw.find(value)
        return Found(_SPACES.sub("", value) if re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", value)
                     else " ".join(value.split()), start, start + len(value))

    def _platform_name(self, cell: Cell) -> bool:
        value = self.cell_text(cell).strip()
        return 2 <= len(value) <= 60 and bool(re.search(r"[\u4e00-\u9fffA-Za-z]", value)) \
            and not re.match(r"^(?:https?://|www\.)", value)
