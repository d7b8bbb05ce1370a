"""What of a contact may be shown: withdrawn people are left out, personal mobiles can be masked.

Site and exports both go through `present_contacts`, so a withdrawal or the masking option
cannot be honoured in one place and forgotten in another.
"""

from __future__ import annotations

from catalog.contactforms import phone_kind
from catalog.models import Contact


def mask_mobile(number: str) -> str:
    """159****6289: keep the first three and last four digits, as written otherwise."""
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    hidden = set(digits[-8:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(number))


def present_contact(contact: Contact, mask_personal_mobiles: bool) -> Contact | None:
    """The contact as it may be published, or None when the person asked to be removed."""
    if contact.withdrawn is not None:
        return None
    if not (mask_personal_mobiles and contact.person):
        return contact
    phones = [mask_mobile(p) if phone_kind(p) == "mobile" else p for p in contact.phones]
    return contact.model_copy(update={"phones": phones})


def present_contacts(contacts: list[Contact], mask_personal_mobiles: bool) -> list[Contact]:
    shown = (present_contact(c, mask_personal_mobiles) for c in contacts)
    return [c for c in shown if c is not None]
