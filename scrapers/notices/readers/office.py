"""DOCX (python-docx) and XLSX (openpyxl) attachments: paragraphs and tables, each value with its place."""

from __future__ import annotations

import io

from catalog_scrapers.notices.document import CELL, END, ROW, TABLE, NoticeText, TextBuilder


def docx_to_text(raw: bytes) -> NoticeText:
    """Paragraphs and tables in document order; a place is "第N段" or "表T 第R行 第C列"."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(raw))
    out = TextBuilder(named=True)
    paragraph_no = table_no = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            out.add(Paragraph(child, document).text + "\n", out.origin(f"第{paragraph_no}段"))
        elif tag == "tbl":
            table_no += 1
            _docx_table(out, DocxTable(child, document), table_no)
    return out.build()


def _docx_table(out: TextBuilder, table, table_no: int) -> None:
    out.add("\n" + TABLE, out.origin(f"表{table_no}"))
    for r, row in enumerate(table.rows, start=1):
        out.add(ROW, out.origin(f"表{table_no} 第{r}行"))
        seen = set()
        for c, cell in enumerate(row.cells, start=1):
            if id(cell._tc) in seen:  # a merged cell repeats; read it once
                continue
            seen.add(id(cell._tc))
            origin = out.origin(f"表{table_no} 第{r}行 第{c}列")
            out.add(CELL + "\n".join(p.text for p in cell.paragraphs), origin)
    out.add(END + "\n", out.origin(f"表{table_no}"))


def xlsx_to_text(raw: bytes) -> NoticeText:
    """Each sheet: leading one-cell rows as paragraphs (titles), the rest as a table; places are cells (Sheet!B3)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    out = TextBuilder(named=True)
    try:
        for sheet in book.worksheets:
            in_table = False
            for row in sheet.iter_rows():
                cells = [(cell.coordinate, _cell_text(cell.value)) for cell in row
                         if getattr(cell, "coordinate", None)]
                filled = [(at, text) for at, text in cells if text]
                if not filled:
                    continue
                if not in_table and len(filled) == 1:
                    at, text = filled[0]
                    out.add(text + "\n", out.origin(f"{sheet.title}!{at}"))
                    continue
                if not in_table:
                    out.add("\n" + TABLE, out.origin(sheet.title))
                    in_table = True
                out.add(ROW, out.origin(f"{sheet.title}!{cells[0][0]}"))
                for at, text in cells:
                    out.add(CELL + text, out.origin(f"{sheet.title}!{at}"))
            if in_table:
                out.add(END + "\n", out.origin(sheet.title))
    finally:
        book.close()
    return out.build()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone or QQ number typed as a number
    return str(value).strip()
