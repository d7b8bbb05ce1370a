"""A saved web page: its visible text, block elements as paragraphs, tables as tables."""

from __future__ import annotations

from html.parser import HTMLParser

from catalog_scrapers.notices.document import CELL, END, ROW, TABLE, NoticeText


class _HtmlText(HTMLParser):
    """Visible text of a page; block elements end a paragraph (a blank line); tables keep their cells.

    A table inside a table (pages laid out with tables) ends the outer one: the inner table is read
    as a table and what follows it as text.
    """

    BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "title",
              "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr",
              "center", "form", "caption"}
    CELLS = {"td", "th"}
    SKIPPED = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[str] = []
        self.lines: list[int] = []
        self.skipping = 0
        self.tables = 0  # open <table> elements

    def _add(self, text: str, line: int) -> None:
        for ch in text:
            self.chars.append(ch)
            self.lines.append(line)
            if ch == "\n":
                line += 1

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self._add("\n", line)
        elif tag == "table":
            self._add(("\n" + END if self.tables else "\n\n") + TABLE, line)
            self.tables += 1
        elif tag == "tr":
            self._add(ROW, line)
        elif tag in self.CELLS:
            self._add(CELL, line)
        elif tag in self.BLOCKS:
            self._add("\n\n", line)

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._add("\n", self.getpos()[0])
        elif tag == "hr":
            self._add("\n\n", self.getpos()[0])

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.tables:
            self.tables -= 1
            self._add(END + "\n\n", self.getpos()[0])
        elif tag in self.BLOCKS:
            self._add("\n\n", self.getpos()[0])

    def handle_data(self, data):
        if not self.skipping:
            self._add(data, self.getpos()[0])

    def close(self):
        super().close()
        if self.tables:  # a page cut off inside a table
            self._add(END, self.getpos()[0])
            self.tables = 0


def html_to_text(text: str) -> NoticeText:
    parser = _HtmlText()
    parser.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return NoticeText("".join(parser.chars), parser.lines)
