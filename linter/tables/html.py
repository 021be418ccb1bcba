"""HTML ``<table>`` blocks inside Markdown or plain text, read with the standard
library's ``html.parser``; ``rowspan``/``colspan`` are expanded so that every row
has a cell for every column (a spanned cell is the same ``Cell`` in each place)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from linter.document import Document
from linter.regexes import compiled
from linter.tables.model import Cell, Row, Table

_OPEN = compiled(r"<table\b", re.IGNORECASE)
_CLOSE = compiled(r"</table\s*>", re.IGNORECASE)


class _Cell:
    """A cell being read: its pieces of text with their source positions."""

    def __init__(self, rowspan: int, colspan: int):
        self.rowspan, self.colspan = rowspan, colspan
        self.pieces: list[tuple[str, int, int, int]] = []  # text, line, column, raw length

    def add(self, text: str, line: int, column: int, raw_length: int) -> None:
        self.pieces.append((text, line, column, raw_length))

    def cell(self, first_line: int) -> Cell:
        pieces = [p for p in self.pieces if p[0].strip()]
        text = "".join(p[0] for p in self.pieces).strip()
        if not pieces:
            return Cell("", first_line, 1, 1)
        head, tail = pieces[0], pieces[-1]
        start = head[2] + len(head[0]) - len(head[0].lstrip())
        end = tail[2] + tail[3] - (len(tail[0]) - len(tail[0].rstrip()))
        return Cell(text, head[1], start, end, end_line=tail[1] if tail[1] != head[1] else None)


def _span(attrs, name: str) -> int:
    value = (dict(attrs).get(name) or "1").strip()
    # isdigit() would take "²" and 5,000-digit numbers that int() refuses; a span is small
    return max(1, min(int(value), 100)) if re.fullmatch(r"[0-9]{1,3}", value) else 1


class _TableParser(HTMLParser):
    """Rows of ``_Cell`` (with spans) of the outermost table; nested tables become text."""

    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=False)  # keep raw lengths for exact end columns
        self.first_line = first_line
        self.rows: list[list[_Cell]] = []
        self.header: list[bool] = []
        self.depth = 0
        self.cell: _Cell | None = None
        self.in_head = False

    def _where(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return self.first_line + line - 1, offset + 1

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
        elif self.depth != 1:
            return
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.rows.append([])
            self.header.append(self.in_head)
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
                self.header.append(self.in_head)
            self.cell = _Cell(_span(attrs, "rowspan"), _span(attrs, "colspan"))
            self.cell.th = tag == "th"
            self.rows[-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag == "table":
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th"):
            self.cell = None
        elif self.depth == 1 and tag == "thead":
            self.in_head = False

    def handle_data(self, data):
        if self.cell is not None:
            line, column = self._where()
            # a line break inside a cell is layout, not content: 二、上年结转\n政府信息…
            for number, part in enumerate(data.split("\n")):
                if number:
                    line, column = line + 1, 1
                self.cell.add(part, line, column, len(part))

    def _reference(self, raw: str):
        if self.cell is not None:
            line, column = self._where()
            self.cell.add(unescape(raw), line, column, len(raw))

    def handle_entityref(self, name):
        self._reference(f"&{name};")

    def handle_charref(self, name):
        self._reference(f"&#{name};")


def _grid(rows: list[list[_Cell]], first_line: int) -> list[Row]:
    """Expand spans: place each cell in the first free column of its row."""
    taken: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for pending in row:
            while (r, c) in taken:
                c += 1
            cell = pending.cell(first_line)
            for dr in range(min(pending.rowspan, len(rows) - r)):
                for dc in range(pending.colspan):
                    taken[(r + dr, c + dc)] = cell
            c += pending.colspan
            width = max(width, c)
    out = []
    for r in range(len(rows)):
        cells = [taken[(r, c)] for c in range(width) if (r, c) in taken]
        if cells:
            out.append(Row(cells))
    return out


def read(doc: Document, first: int, last: int) -> Table | None:
    parser = _TableParser(first)
    parser.feed("\n".join(doc.lines[first - 1: last]))
    parser.close()
    rows = _grid(parser.rows, first)
    if not rows:
        return None
    header = 0
    for is_head, row in zip(parser.header, parser.rows):
        if not (is_head or (row and all(getattr(c, "th", False) for c in row))):
            break
        header += 1
    return Table("html", rows, grid=True, header_rows=header)


def regions(doc: Document, skip: set[int]) -> list[tuple[int, int]]:
    """Line ranges from a ``<table`` to its matching ``</table>``."""
    found, depth, start = [], 0, None
    for number, text in enumerate(doc.lines, start=1):
        if number in skip or "<" not in text:  # no tag: nothing opens or closes
            continue
        opens, closes = len(_OPEN.findall(text)), len(_CLOSE.findall(text))
        if opens and depth == 0:
            start = number
        depth += opens - closes
        if start is not None and depth <= 0:
            found.append((start, number))
            start, depth = None, 0
    return found


def tables(doc: Document, claimed: set[int]) -> list[Table]:
    code = {n for b in doc.blocks if b.kind == "code" for n in range(b.line, b.end_line + 1)}
    found = []
    for first, last in regions(doc, code | claimed):
        table = read(doc, first, last)
        if table:
            found.append(table)
            claimed.update(range(first, last + 1))
    return found
