"""PDF text (pdfplumber): each page's lines, and its ruled tables as tables; places are pages and cells."""

from __future__ import annotations

import io
import logging

from catalog_scrapers.notices.document import CELL, END, ROW, TABLE, NoticeText, TextBuilder
from catalog_scrapers.notices.readers.limits import check_pdf_page, check_pdf_pages


def pdf_to_text(raw: bytes) -> NoticeText:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not the maintainer's concern
    out = TextBuilder(named=True)
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        check_pdf_pages(len(pdf.pages))
        for page_no, page in enumerate(pdf.pages, start=1):
            check_pdf_page(page.page_obj, page_no)
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            top = 0
            for t_no, table in enumerate(tables, start=1):
                _text(out, page, top, table.bbox[1], page_no)
                _table(out, table.extract(), page_no, t_no)
                top = table.bbox[3]
            _text(out, page, top, page.height, page_no)
    return out.build()


def _text(out: TextBuilder, page, top: float, bottom: float, page_no: int) -> None:
    if bottom - top < 1:
        return
    region = page.crop((0, max(0, top), page.width, min(page.height, bottom)))
    for n, line in enumerate((region.extract_text() or "").split("\n"), start=1):
        out.add(line + "\n", out.origin(f"第{page_no}页"))


def _table(out: TextBuilder, rows, page_no: int, t_no: int) -> None:
    out.add("\n" + TABLE, out.origin(f"第{page_no}页 表{t_no}"))
    for r, row in enumerate(rows, start=1):
        out.add(ROW, out.origin(f"第{page_no}页 表{t_no} 第{r}行"))
        for c, value in enumerate(row, start=1):
            out.add(CELL + (value or ""), out.origin(f"第{page_no}页 表{t_no} 第{r}行 第{c}列"))
    out.add(END + "\n", out.origin(f"第{page_no}页 表{t_no}"))
