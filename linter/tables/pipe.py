"""GFM pipe tables in Markdown, as markdown-it-py finds them.

The Markdown reader records each table's lines as a ``Block("table")``; here the
block's text is tokenised again by the same parser to learn which lines are rows
and which row is the header.  Cell positions come from the pipes of each row's
source line, so cells markdown-it would drop (more cells than the header) or pad
(fewer) are seen as written.
"""

from __future__ import annotations

import importlib

from linter.document import Document
from linter.tables import segments
from linter.tables.model import Row, Table


def _parser():
    from linter.readers.markdown import _parser as markdown_parser

    return markdown_parser()


def read(doc: Document, first: int, last: int) -> Table | None:
    """The pipe table on lines ``first``..``last`` (1-based, inclusive)."""
    lines = doc.lines[first - 1: last]
    if not any("-" in line for line in lines[1:]):
        return None  # no delimiter row (|---|) under a header line: GFM reads no table here
    found = _plain_rows(lines)
    if found is None:
        found = _parsed_rows("\n".join(lines))
    if not found:
        return None
    rows, header_rows = [], 0
    for offset, in_head in found:
        line = first + offset
        cells, _ = segments.split(doc.line(line), line)
        rows.append(Row(cells))
        header_rows += in_head
    return Table("pipe", rows, grid=True, header_rows=header_rows)


def _parsed_rows(text: str) -> list[tuple[int, bool]]:
    """(line offset, in the header?) of each row markdown-it finds in ``text``."""
    found, in_head = [], False
    for token in _parser().parse(text):
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and token.map:
            found.append((token.map[0], in_head))
    return found


def _plain_rows(lines: list[str]) -> list[tuple[int, bool]] | None:
    """``_parsed_rows`` without tokenising (markdown-it's table rule builds tokens for every
    cell), when every line opens with ``|``: then no other block starts on any line and none
    ends the table, so if the table rule accepts the first two lines as header and delimiter
    row, every line but the delimiter row is a row.  None when that cannot be told."""
    if len(lines) < 2 or not all(line.startswith("|") for line in lines):
        return None
    try:
        gfm = importlib.import_module("markdown_it.rules_block.table")  # the module, not the rule
        from markdown_it.rules_block.state_block import StateBlock
    except ImportError:  # pragma: no cover - another markdown-it layout: tokenise
        return None
    # the rule stops a table after too many cells missing from its rows: only when that
    # cannot happen (at most the header's width missing per row)
    limit = getattr(gfm, "MAX_AUTOCOMPLETED_CELLS", None)
    if limit is not None and (lines[0].count("|") + 1) * len(lines) > limit:
        return None
    # asked silently, the rule reads the header and the delimiter row only: the state is made of
    # those two lines (making one reads every character of its text)
    text = "\n".join(lines[:2]).replace("\0", "\ufffd")  # as markdown-it's normalisation
    # the Markdown reader's parser, built already for a Markdown file (building ``_parser``
    # costs ~1M instructions): it differs from ``_parser`` in its table rule only, and the
    # state asks its parser which rules are on, never for the table rule
    from linter.readers.markdown import _block_parser

    if not gfm.table(StateBlock(text, _block_parser(), {}, []), 0, 2, True):
        return None
    return [(0, True)] + [(offset, False) for offset in range(2, len(lines))]


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
