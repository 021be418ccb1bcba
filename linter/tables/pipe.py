"""GFM pipe tables in Markdown, as markdown-it-py finds them.

The Markdown reader records each table's lines as a ``Block("table")``; here the
block's text is tokenised again by the same parser to learn which lines are rows
and which row is the header.  Cell positions come from the pipes of each row's
source line, so cells markdown-it would drop (more cells than the header) or pad
(fewer) are seen as written.
"""

from __future__ import annotations

from linter.document import Document
from linter.tables import segments
from linter.tables.model import Row, Table


def _parser():
    from linter.readers.markdown import _parser as markdown_parser

    return markdown_parser()


def read(doc: Document, first: int, last: int) -> Table | None:
    """The pipe table on lines ``first``..``last`` (1-based, inclusive)."""
    if not any("-" in line for line in doc.lines[first: last]):
        return None  # no delimiter row (|---|) under a header line: GFM reads no table here
    text = "\n".join(doc.lines[first - 1: last])
    rows, header_rows = [], 0
    in_head = False
    for token in _parser().parse(text):
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and token.map:
            line = first + token.map[0]
            cells, _ = segments.split(doc.line(line), line)
            rows.append(Row(cells))
            header_rows += in_head
    if not rows:
        return None
    return Table("pipe", rows, grid=True, header_rows=header_rows)


def tables(doc: Document, claimed: set[int]) -> list[Table]:
    found = []
    for block in doc.blocks:
        # in a text file a "table" block is a flattened web table (flat.py) unless GFM reads it
        if block.kind == "table":
            table = read(doc, block.line, block.end_line)
            if table:
                found.append(table)
                claimed.update(range(block.line, block.end_line + 1))
    return found
