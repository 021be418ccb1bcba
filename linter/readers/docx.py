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


@functools.cache
def _queries():
    """XPath queries, compiled once: a paragraph's text elements (those of its runs and of
    the runs of its hyperlinks, in document order, as python-docx's ``Paragraph.text`` takes
    them) and a table's merge properties (the few cells that have any)."""
    from lxml import etree

    namespaces = {"w": _W[1:-1]}
    content = "*[self::w:t or self::w:tab or self::w:ptab or self::w:noBreakHyphen or self::w:cr or self::w:br]"
    return (etree.XPath(f"w:r/{content} | w:hyperlink/w:r/{content}", namespaces=namespaces),
            etree.XPath("w:tr/w:tc/w:tcPr[1]/w:gridSpan[1] | w:tr/w:tc/w:tcPr[1]/w:vMerge[1]", namespaces=namespaces))


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
        lines = []
        for child in body.iterchildren(_W + "p", _W + "tbl"):
            if child.tag == _W + "p":
                lines.append(_paragraph_text(child).replace("\n", " "))
                continue
            for cells in _rows(child):
                lines.append(" | ".join(_cell_text(tc).replace("|", "｜").replace("\n", " ").strip()
                                        for tc in _unmerged(cells)) + " |")
    except ReadProblem:
        raise
    except Exception as exc:  # zipfile, lxml and a damaged package's structure fail in many ways
        raise ReadProblem(f"不是有效的 Word 文档 (not a valid .docx): {type(exc).__name__}") from None
    return "\n".join(lines) + "\n"


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


def _paragraph_text(paragraph) -> str:
    out = []
    for element in _queries()[0](paragraph):
        if element.tag == _W + "br":  # a line break; a page or column break renders as nothing
            out.append("\n" if element.get(_W + "type", "textWrapping") == "textWrapping" else "")
        else:
            out.append(_RUN_TEXT[element.tag] or element.text or "")
    return "".join(out)


def _cell_text(tc) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.iterchildren(_W + "p"))


# Merged cells, as python-docx's ``_Row.cells`` resolves them: a cell spanning columns
# (w:gridSpan) stands once per grid column; a cell continuing a vertical merge (w:vMerge
# without "restart") is the cell starting at its grid column in the row above, itself
# resolved so.  Row by row, so a long merge costs no more than its cells.

def _rows(table):
    """Each w:tr's cells, one per grid column it fills (a merged cell repeated)."""
    merges = _merges(table)
    above: dict = {}  # grid column -> (cell, span) starting there in the previous row, resolved
    for row in table.iterchildren(_W + "tr"):
        column, starts, cells = _grid_before(row), {}, []
        for tc in row.iterchildren(_W + "tc"):
            merge, span = merges.get(tc, (None, 1))
            # python-docx raises where no cell starts above; the cell then stands for itself
            owner = starts[column] = (above.get(column) if merge == "continue" else None) or (tc, span)
            cells += [owner[0]] * owner[1]
            column += span
        above = starts
        yield cells


def _merges(table) -> dict:
    """w:tc → (its w:vMerge value, "continue" when the element has none, or None; its
    w:gridSpan) for the cells that have either; the rest are (None, 1).  (lxml hands out the
    same element object while one is held, so the cells found later are these keys.)"""
    found: dict = {}
    for element in _queries()[1](table):
        tc = element.getparent().getparent()
        merge, span = found.get(tc, (None, 1))
        if element.tag == _W + "vMerge":
            merge = element.get(_W + "val", "continue")
        else:
            span = int(element.get(_W + "val"))
        found[tc] = merge, span
    return found


def _grid_before(tr) -> int:
    properties = tr.find(_W + "trPr")
    found = properties.find(_W + "gridBefore") if properties is not None else None
    return 0 if found is None else int(found.get(_W + "val"))


def _unmerged(cells):
    """A horizontally merged cell stands once per grid column; keep one."""
    seen = None
    for tc in cells:
        if tc is not seen:
            seen = tc
            yield tc


class DocxReader:
    name = format = "docx"
    suffixes = (".docx",)
    binary = True  # readers/__init__ hands over bytes, not decoded text

    def read_bytes(self, path: str, data: bytes) -> Document:
        doc = TextReader().read(path, render(data))
        doc.format = self.format
        return doc
