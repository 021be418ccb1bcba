"""Markdown (.md, .markdown) through markdown-it-py's token stream and source maps.

markdown-it gives the ``#`` headings and the lines of tables, code and HTML
blocks; numbered plain lines inside paragraphs are headings too (outline.py),
since converted reports rarely mark their parts with ``#``.
"""

from __future__ import annotations

import importlib
from functools import cache, partial

from linter import outline
from linter.document import Block, Document
from linter.readers import split_lines

_BLOCKS = {"table_open": "table", "fence": "code", "code_block": "code", "html_block": "html"}


def _blocks_only():
    """A new parser of CommonMark with GFM tables, making block tokens only."""
    from markdown_it import MarkdownIt

    # Only block tokens and their source maps are read (a heading's text is its inline token's
    # raw content), so inline parsing — most of markdown-it's time — is left out.
    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


@cache
def _parser():
    """CommonMark with GFM tables, block tokens only (tables/pipe.py reads each table's rows)."""
    return _blocks_only()


@cache
def _block_parser():
    """``_parser`` with a table rule that records where a table is, not its rows and cells:
    the reader needs only the lines of each block, and markdown-it's table rule makes five
    tokens per cell — a third of parsing a report (tables/pipe.py reads the rows later)."""
    gfm = importlib.import_module("markdown_it.rules_block.table")  # the module, not the rule
    parser = _blocks_only()
    parser.block.ruler.at("table", partial(_table_lines, gfm), {"alt": ["paragraph", "reference"]})
    return parser


def _table_lines(gfm, state, start: int, end: int, silent: bool) -> bool:
    """markdown-it's GFM table rule, pushing one table_open (with the table's lines) and its
    table_close.  markdown-it's own rule decides whether a table starts here; where it ends
    is decided as that rule does (the same terminating rules, tests, helpers and limit), which
    tests/test_fast_paths.py checks against it."""
    if not gfm.table(state, start, end, True):
        return False
    if silent:
        return True
    width = _width(gfm, gfm.mdTrim(gfm.getLine(state, start)))
    # a row leaves out at most the header's width of cells: count them only where the
    # rule's limit on cells left out could be reached
    counted = width * (end - start) > gfm.MAX_AUTOCOMPLETED_CELLS
    terminators = state.md.block.ruler.getRules("blockquote")
    parent, state.parentType = state.parentType, "table"
    line, autocompleted = start + 2, 0
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        # a line opening with | starts none of the blocks that end a table (fence, quote, rule,
        # list, HTML, heading: each opens with its own character), so they need not be asked
        opening = state.bMarks[line] + state.tShift[line]
        if state.src[opening:opening + 1] != "|" and any(rule(state, line, end, True) for rule in terminators):
            break
        text = gfm.mdTrim(gfm.getLine(state, line))
        if not text or state.is_code_block(line):
            break
        if counted:
            autocompleted += width - _width(gfm, text)
            if autocompleted > gfm.MAX_AUTOCOMPLETED_CELLS:
                break
        line += 1
    state.parentType = parent
    state.push("table_open", "table", 1).map = [start, line]
    state.push("table_close", "table", -1)
    state.line = line
    return True


def _width(gfm, text: str) -> int:
    """The number of cells of a table line, as markdown-it's table rule counts them."""
    cells = gfm.escapedSplit(text)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells)


class MarkdownReader:
    name = format = "markdown"
    suffixes = (".md", ".markdown")

    def read(self, path: str, text: str) -> Document:
        doc = Document(path=path, lines=split_lines(text), format=self.format)
        tokens = _block_parser().parse(text)
        headings, skip, paragraphs = {}, set(), []
        for index, token in enumerate(tokens):
            if not token.map:
                continue
            first, last = token.map[0] + 1, token.map[1]
            if token.type == "heading_open":
                level = int(token.tag[1:])
                headings[first] = outline.MarkdownHeading(level, tokens[index + 1].content)
            elif token.type in _BLOCKS:
                doc.blocks.append(Block(_BLOCKS[token.type], first, last))
                skip.update(range(first, last + 1))
            elif token.type == "paragraph_open":
                paragraphs.append(Block("paragraph", first, last))
        # a setext heading's underline belongs to the heading, not to the body
        skip.update(n + 1 for n in headings if n < len(doc.lines) and set(doc.lines[n].strip()) <= set("=-"))
        outline.build(doc, headings, skip, paragraphs)
        return doc
