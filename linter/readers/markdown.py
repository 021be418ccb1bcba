"""Markdown (.md, .markdown) through markdown-it-py's token stream and source maps.

markdown-it gives the ``#`` headings and the lines of tables, code and HTML
blocks; numbered plain lines inside paragraphs are headings too (outline.py),
since converted reports rarely mark their parts with ``#``.
"""

from __future__ import annotations

from functools import cache

from linter import outline
from linter.document import Block, Document
from linter.readers import split_lines

_BLOCKS = {"table_open": "table", "fence": "code", "code_block": "code", "html_block": "html"}


@cache
def _parser():
    from markdown_it import MarkdownIt

    # Only block tokens and their source maps are read (a heading's text is its inline token's
    # raw content), so inline parsing — most of markdown-it's time — is left out.
    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


class MarkdownReader:
    name = format = "markdown"
    suffixes = (".md", ".markdown")

    def read(self, path: str, text: str) -> Document:
        doc = Document(path=path, lines=split_lines(text), format=self.format)
        tokens = _parser().parse(text)
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
