"""Small pure helpers the templates call: dates, ages, phone and mail links, number wording.

They return plain text (the templates escape it); none returns HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from catalog.contactforms import phone_kind, split_extension


def age_text(published: dt.date, as_of: dt.date, strings) -> str:
    """How old a published fact is on the build date: whole years, else months, else days."""
    months = (as_of.year - published.year) * 12 + as_of.month - published.month
    if as_of.day < published.day:
        months -= 1
    if months >= 12:
        return strings["age_years"].format(months // 12)
    if months >= 1:
        return strings["age_months"].format(months)
    return strings["age_days"].format(max(0, (as_of - published).days))


def tel_href(phone: str) -> str | None:
    """An international tel: URI that dials from anywhere: tel:+86-13939909533, tel:+86-371-69691767
    (the area code without its trunk 0), tel:+86-4008980910; an extension becomes ';ext='.
    None for masked numbers."""
    if "*" in phone:
        return None
    number, extension = split_extension(phone)
    digits = re.sub(r"\D", "", number)
    if not digits:
        return None
    kind = phone_kind(number)
    if kind is not None:
        if digits.startswith("86") and (number.lstrip().startswith("+") or len(digits) > 12):
            digits = digits[2:]
        if kind == "landline":
            national = digits[1:]  # the trunk prefix 0 is not dialled from abroad
            area = 2 if national[0] in "12" else 3
            digits = f"86-{national[:area]}-{national[area:]}"
        else:
            digits = f"86-{digits}"
        digits = "+" + digits
    elif number.lstrip().startswith("+"):
        digits = "+" + digits
    return f"tel:{digits}" + (f";ext={extension}" if extension else "")


def mailto_href(email: str) -> str:
    return "mailto:" + quote(email.strip(), safe="@.+-_")


def count_text(count, strings) -> str:
    """'8000 余' / 'more than 8000': the number with the qualifier the source used."""
    return strings[f"qualifier_{count.qualifier}"].format(f"{count.value:,}" if strings["language"] == "en"
                                                          else str(count.value))


def iso(day: dt.date | dt.datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.astimezone(dt.timezone.utc).date()
    return day.isoformat()
