"""The catalog as one data document: what `export --format json` writes and the site publishes as
catalog.json. Its pydantic models are the source of catalog/schemas/catalog.schema.json.

The document models extend the entry models, so a field added to an entry appears here without a
second definition. What they add is what a reader cannot compute alone: each free period's status on
the as-of date. What they take away is privacy: withdrawn people are gone, and personal mobiles may be
masked, so phones are plain text here (a masked 159****6289 is no longer a valid number).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

from catalog.catalog import Catalog
from catalog.models import Contact, FreePeriod, Platform, Resource, Source
from catalog.periods import STATUS_NAMES, PeriodStatus, is_free_now, period_status
from catalog.privacy import present_contact
from catalog.taxonomy import Vocabulary

FORMAT_VERSION = 1
SCHEMA_ID = "catalog.schema.json"


class PublishedContact(Contact):
    phones: list[str] = Field(default_factory=list,
                              description="电话，按原文；站点设置隐藏个人手机号时显示为 159****6289")
    withdrawn: None = Field(None, exclude=True)  # withdrawn people are never published


class PublishedFreePeriod(FreePeriod):
    status: PeriodStatus = Field(description="截至 generated 日期的状态：upcoming/active/ending-soon/ended/"
                                               "ended-presumed（过了推定的结束日期）/end-unknown")
    status_name: str = Field(description="状态的中文名，如“免费中”")


class PublishedSource(Source):
    contacts: list[PublishedContact] = Field(default_factory=list)


class PublishedPlatform(Platform):
    contacts: list[PublishedContact] = Field(default_factory=list)
    free_periods: list[PublishedFreePeriod] = Field(default_factory=list)
    free_now: bool = Field(description="generated 日期当天是否在某个免费期内")


class PublishedResource(Resource):
    contacts: list[PublishedContact] = Field(default_factory=list)
    free_periods: list[PublishedFreePeriod] = Field(default_factory=list)
    free_now: bool = Field(description="generated 日期当天是否在某个免费期内")


class CatalogDocument(BaseModel):
    """课程资源目录的全部数据 (the whole Course Catalog as data)."""

    model_config = ConfigDict(extra="forbid", title="课程资源目录 (Course Catalog)")

    version: Literal[1] = Field(FORMAT_VERSION, description="本文档格式的版本号，不兼容的改动时加一")
    generated: dt.date = Field(description="数据截至日期（构建日期）：免费期状态据此计算")
    masked_personal_mobiles: bool = Field(description="是否隐藏了个人手机号的中间四位")
    taxonomy: list[Vocabulary] = Field(description="分类词表：学段、学科、类型、地区、专题")
    sources: list[PublishedSource]
    platforms: list[PublishedPlatform]
    resources: list[PublishedResource]


@dataclass(frozen=True)
class PublishedContactRef:
    """A contact as it may be published, with the entry that lists it."""

    contact: Contact
    kind: str
    entry: Source | Platform | Resource
    index: int  # position in the entry's own list, withdrawn ones counted


def end_text(period: FreePeriod) -> str:
    """The end as people read it: a date, a presumed date, 长期 (the source said open-ended), or 未说明."""
    if period.end is not None:
        return period.end.isoformat()
    if period.presumed_end is not None:
        return f"{period.presumed_end.isoformat()}（推定）"
    return "长期" if period.open_ended else "未说明"


def source_names(catalog: Catalog, ids: list[str]) -> list[str]:
    """How people cite each source: its document number, else its title."""
    return [catalog.sources[i].name if i in catalog.sources else i for i in ids]


def published_contacts(catalog: Catalog, mask_personal_mobiles: bool) -> Iterator[PublishedContactRef]:
    """Every contact that may be shown, in catalog order: the one walk every export uses."""
    for kind, entry in catalog.entries():
        for index, contact in enumerate(entry.contacts):
            shown = present_contact(contact, mask_personal_mobiles)
            if shown is not None:
                yield PublishedContactRef(shown, kind, entry, index)


def catalog_document(catalog: Catalog, as_of: dt.date, mask_personal_mobiles: bool = False) -> dict:
    """The document as plain JSON data (dates as YYYY-MM-DD), ready for json.dumps.

    Built from the already validated entries by dumping them, not by validating again (that doubled
    the time at 25,000 entries); tests hold the result to the published schema and to the models.
    """
    def contacts(entry) -> list[dict]:
        shown = (present_contact(c, mask_personal_mobiles) for c in entry.contacts)
        return [c.model_dump(mode="json", exclude={"withdrawn"}) for c in shown if c is not None]

    def published(entry) -> dict:
        return {**entry.model_dump(mode="json"), "contacts": contacts(entry)}

    def offered(entry) -> dict:
        document = published(entry)
        for dumped, period in zip(document["free_periods"], entry.free_periods):
            status = period_status(period, as_of)
            dumped.update(status=status.value, status_name=STATUS_NAMES[status])
        document["free_now"] = is_free_now(entry.free_periods, as_of)
        return document

    return {
        "version": FORMAT_VERSION,
        "generated": as_of.isoformat(),
        "masked_personal_mobiles": mask_personal_mobiles,
        "taxonomy": [v.model_dump(mode="json") for v in catalog.taxonomy.ordered()],
        "sources": [published(catalog.sources[i]) for i in sorted(catalog.sources)],
        "platforms": [offered(catalog.platforms[i]) for i in sorted(catalog.platforms)],
        "resources": [offered(catalog.resources[i]) for i in sorted(catalog.resources)],
    }


def document_schema() -> dict:
    schema = CatalogDocument.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema
