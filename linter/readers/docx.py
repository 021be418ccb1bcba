"""Word documents (.docx): the main document part, parsed with lxml (the ``docx`` extra).

A .docx has no lines, so the reader renders it as text, one line per paragraph and one
per table row (cells joined by `` | ``, the form a web table takes when copied as text),
and reads that like a .txt file: "line N" of a diagnostic is the Nth paragraph or table
row of the document, empty paragraphs included.

The text is what python-docx's ``Paragraph.text`` and ``_Row.cells`` give (the tests hold
the two together), but python-docx is not used to read: it parses every part of the package
(styles, settings, numbering …) into its own element classes, which cost 60–80 ms to import
and ~10 ms a document — more than linting the report.  Only the package relationships,
the content types and the main part are read here, with the same lxml parser settings.
"""

from __future__ import annotations

import functools
import io
import posixpath

from linter.document import Document
from linter.readers import MAX_BYTES, ReadProblem
from linter.readers.text import TextReader

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# a run's text, child by child, as python-docx's element classes render it (``str()``)
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "ptab": "\t", _W + "noBreakHyphen": "-", _W + "cr": "\n"}
_P, _TBL, _TR, _TC, _BR = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "br"
_GRID_BEFORE, _GRID_SPAN, _V_MERGE, _VAL = _W + "gridBefore", _W + "gridSpan", _W + "vMerge", _W + "val"


@functools.cache
def _queries():
    """Two XPath queries, compiled once, each giving in document order all the elements the
    text is made of, so that no query runs per paragraph: of the body, its paragraphs and
    tables and the text elements of each paragraph's runs (and of its hyperlinks' runs, as
    python-docx's ``Paragraph.text`` takes them); of a table, its rows and their w:gridBefore,
    the cells of each row with their merge properties, and each cell's paragraphs and text."""
    from lxml import etree

    namespaces = {"w": _W[1:-1]}
    content = "*[self::w:t or self::w:tab or self::w:ptab or self::w:noBreakHyphen or self::w:cr or self::w:br]"

    def paragraphs(path: str) -> str:
        return f"{path} | {path}/w:r/{content} | {path}/w:hyperlink/w:r/{content}"

    cell = "w:tr/w:tc"
    return (etree.XPath(f"{paragraphs('w:p')} | w:tbl", namespaces=namespaces),
            etree.XPath(f"w:tr | w:tr/w:trPr[1]/w:gridBefore[1] | {cell} | {cell}/w:tcPr[1]/w:gridSpan[1]"
                        f" | {cell}/w:tcPr[1]/w:vMerge[1] | {paragraphs(f'{cell}/w:p')}", namespaces=namespaces))


def render(data: bytes) -> str:
    """The document's paragraphs and table rows in order, as lines of text."""
    try:
        import zipfile

        from lxml import etree
    except ImportError:
        raise ReadProblem("读取 Word 文档需要 lxml：pip install 'xxgk-lint[docx]'") from None
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        _refuse_bomb(package)
        # python-docx's parser settings, so that the text nodes are the ones it sees
        body = _main_body(package, functools.partial(etree.fromstring, parser=etree.XMLParser(
            remove_blank_text=True, resolve_entities=False)))
        body_query, table_query = _queries()
        lines, parts = [], None  # parts: the text of the paragraph being read
        for element in body_query(body):
            tag = element.tag
            if tag != _P and tag != _TBL:
                parts.append(_text(element))  # a paragraph comes before the text of its runs
                continue
            if parts is not None:
                lines.append("".join(parts).replace("\n", " "))
            parts = [] if tag == _P else None
            if tag == _TBL:
                lines += _table_lines(table_query(element))
        if parts is not None:
            lines.append("".join(parts).replace("\n", " "))
    except ReadProblem:
        raise
    except Exception as exc:  # zipfile, lxml and a damaged package's structure fail in many ways
        raise ReadProblem(f"不是有效的 Word 文档 (not a valid .docx): {type(exc).__name__}") from None
    return "\n".join(lines) + "\n"


def _text(element) -> str:
    """A run's text element as python-docx renders it; a page or column break renders as nothing."""
    if element.tag == _BR:
        return "\n" if element.get(_W + "type", "textWrapping") == "textWrapping" else ""
    return _RUN_TEXT[element.tag] or element.text or ""


def _refuse_bomb(package) -> None:
    """A .docx is a zip: refuse one whose members would inflate past the size limit before
    any is inflated (a 100 KB file can hold 100 MB of XML)."""
    inflated = sum(member.file_size for member in package.infolist())
    if inflated > MAX_BYTES:
        raise ReadProblem(f"Word 文档解压后过大：{inflated} 字节，上限 {MAX_BYTES} 字节 (inflates past the size limit)")


def _main_body(package, parse):
    """The w:body of the part the package's officeDocument relationship names, found as
    python-docx finds it (and refused, as python-docx refuses it, unless its content type
    is a Word document's: a .docm or a renamed workbook is not one)."""
    relationships = parse(package.read("_rels/.rels"))
    targets = [r.get("Target") for r in relationships.iterchildren(_RELS + "Relationship")
               if r.get("Type") == _OFFICE_DOCUMENT and r.get("TargetMode", "Internal") == "Internal"]
    if len(targets) != 1:  # the exceptions python-docx raises, whose names the message shows
        raise KeyError("no single officeDocument relationship")
    partname = posixpath.abspath(posixpath.join("/", targets[0]))
    if _content_type(parse(package.read("[Content_Types].xml")), partname) != _MAIN:
        raise ValueError("not a Word document's content type")
    body = parse(package.read(partname[1:])).find(_W + "body")
    if body is None:
        raise ValueError("no w:body")
    return body


def _content_type(types, partname: str) -> str | None:
    """A part's content type: its Override, else its extension's Default (both case-blind)."""
    for override in types.iterchildren(_TYPES + "Override"):
        if (override.get("PartName") or "").lower() == partname.lower():
            return override.get("ContentType")
    extension = posixpath.splitext(partname)[1][1:].lower()
    for default in types.iterchildren(_TYPES + "Default"):
        if (default.get("Extension") or "").lower() == extension:
            return default.get("ContentType")
    return None


# Merged cells, as python-docx's ``_Row.cells`` resolves them: a cell spanning columns
# (w:gridSpan) stands once per grid column; a cell continuing a vertical merge (w:vMerge
# without "restart") is the cell starting at its grid column in the row above, itself
# resolved so.  Row by row, so a long merge costs no more than its cells.

def _table_lines(elements) -> list[str]:
    """A table's rows as ``cell | cell |`` lines, a merged cell once, from the elements of
    ``_queries``' table query."""
    rows: list = []  # per w:tr: [its w:gridBefore, its cells]
    for element in elements:
        tag = element.tag
        if tag == _TR:
            rows.append([0, []])
        elif tag == _TC:  # per w:tc: [its w:vMerge value, "continue" when it has none, or None; span; paragraphs]
            rows[-1][1].append([None, 1, []])
        elif tag == _P:
            rows[-1][1][-1][2].append([])
        elif tag == _GRID_BEFORE:
            rows[-1][0] = int(element.get(_VAL))
        elif tag == _GRID_SPAN:
            rows[-1][1][-1][1] = int(element.get(_VAL))
        elif tag == _V_MERGE:
            rows[-1][1][-1][0] = element.get(_VAL, "continue")
        else:
            rows[-1][1][-1][2][-1].append(_text(element))
    lines, above = [], {}  # grid column -> (cell, span) starting there in the previous row, resolved
    for column, cells in rows:
        starts, texts, seen = {}, [], None
        for cell in cells:
            merge, span = cell[0], cell[1]
            # python-docx raises where no cell starts above; the cell then stands for itself
            owner = starts[column] = (above.get(column) if merge == "continue" else None) or (cell, span)
            if owner[0] is not seen:  # a horizontally merged cell stands once
                seen = owner[0]
                text = "\n".join("".join(paragraph) for paragraph in seen[2])
                texts.append(text.replace("|", "｜").replace("\n", " ").strip())
            column += span
        above = starts
        lines.append(" | ".join(texts) + " |")
    return lines


class DocxReader:
    name = format = "docx"
    suffixes = (".docx",)
    binary = True  # readers/__init__ hands over bytes, not decoded text

    def read_bytes(self, path: str, data: bytes) -> Document:
        doc = TextReader().read(path, render(data))
        doc.format = self.format
        return doc
