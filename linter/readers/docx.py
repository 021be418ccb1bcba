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
            lines.append(_paragraph_text(child).replace("\n", " "))
        elif tag == "tbl":
            for row in Table(child, document).rows:  # python-docx resolves merged cells
                cells = [_cell_text(cell).replace("|", "｜").replace("\n", " ").strip() for cell in _unmerged(row.cells)]
                lines.append(" | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# The text of paragraphs and cells as python-docx's ``Paragraph.text`` and ``_Cell.text`` give
# it — the same children in the same order, each rendered by python-docx's own element class
# (``str()`` of w:t, w:tab, w:br …) — but found by walking the children instead of one XPath
# query per paragraph and per run, which python-docx compiles anew each time (half the time
# of reading a .docx).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_CONTENT = tuple(_W + tag for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _run_text(run) -> str:
    return "".join(str(e) for e in run.iterchildren(*_RUN_CONTENT))


def _paragraph_text(paragraph) -> str:
    return "".join(_run_text(e) if e.tag == _W + "r" else "".join(_run_text(r) for r in e.iterchildren(_W + "r"))
                   for e in paragraph.iterchildren(_W + "r", _W + "hyperlink"))


def _cell_text(cell) -> str:
    return "\n".join(_paragraph_text(p) for p in cell._tc.iterchildren(_W + "p"))


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
