"""`export --format vcard`: every published contact as a vCard 4.0 (RFC 6350), for phones and mail.

One card per contact. ORG is the entry's organisation then the contact's unit; TITLE is the role and
ROLE what to ask them about. Phones are written as the source wrote them (VALUE=text), typed cell for
mobiles and voice for landlines and 400/800 numbers; a masked mobile stays masked.
"""

from __future__ import annotations

import datetime as dt
import uuid

from catalog.catalog import Catalog
from catalog.contactforms import phone_kind
from catalog.exports.contentlines import content_line, escape_text
from catalog.exports.document import PublishedContactRef, published_contacts, source_names
from catalog.models import Source

FILE_NAME = "contacts.vcf"
PRODID = "-//Course Catalog//课程资源目录//ZH"
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:course-catalog:contacts")


def organisation(ref: PublishedContactRef) -> list[str]:
    """ORG components: the body the entry is about (a source's first issuer), then the unit."""
    owner = ref.entry.issuers[0] if isinstance(ref.entry, Source) else ref.entry.name
    unit = ref.contact.unit
    return [owner, unit] if unit and unit != owner else [owner]


def phone_type(number: str) -> str:
    # A masked mobile (159****6289) no longer parses; its shape still says it is a mobile.
    kind = phone_kind(number.replace("*", "0"))
    return "cell" if kind == "mobile" else "voice"


def card(ref: PublishedContactRef, uid: str, catalog: Catalog) -> str:
    c = ref.contact
    lines = [content_line("BEGIN", "VCARD"), content_line("VERSION", "4.0"),
             content_line("PRODID", escape_text(PRODID)), content_line("UID", uid),
             content_line("KIND", "individual" if c.person else "org"),
             content_line("FN", escape_text(c.name or c.unit or ref.entry.name))]
    if c.person and c.name:
        lines.append(content_line("N", f"{escape_text(c.name)};;;;"))
    lines.append(content_line("ORG", ";".join(escape_text(part) for part in organisation(ref))))
    if c.role:
        lines.append(content_line("TITLE", escape_text(c.role)))
    if c.purpose:
        lines.append(content_line("ROLE", escape_text(c.purpose)))
    for number in c.phones:
        lines.append(content_line("TEL", escape_text(number), value="text", type=phone_type(number)))
    for email in c.emails:
        lines.append(content_line("EMAIL", escape_text(email), type="work"))
    for number in c.qq:
        lines.append(content_line("X-QQ", escape_text(number)))
    for number in c.qq_groups:
        lines.append(content_line("X-QQ-GROUP", escape_text(number)))
    for account in c.wechat:
        lines.append(content_line("X-WECHAT", escape_text(account)))
    if ref.entry.urls:
        lines.append(content_line("URL", ref.entry.urls[0].url))
    lines.append(content_line("NOTE", escape_text(note(ref, catalog))))
    lines.append(content_line("REV", c.as_of.strftime("%Y%m%dT000000Z")))
    lines.append(content_line("END", "VCARD"))
    return "".join(lines)


def note(ref: PublishedContactRef, catalog: Catalog) -> str:
    c = ref.contact
    regions = "、".join(catalog.taxonomy.name("region", r) for r in c.regions)
    levels = "、".join(catalog.taxonomy.name("level", r) for r in c.levels)
    sources = "、".join(source_names(catalog, c.sources))
    parts = [f"地区：{regions}" if regions else "", f"学段：{levels}" if levels else "",
             f"公布日期：{c.as_of.isoformat()}", f"来源：{sources}",
             c.note or ""]
    return "\n".join(part for part in parts if part)


def render(catalog: Catalog, as_of: dt.date, mask_personal_mobiles: bool) -> dict[str, bytes]:
    cards, seen = [], set()
    for ref in published_contacts(catalog, mask_personal_mobiles):
        # Stable across builds and across reordering of other contacts; the index only breaks ties.
        key = f"{ref.kind}/{ref.entry.id}/{ref.contact.unit}/{ref.contact.name}/{ref.contact.role}"
        if key in seen:
            key += f"/{ref.index}"
        seen.add(key)
        cards.append(card(ref, f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, key)}", catalog))
    return {FILE_NAME: "".join(cards).encode("utf-8")}
