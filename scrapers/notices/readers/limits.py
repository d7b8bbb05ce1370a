"""Bounds on what a notice file may unpack to, checked before a format library reads it whole.

DOCX and XLSX are ZIP archives and PDF streams are compressed: a file of a few megabytes can unpack
to gigabytes (a compression bomb) and exhaust memory, or hold page content that takes hours to
parse. Real notices unpack to a few megabytes; these limits are far above that.
"""

from __future__ import annotations

import io
import zipfile
import zlib

MAX_PART_BYTES = 64 * 1024 * 1024       # one member of a DOCX/XLSX, unpacked
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all members together
MAX_PDF_PAGES = 1000
MAX_PAGE_CONTENT_BYTES = 16 * 1024 * 1024  # one page's drawing instructions, decompressed


class TooLarge(Exception):
    """The file unpacks to more than a notice can be; the message says how much (no file name)."""


def check_zip(raw: bytes) -> None:
    """Refuse an archive whose members unpack past the limits. Python's zipfile never inflates a
    member past its declared size, so the declared sizes are a true bound on what reading costs."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # damaged: the format library reports it
    if sizes and (max(sizes) > MAX_PART_BYTES or sum(sizes) > MAX_UNPACKED_BYTES):
        raise TooLarge(f"解压后过大：{sum(sizes)} 字节，可能是压缩炸弹 (unpacks to {sum(sizes)} bytes: "
                       f"a compression bomb?)")


def check_pdf_page(page_obj, page_no: int) -> None:
    """Refuse a page whose compressed content streams inflate past the limit, before pdfminer
    inflates them whole. Streams it cannot measure (other filters, encryption) are left to pdfminer."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    total = 0
    for item in page_obj.contents or ():
        stream = resolve1(item)
        if not isinstance(stream, PDFStream):
            continue
        if stream.data is not None:
            total += len(stream.data)
            continue
        filters = [name for name, _ in stream.get_filters()]
        if not filters or not all(name in LITERALS_FLATE_DECODE for name in filters) or len(filters) > 1:
            total += len(stream.rawdata or b"")
            continue
        try:
            inflater = zlib.decompressobj()
            total += len(inflater.decompress(stream.rawdata or b"", MAX_PAGE_CONTENT_BYTES + 1 - total))
        except zlib.error:
            continue
        if total > MAX_PAGE_CONTENT_BYTES:
            break
    if total > MAX_PAGE_CONTENT_BYTES:
        raise TooLarge(f"第{page_no}页的内容解压后超过 {MAX_PAGE_CONTENT_BYTES} 字节，可能是压缩炸弹 "
                       f"(page {page_no} unpacks to more than {MAX_PAGE_CONTENT_BYTES} bytes: a compression bomb?)")


def check_pdf_pages(count: int) -> None:
    if count > MAX_PDF_PAGES:
        raise TooLarge(f"共 {count} 页，通知最多读 {MAX_PDF_PAGES} 页 (PDF has {count} pages; at most "
                       f"{MAX_PDF_PAGES} are read)")
