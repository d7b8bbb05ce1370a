"""Readers: a notice file (text, HTML, DOCX, XLSX, PDF) -> one `NoticeText` with the origin of each character."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from catalog_scrapers.notices.document import NoticeError, NoticeText, mark_tables
from catalog_scrapers.notices.normalize import normalize
from catalog_scrapers.notices.readers.html import html_to_text
from catalog_scrapers.notices.readers.limits import TooLarge, check_zip
from catalog_scrapers.notices.readers.office import docx_to_text, xlsx_to_text
from catalog_scrapers.notices.readers.pdf import pdf_to_text
from catalog_scrapers.notices.readers.text import plain_text

MAX_NOTICE_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # DOCX, XLSX and PDF carry fonts and images besides the text
_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # .doc / .xls / .ppt of Office 97-2003
_FORMATS = {"docx": ("DOCX", docx_to_text), "xlsx": ("XLSX", xlsx_to_text), "pdf": ("PDF", pdf_to_text)}


def read_notice(path: Path) -> NoticeText:
    """The normalised text of the notice at `path`, or `NoticeError` with a message naming it."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise NoticeError(f"{shown}: 找不到文件 (file not found)") from None
    except IsADirectoryError:
        raise NoticeError(f"{shown}: 是目录，不是文件 (is a directory, not a file)") from None
    except OSError as exc:
        raise NoticeError(f"{shown}: 无法读取文件 (cannot read file): {exc.strerror}") from None
    kind = binary_kind(raw, shown)
    limit = MAX_ATTACHMENT_BYTES if kind else MAX_NOTICE_BYTES
    if len(raw) > limit:
        raise NoticeError(f"{shown}: 文件过大：{len(raw)} 字节，上限 {limit} 字节 (file too large)")
    if kind:
        label, reader = _FORMATS[kind]
        try:
            if kind != "pdf":
                check_zip(raw)
            notice = reader(raw)
        except TooLarge as exc:
            raise NoticeError(f"{shown}: {exc}") from None
        except Exception as exc:
            if _needs_password(exc):
                raise NoticeError(f"{shown}: {label} 文件已加密，需要密码；请另存一份不加密的再提取 "
                                  f"(encrypted {label}: save an unencrypted copy first)") from None  # the format libraries raise many kinds on damaged files
            raise NoticeError(f"{shown}: 无法读取 {label} 文件，文件可能已损坏 (cannot read this {label} file; "
                              f"damaged?): {type(exc).__name__}") from None
    else:
        text = decode_notice(raw, shown)
        notice = html_to_text(text) if looks_like_html(path, text) else plain_text(text)
    if not notice.text.strip(" \n\t\ue000\ue001\ue002\ue003"):
        raise NoticeError(f"{shown}: 文件是空的 (file is empty)")
    return mark_tables(normalize(notice))


def _needs_password(exc: BaseException) -> bool:
    """Whether a format library failed because the file is encrypted (pdfminer's PDFPasswordIncorrect
    and PDFEncryptionError, however pdfplumber wraps them)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if "Password" in type(exc).__name__ or "Encryption" in type(exc).__name__:
            return True
        inner = next((arg for arg in getattr(exc, "args", ()) if isinstance(arg, BaseException)), None)
        exc = inner or exc.__cause__ or exc.__context__
    return False


def binary_kind(raw: bytes, shown: str) -> str | None:
    """"docx", "xlsx" or "pdf" by the file's content (not its name); None for text; an error for other binaries."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(_ZIP):
        head = raw[:65536] + raw[-65536:]  # member names stand in the local headers and the central directory
        if b"word/document.xml" in head or b"word/" in head:
            return "docx"
        if b"xl/workbook.xml" in head or b"xl/" in head:
            return "xlsx"
        raise NoticeError(f"{shown}: 是 ZIP 压缩包，但不是 DOCX 或 XLSX (a ZIP file, not DOCX or XLSX)")
    if raw.startswith(_OLE):
        raise NoticeError(f"{shown}: 是旧版 Office 文件 (.doc/.xls)，请另存为 DOCX 或 XLSX 后再提取 "
                          f"(old Office format: save it as DOCX or XLSX first)")
    return None


def decode_notice(raw: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030; binary data is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise NoticeError(f"{shown}: UTF-16 编码有误 (broken UTF-16 text)") from None
    controls = sum(1 for b in raw[:65536] if b < 9 or 13 < b < 27 or 27 < b < 32)
    if b"\x00" in raw or controls > 8:
        raise NoticeError(f"{shown}: 是二进制文件，不是文本或 HTML (binary file, not text or HTML)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_line = raw[: exc.start].count(b"\n") + 1
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise NoticeError(f"{shown}:{utf8_line}: 既不是 UTF-8 也不是 GB18030 编码 "
                          f"(neither UTF-8 nor GB18030 text)") from None


_HTML_SNIFF = re.compile(r"<(?:!doctype|html|head|body|p|br|div|span|table|meta)\b", re.IGNORECASE)


def looks_like_html(path: Path, text: str) -> bool:
    return Path(path).suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML_SNIFF.search(text[:4096]))
