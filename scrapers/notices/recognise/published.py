"""Drafts keep the text as published: values read on the folded (simplified) text are taken back from the original."""

from __future__ import annotations

import dataclasses

from catalog_scrapers.notices.model import Found, LinkDraft


def restore_published(value, published: str, folded: str) -> None:
    """Every `Found` string in `value` (a draft, recursively) that quotes the folded text exactly gets the
    published characters of the same span; values that were rewritten (spaces removed) are folded back
    character by character where the span still lines up."""
    if isinstance(value, Found):
        if isinstance(value.value, str) and 0 <= value.start <= value.end <= len(folded):
            span = folded[value.start:value.end]
            if span == value.value:
                value.value = published[value.start:value.end]
            elif span.replace(" ", "") == value.value:
                value.value = published[value.start:value.end].replace(" ", "")
            elif value.value and value.value in span:  # a part of the span (智慧树 of 智慧树平台)
                at = value.start + span.index(value.value)
                value.value = published[at:at + len(value.value)]
        return
    if isinstance(value, LinkDraft) and value.label:  # a label quotes the words just before its address
        at = folded.rfind(value.label, max(0, value.url.start - 400), value.url.start)
        if at >= 0:
            value.label = published[at:at + len(value.label)]
    if isinstance(value, list):
        for item in value:
            restore_published(item, published, folded)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            restore_published(getattr(value, field.name), published, folded)
