"""Read the contacts of one list item: who (unit, name, role) and their phones, e-mails, QQ and WeChat.

Values are taken in the order they stand. The text between two values says whether a new contact
begins: a name or a label (爱课程河南区域负责人:段会青, 科技处 麦世奎, 平台研发运维部曹喆) starts one;
only a value label (手机号码:, QQ:) or a separator continues the one before.
"""

from __future__ import annotations

import re

from catalog_scrapers.notices.model import ContactDraft, Found
from catalog_scrapers.notices.recognise.patterns import (
    DATE, GENERIC_ROLES, HAN, ROLE_ENDINGS, TABLE_HEADINGS, UNIT_ENDINGS, VALUE_LABEL_TAIL, Token, is_name,
    is_name_list,
)

_CLAUSE_END = ";。"
_SEPARATORS = " ,、:\n"
_TOKEN_FIELDS = {"phone": "phones", "local_phone": "unsure_phones", "email": "emails", "qq": "qq",
                 "qq_group": "qq_groups", "wechat": "wechat"}
_LABELLED_KINDS = ("qq_group", "wechat")
_TRAILING_BRACKET = re.compile(r"^(.{2,30}?)\(([^()]{1,30})\)$")
_ADDRESSED = re.compile(rf"(?=([{HAN}]{{2,3}})(?:老师|同志|先生|女士))")
_ROOM = re.compile(r"\d{1,5}(?:室|房间|号房)$")
_CONNECTIVE = re.compile(r"^(?:或者|或|以及|及|和|与|并)$")
# The verb that sends something to an office, or reaches it: what follows is the office (邮件发送至教务处学籍科,
# 读者可通过图书馆QQ群).
_DIRECTED_TO = re.compile(r"发送至|发送到|发至|送至|报送至?|寄至|寄到|提交至|提交到|请向|联系|咨询|通过|洽|致电|拨打|通知")
# A job title after a name: 黄乔伟科长, 林奎宇研究员 (the name is the person, the title their role).
_JOB_TITLE = re.compile(r"(?:科长|处长|局长|主任|校长|院长|部长|馆长|组长|所长|书记|老师|教授|研究员|干事|秘书|专员|经理)$")
# A contact a news site prints for its own business (投稿热线, 商业、内容合作, 举报邮箱): no fact of the notice.
# A news site's own report line names what it takes reports of (违法和不良信息举报电话); a notice's 举报电话 is its own.
_SITE_BUSINESS = re.compile(r"投稿|广告|商务|商业|(?:违法|不良|有害)\S{0,6}举报|版权|内容合作|^合作$|合作(?:邮箱|电话|热线)")
# Who a sentence sends people to: 可与…协调中心查询(, 与教青局联系(.
_ASKED_OF = re.compile(rf"(?:与|向|和|跟|找)([{HAN}]{{2,20}}?)(?:查询|咨询|联系|联络|洽询)$")
# The issuer calling itself (本局, 本校, 本处): no office's name.
_SELF = re.compile(rf"^本[{HAN}]{{1,3}}$")


class ContactReader:
    def __init__(self, text: str, regions: dict[str, str]):
        self.text = text
        self.regions = regions  # written region name -> region id

    def read(self, start: int, end: int, tokens: list[Token], default_unit: Found | None) -> list[ContactDraft]:
        """Contacts of the item text[start:end]; `default_unit` names the unit of values nobody owns."""
        contacts: list[ContactDraft] = []
        current: ContactDraft | None = None
        position = start
        for token in tokens:
            if not (start <= token.start < end):
                continue
            if token.kind == "url":
                position, current = token.end, None
                continue
            gap = self.text[position:token.start]
            cut = max(gap.rfind(c) for c in _CLAUSE_END)
            if cut >= 0 and current is not None and self._in_brackets(max(start, current.start), position, gap):
                cut = -1  # (电话:…;电邮:…): one body's values listed in its bracket
            tail_start = position + cut + 1
            head = self._head(tail_start, token.start)
            if head is not None and token.kind in _LABELLED_KINDS and head.name and not head.unit:
                head.unit, head.name = head.name, None  # 学堂在线微信公众号: an account belongs to a body
            if head is not None:
                current = self._new(token, head, contacts, default_unit)
            elif cut >= 0 or current is None:
                current = self._new(token, ContactDraft(start=token.start), contacts, default_unit)
            value = Found(token.value, token.value_start, token.end, unsure=token.warning)
            if token.kind == "local_phone":
                value.unsure = "原文这个号码没有区号 (local number without its area code)"
            getattr(current, _TOKEN_FIELDS[token.kind]).append(value)
            position = token.end
        contacts = [c for c in contacts if not any(
            part and _SITE_BUSINESS.search(part.value) for part in (c.unit, c.role, c.purpose))]
        for contact in contacts:
            self._regions(contact)
        return contacts

    def _in_brackets(self, start: int, position: int, gap: str) -> bool:
        """A bracket opened before the last value is still open and the gap closes none."""
        window = self.text[max(start, position - 200):position]
        return window.rfind("(") > window.rfind(")") and ")" not in gap and "(" not in gap

    def _new(self, token: Token, head: ContactDraft, contacts: list[ContactDraft],
             default_unit: Found | None) -> ContactDraft:
        previous = contacts[-1] if contacts else None
        only_name = head.name and not (head.unit or head.role or head.purpose)
        if only_name and previous and (previous.role or previous.unit) and previous.name:
            why = f"沿用上一位联系人“{previous.label}”的职务/单位 (role taken from the contact before)"
            for key in ("role", "unit"):
                inherited = getattr(previous, key)
                if inherited:
                    setattr(head, key, Found(inherited.value, inherited.start, inherited.end, unsure=why))
        if token.kind in _LABELLED_KINDS and not head.name:
            label = self.text[token.start:token.value_start].rstrip(" :(")
            written = (head.purpose.value if head.purpose else "") + label
            head.purpose = Found(written, head.purpose.start if head.purpose else token.start, token.value_start)
        if not (head.unit or head.name) and default_unit is not None:
            head.unit = default_unit
        contacts.append(head)
        return head

    def _head(self, start: int, end: int) -> ContactDraft | None:
        """Who the text[start:end] before a value names, or None when it names nobody."""
        tail = self.text[start:end]
        label = VALUE_LABEL_TAIL.search(tail)
        if label:
            tail = tail[:label.start()]
        head = ContactDraft(start=start)
        for piece in re.finditer(r"[^,\n]+", tail):
            self._piece(head, piece.group(), start + piece.start())
        return head if (head.unit or head.name or head.role or head.purpose) else None

    def _piece(self, head: ContactDraft, piece: str, offset: int) -> None:
        stripped = piece.strip(_SEPARATORS).lstrip(")").rstrip("(").strip(_SEPARATORS)  # 李海明(139…)、卓翠翠(…
        stripped = _CONNECTIVE.sub("", stripped)  # 或电话…: "or" before a second value names nobody
        if stripped.startswith("(") and stripped.endswith(")"):
            return  # 电话26731205(校内3205): a remark on the value before, not the next contact's purpose
        if not stripped or not re.search(f"[{HAN}]", stripped) or DATE.search(stripped):
            return  # 【发稿日期:110年5月25日】 above the first contact: a date names nobody
        if stripped in GENERIC_ROLES or all(word in TABLE_HEADINGS for word in stripped.split()):
            return  # "联系人:" alone, or a table's heading row: nobody named
        offset += piece.index(stripped)
        found = lambda text: Found(text, offset + stripped.index(text), offset + stripped.index(text) + len(text))
        if ":" in stripped:
            label, value = (part.strip() for part in stripped.split(":", 1))
            if label in ("联系单位", "单位"):
                if value:
                    head.unit = found(value)
                return
            if label.endswith(("联络", "联系")) and label not in GENERIC_ROLES:
                head.purpose = found(label)  # 业务联络:, 新闻联络: what the contact is for
            elif label not in GENERIC_ROLES and label:
                head.role = found(label)
            if value:
                self._person_or_text(head, value, found)
            return
        self._person_or_text(head, stripped, found)

    def _person_or_text(self, head: ContactDraft, text: str, found) -> None:
        directed = [m.end() for m in _DIRECTED_TO.finditer(text)]
        if directed and len(text) - directed[-1] >= 2 and text.endswith(ROLE_ENDINGS):
            text = text[directed[-1]:]
        if _SELF.match(text):
            return
        asked = _ASKED_OF.search(text)
        if asked and asked.group(1).endswith(ROLE_ENDINGS):
            text = asked.group(1)
        if is_name(text) or is_name_list(text):
            head.name = self._name(found(text))
            return
        if self._titled_name(head, text, found):
            return
        bracket = _TRAILING_BRACKET.match(text)
        if bracket and not head.purpose:  # 终身教育司(补习班、安亲班): who, then what for
            head.purpose = found(bracket.group(2))
            self._person_or_text(head, bracket.group(1), found)
            return
        addressed = next((m.group(1) for m in _ADDRESSED.finditer(text) if is_name(m.group(1))), None)
        if addressed:  # 请发送到成小芳老师处: a name in a sentence, by the word after it
            head.name = self._name(found(addressed))
            return
        if " " in text:
            left, right = text.rsplit(" ", 1)
            if is_name(right):
                self._unit_or_role(head, found(left.strip()))
                head.name = self._name(found(right))
                return
            if self._titled_name(head, right, found):
                self._unit_or_role(head, found(left.strip()))
                return
        for size in (2, 3, 4):
            prefix, rest = text[:-size], text[-size:]
            if prefix.endswith(ROLE_ENDINGS) and is_name(rest) and len(prefix) >= 2:
                self._unit_or_role(head, found(prefix))
                head.name = self._name(found(rest))
                return
        if text.endswith(ROLE_ENDINGS):
            self._unit_or_role(head, found(text))
        else:
            head.purpose = found(text)

    def _titled_name(self, head: ContactDraft, text: str, found) -> bool:
        """黄乔伟科长: a name followed by its holder's title; the title is the role when none is written."""
        title = _JOB_TITLE.search(text)
        if not title or not is_name(text[:title.start()]):
            return False
        head.name = self._name(found(text[:title.start()]))
        if head.role is None:
            head.role = Found(title.group(), head.name.end, head.name.end + len(title.group()))
        return True

    @staticmethod
    def _unit_or_role(head: ContactDraft, value: Found) -> None:
        if _ROOM.search(value.value):
            return  # 厚德楼316室: where to go, no office's name
        if value.value.endswith(UNIT_ENDINGS) and not value.value.endswith("团队"):
            head.unit = value
        else:
            head.role = value

    @staticmethod
    def _name(value: Found) -> Found:
        if " " in value.value:
            value.note = f"原文排作“{value.value}”，已去掉空格 (spacing removed)"
            value.value = value.value.replace(" ", "")
        return value

    def _regions(self, contact: ContactDraft) -> None:
        for part in (contact.unit, contact.role, contact.purpose):
            if part is None:
                continue
            for written, region in self.regions.items():
                if written in part.value and region not in [r.value for r in contact.regions]:
                    contact.regions.append(Found(region, part.start, part.end, unsure=part.unsure))
