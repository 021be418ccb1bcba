"""Word documents (.docx) through python-docx (the ``docx`` extra).

A .docx has no lines, so the reader renders it as text, one line per paragraph and one
per table row (cells joined by `` | ``, the form a web table takes when copied as text),
and reads that like a .txt file: "line N" of a diagnostic is the Nth paragraph or table
row of the document, empty paragraphs included.
"""

from __future__ import annotations

import io

from linter.document import Document
from linter.readers import MAX_BYTES, ReadProblem
from linter.readers.text import TextReader


def render(data: bytes) -> str:
    """The document's paragraphs and table rows in order, as lines of text."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise ReadProblem("读取 Word 文档需要 python-docx：pip install 'xxgk-lint[docx]'") from None
    _refuse_bomb(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ReadProblem(f"不是有效的 Word 文档 (not a valid .docx): {type(exc).__name__}") from None
    lines = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text.replace("\n", " "))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [cell.text.replace("|", "｜").replace("\n", " ").strip() for cell in _unmerged(row.cells)]
                lines.append(" | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _refuse_bomb(data: bytes) -> None:
    """A .docx is a zip: refuse one whose members would inflate past the size limit before
    python-docx inflates them (a 100 KB file can hold 100 MB of XML)."""
    import zipfile

    try:
        inflated = sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says what is wrong below
    if inflated > MAX_BYTES:
        raise ReadProblem(f"Word 文档解压后过大：{inflated} 字节，上限 {MAX_BYTES} 字节 (inflates past the size limit)")


def _unmerged(cells):
    """python-docx repeats a horizontally merged cell once per grid column; keep one."""
    seen = None
    for cell in cells:
        if cell._tc is not seen:
            seen = cell._tc
            yield cell


class DocxReader:
    name = format = "docx"
    suffixes = (".docx",)
    binary = True  # readers/__init__ hands over bytes, not decoded text

    def read_bytes(self, path: str, data: bytes) -> Document:
        doc = TextReader().read(path, render(data))
        doc.format = self.format
        return doc
