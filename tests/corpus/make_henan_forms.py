"""Make the DOCX, XLSX and PDF forms of the Henan platform table from henan-platforms.html.

Run from this folder: `python make_henan_forms.py`. Uses python-docx, openpyxl and Debian's Chromium
(headless print-to-PDF), so each file is what those programs really write. A cell's line breaks (<br>)
stay line breaks: paragraphs in DOCX, newlines in XLSX, lines in the PDF.
"""

from __future__ import annotations

import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "henan-platforms.html"


class _Table(HTMLParser):
    """The paragraphs before the table, and the table as rows of cells (cell lines joined by \\n)."""

    def __init__(self):
        super().__init__()
        self.paragraphs, self.rows, self.cell, self.text = [], [], None, None

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h3"):
            self.text = ""
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag == "br" and self.cell is not None:
            self.cell += "\n"

    def handle_endtag(self, tag):
        if tag in ("p", "h3") and self.text is not None:
            self.paragraphs.append(self.text.strip())
            self.text = None
        elif tag in ("td", "th"):
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.text is not None:
            self.text += data


def read_table():
    parser = _Table()
    parser.feed(SOURCE.read_text(encoding="utf-8"))
    return parser.paragraphs, parser.rows


def make_docx(paragraphs, rows, path: Path) -> None:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            lines = value.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.save(path)


def make_xlsx(paragraphs, rows, path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件1"
    for text in paragraphs:
        sheet.append([text])
    for row in rows:
        sheet.append([int(v) if v.isdigit() else v for v in row])
    book.save(path)


def make_pdf(path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={path}", SOURCE.as_uri()],
                       check=True, capture_output=True, timeout=120)


if __name__ == "__main__":
    paragraphs, rows = read_table()
    make_docx(paragraphs, rows, HERE / "henan-platforms.docx")
    make_xlsx(paragraphs, rows, HERE / "henan-platforms.xlsx")
    make_pdf(HERE / "henan-platforms.pdf")
