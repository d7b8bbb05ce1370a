"""Notice files that unpack to far more than they weigh: compressed DOCX/XLSX members and PDF page
streams, and PDFs with thousands of pages. Each is refused quickly with a message naming the file,
before a format library inflates it whole."""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from catalog_scrapers.notices.document import NoticeError
from catalog_scrapers.notices.readers import read_notice
from catalog_scrapers.notices.readers.limits import MAX_PAGE_CONTENT_BYTES, MAX_PART_BYTES, MAX_PDF_PAGES
from conftest import run_cli

CORPUS = Path(__file__).parent / "corpus"


def _with_member(original: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, data if item.filename == name else source.read(item.filename))
    return out.getvalue()


def _pdf(pages: list[bytes | None]) -> bytes:
    """A minimal PDF: one page per item, each with that (Flate-compressed) content stream or none."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", None]
    kids = []
    for content in pages:
        kids.append(len(objects) + 1)
        if content is None:
            objects.append(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>")
        else:
            objects.append(f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents {len(objects) + 2} 0 R>>"
                           .encode())
            packed = zlib.compress(content, 9)
            objects.append(b"<</Length " + str(len(packed)).encode() + b"/Filter/FlateDecode>>stream\n" + packed
                           + b"\nendstream")
    objects[1] = b"<</Type/Pages/Kids[" + b" ".join(b"%d 0 R" % k for k in kids) + b"]/Count " \
        + str(len(kids)).encode() + b">>"
    body = b"%PDF-1.4\n"
    for number, obj in enumerate(objects, start=1):
        body += str(number).encode() + b" 0 obj" + obj + b"\nendobj\n"
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def _refused_quickly(path: Path, words: str) -> None:
    started = time.monotonic()
    with pytest.raises(NoticeError) as caught:
        read_notice(path)
    assert str(path) in str(caught.value) and words in str(caught.value), caught.value
    assert time.monotonic() - started < 30  # seconds, on a loaded machine; it takes well under one


@pytest.mark.parametrize("original, member", [("henan-platforms.docx", "word/document.xml"),
                                              ("henan-platforms.xlsx", "xl/worksheets/sheet1.xml")])
def test_an_office_file_that_unpacks_to_too_much_is_refused_before_it_is_read(tmp_path, original, member):
    raw = (CORPUS / original).read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        xml = archive.read(member)
    padding = b"<!--" + b" " * (MAX_PART_BYTES + 1) + b"-->"  # a comment the parser would read whole
    at = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    bomb = tmp_path / original
    bomb.write_bytes(_with_member(raw, member, xml[:at] + padding + xml[at:]))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    _refused_quickly(bomb, "压缩炸弹")


def test_a_pdf_page_whose_content_unpacks_to_too_much_is_refused(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf([b"BT ET\n", b"0 0 m\n" * (MAX_PAGE_CONTENT_BYTES // 6 + 1)]))
    _refused_quickly(bomb, "第2页")


def test_a_pdf_with_more_pages_than_a_notice_has_is_refused(tmp_path):
    many = tmp_path / "many.pdf"
    many.write_bytes(_pdf([None] * (MAX_PDF_PAGES + 1)))
    _refused_quickly(many, str(MAX_PDF_PAGES + 1))


def test_the_command_says_so_on_one_line_without_a_traceback(data, tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf([b"0 0 m\n" * (MAX_PAGE_CONTENT_BYTES // 6 + 1)]))
    result = run_cli("extract", str(bomb), "--data-dir", str(data.root))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "bomb.pdf" in line and "压缩炸弹" in line]
    assert result.stdout == ""


def test_real_attachments_still_read(tmp_path):
    for name in ("henan-platforms.docx", "henan-platforms.xlsx", "henan-platforms.pdf"):
        assert "平台" in read_notice(CORPUS / name).text


def _encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose password is not empty (its check values are
    arbitrary, so no password opens it): what a notice saved with "open password" looks like."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>",
               b"<</Filter/Standard/V 1/R 2/O<" + b"ab" * 32 + b">/U<" + b"cd" * 32 + b">/P -4>>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += str(number).encode() + b" 0 obj" + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % at for at in offsets)
    ident = b"<" + b"ef" * 16 + b">"
    return body + b"trailer<</Size 5/Root 1 0 R/Encrypt 4 0 R/ID[" + ident + ident + b"]>>\nstartxref\n" \
        + str(xref).encode() + b"\n%%EOF\n"


def test_an_encrypted_pdf_says_it_is_encrypted_not_damaged(tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted_pdf())
    _refused_quickly(locked, "已加密")


def test_a_source_id_that_is_no_id_is_refused_before_it_reaches_the_draft(data):
    result = run_cli("extract", str(CORPUS / "henan-platforms.html"), "--source", "x\nevil: 1",
                     "--data-dir", str(data.root))
    assert result.returncode == 2 and result.stdout == "" and "--source" in result.stderr
    assert "\nevil" not in result.stderr


def test_a_notice_whose_name_holds_a_line_break_is_named_on_one_line(data, tmp_path):
    notice = tmp_path / "a\n::error::b.pdf"
    notice.write_bytes(b"%PDF-1.4\n")
    result = run_cli("extract", str(notice), "--data-dir", str(data.root))
    assert result.returncode == 1 and "\n::error" not in result.stderr and "\\n::error" in result.stderr
