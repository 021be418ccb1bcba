"""Plain text (.txt): every line may be a numbered heading; blank lines end paragraphs;
lines of ``cell | cell |`` are a flattened table."""

from __future__ import annotations

from linter import outline
from linter.document import Block, Document
from linter.readers import split_lines

def blocks(lines: list[str]) -> list[Block]:
    """Runs of non-blank lines: ``table`` where every line holds ``|`` (a web table flattened
    into ``cell | cell |`` lines), ``paragraph`` otherwise."""
    out: list[Block] = []
    for number, text in enumerate(lines, start=1):
        kind = None if not text.strip() else "table" if "|" in text else "paragraph"
        if kind and out and out[-1].kind == kind and out[-1].end_line == number - 1:
            out[-1].end_line = number
        elif kind:
            out.append(Block(kind, number, number))
    return out


class TextReader:
    name = format = "text"
    suffixes = (".txt", ".text")

    def read(self, path: str, text: str) -> Document:
        doc = Document(path=path, lines=split_lines(text), format=self.format)
        found = blocks(doc.lines)
        doc.blocks = [b for b in found if b.kind == "table"]
        outline.build(doc, {}, set(), [b for b in found if b.kind == "paragraph"])
        return doc
