"""Plain text (.txt): every line may be a numbered heading; blank lines end paragraphs."""

from __future__ import annotations

from linter import outline
from linter.document import Block, Document
from linter.readers import split_lines

def paragraphs(lines: list[str], skip: set[int] = frozenset()) -> list[Block]:
    """Runs of non-blank lines outside ``skip``."""
    blocks, start = [], None
    for number, text in enumerate(lines + [""], start=1):
        blank = not text.strip() or number in skip
        if blank and start is not None:
            blocks.append(Block("paragraph", start, number - 1))
            start = None
        elif not blank and start is None:
            start = number
    return blocks


class TextReader:
    name = format = "text"
    suffixes = (".txt", ".text")

    def read(self, path: str, text: str) -> Document:
        doc = Document(path=path, lines=split_lines(text), format=self.format)
        outline.build(doc, {}, set(), paragraphs(doc.lines))
        return doc
