"""Tables of a document: every table as rows of cells (``tables``), and the standard
tables of the annual report recognised among them (``standard``).

Both are built on first use and cached in ``doc.derived``, so rules that do not
look at tables cost nothing and rules that do never parse twice.  One module per
source form: ``pipe`` (GFM), ``html``, ``flat`` (web tables copied as text),
``pdf`` (text taken from a PDF); ``standard`` maps them to rules/tables.yaml.
"""

from __future__ import annotations

from linter.document import Document, normalize
from linter.tables import flat, pdf, pipe
from linter.tables.model import Cell, Row, Table

CAPTION_MAX = 30

__all__ = ["Cell", "Row", "Table", "tables", "standard", "standard_table", "readable_table", "table_lines"]


def tables(doc: Document) -> list[Table]:
    """Every table of the document in source order (cached)."""
    return doc.derive("tables", lambda: _extract(doc))


def standard(doc: Document) -> list:
    """The standard tables (``linter.tables.standard.StandardTable``) in source order (cached)."""
    return doc.derive("standard_tables", lambda: _recognise(doc))


def standard_table(doc: Document, number: int):
    """The first standard table ``number`` (1, 2 or 3) of the document, or None."""
    return next((t for t in standard(doc) if t.number == number), None)


def readable_table(doc: Document, number: int):
    """``standard_table``, or None when the table is too damaged to read (cached: identities ask
    for their tables once per term, tens of thousands of times per run)."""
    return doc.derive(("readable_table", number), lambda: _readable(standard_table(doc, number)))


def table_lines(doc: Document) -> frozenset[int]:
    """The line numbers any table covers (cached)."""
    return doc.derive("table_lines", lambda: frozenset().union(*(range(t.line, t.end_line + 1) for t in tables(doc))))


def _recognise(doc: Document) -> list:
    from linter.tables.recognise import recognise

    return recognise(tables(doc), [(s.line, s.end_line) for s in doc.sections])


def _readable(table):
    from linter.tables import structure

    return None if table is None or structure.unreadable(table) else table


def _extract(doc: Document) -> list[Table]:
    from linter.tables.catalogue import anchors

    claimed: set[int] = set()
    headings = {s.line for s in doc.walk() if not s.run_in}
    found = pipe.tables(doc, claimed) + _html_tables(doc, claimed)
    found += flat.tables(doc, claimed, headings)
    found += pdf.tables(doc, claimed, headings, anchors())
    found.sort(key=lambda t: t.line)
    parts = {s.line for s in doc.sections}
    for table in found:
        if table.grid:
            table.caption = _caption(doc, table.line, claimed | parts)
    return found


def _html_tables(doc: Document, claimed: set[int]) -> list[Table]:
    """A document without a ``<`` holds no HTML table: html.parser (~3.5 ms to import) is
    then never loaded."""
    if "<" not in "\n".join(doc.lines):
        return []
    from linter.tables import html

    return html.tables(doc, claimed)


def _caption(doc: Document, first: int, skip: set[int]) -> Cell | None:
    """The short line just above a table (第二十条第（一）项, ### 行政复议), if there is one."""
    for number in range(first - 1, 0, -1):
        text = doc.line(number)
        if not text.strip():
            continue
        if number in skip:
            return None
        stripped = text.strip().lstrip("#").strip()
        flat_text = normalize(stripped)
        if not flat_text or len(flat_text) > CAPTION_MAX or flat_text.endswith("。"):
            return None
        start = text.index(stripped) + 1
        return Cell(stripped, number, start, start + len(stripped))
    return None
