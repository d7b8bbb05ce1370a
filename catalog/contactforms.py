"""Checks for the forms of Chinese contact details. Values are kept as written; only checked."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}\Z", re.ASCII)
# 0 + area code (2 or 3 more digits) + a 7- or 8-digit local number; 010 and 02x have 8-digit numbers.
_LANDLINE = re.compile(r"^(?:\+?86)?0(?:[12]\d\d{8}|[3-9]\d{2}\d{7,8})\Z", re.ASCII)
_SERVICE = re.compile(r"^[48]00\d{7}\Z", re.ASCII)
_EXTENSION = re.compile(r"(?:转|分机|分機|ext\.?|x|#)\s*(\d{1,6})\Z", re.IGNORECASE | re.ASCII)
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\Z", re.ASCII)
_QQ = re.compile(r"^[1-9]\d{4,11}\Z", re.ASCII)


def split_extension(value: str) -> tuple[str, str | None]:
    """("0371-69691767", "123") for "0371-69691767转123"; the extension is None when there is none."""
    value = value.strip()
    found = _EXTENSION.search(value)
    return (value[: found.start()], found.group(1)) if found else (value, None)


def phone_kind(value: str) -> str | None:
    """'mobile', 'landline' or 'service' (400/800) for a well-formed number, else None."""
    digits = _SEPARATORS.sub("", split_extension(value)[0])
    if _MOBILE.match(digits):
        return "mobile"
    if _LANDLINE.match(digits):
        return "landline"
    if _SERVICE.match(digits):
        return "service"
    return None


def check_phone(value: str) -> str:
    if phone_kind(value):
        return value
    digits = re.sub(r"\D", "", value)
    if len(digits) in (7, 8) and not digits.startswith("0"):
        raise ValueError(f"座机号码“{value}”缺少区号，应写作如 0371-{digits} "
                         f"(landline needs its area code)")
    raise ValueError(f"“{value}”不是手机号、带区号的座机或 400/800 号码；例：15901156289、"
                     f"0371-69691767、400-8980-910 (not a Chinese mobile, landline or 400/800 number)")


def check_email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise ValueError(f"“{value}”不是电子邮箱地址，例：name@example.cn (not an email address)")
    return value


def check_qq(value: str) -> str:
    if not _QQ.match(value.strip()):
        raise ValueError(f"QQ 号/群号“{value}”应为 5 到 12 位数字，不以 0 开头 (QQ numbers are 5-12 digits)")
    return value
