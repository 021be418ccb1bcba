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

_P = "p"  # a paragraph of the rendering (see _STYLESHEET); a table is "t"

# The text python-docx's element classes give, as an XSLT stylesheet (run by libxslt, part of
# lxml): walking the document's run elements one by one in Python cost ~1 ms a report.  Of the
# body, its paragraphs and tables; of a paragraph, the children of its runs and of its
# hyperlinks' runs (Paragraph.text: w:t as written, w:tab and w:ptab a tab, w:noBreakHyphen a
# hyphen, w:cr and a text-wrapping w:br a line break, anything else nothing); of a table, per
# row its w:gridBefore, per cell its w:gridSpan and w:vMerge (as flags b/s/m and values bv/sv,
# so that a property without a value fails as it did) and the text of its paragraphs, one per
# line (_Cell.text).  What is left to Python is per cell: the merges (_table_lines).
_STYLESHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:w="{_W[1:-1]}">
<xsl:template match="/"><o><xsl:apply-templates select="*/w:p | */w:tbl"/></o></xsl:template>
<xsl:template match="w:p"><p><xsl:call-template name="text"/></p></xsl:template>
<xsl:template name="text"><xsl:for-each select="w:r/* | w:hyperlink/w:r/*"><xsl:choose>
 <xsl:when test="self::w:t"><xsl:value-of select="text()"/></xsl:when>
 <xsl:when test="self::w:tab or self::w:ptab"><xsl:text>&#9;</xsl:text></xsl:when>
 <xsl:when test="self::w:noBreakHyphen"><xsl:text>-</xsl:text></xsl:when>
 <xsl:when test="self::w:cr or self::w:br[not(@w:type) or @w:type = 'textWrapping']">
  <xsl:text>&#10;</xsl:text></xsl:when>
</xsl:choose></xsl:for-each></xsl:template>
<xsl:template match="w:tbl"><t><xsl:for-each select="w:tr"><r>
 <xsl:for-each select="w:trPr[1]/w:gridBefore[1]"><xsl:attribute name="b"/>
  <xsl:for-each select="@w:val"><xsl:attribute name="bv"><xsl:value-of select="."/></xsl:attribute></xsl:for-each>
 </xsl:for-each>
 <xsl:for-each select="w:tc"><c>
  <xsl:for-each select="w:tcPr[1]/w:gridSpan[1]"><xsl:attribute name="s"/>
   <xsl:for-each select="@w:val"><xsl:attribute name="sv"><xsl:value-of select="."/></xsl:attribute></xsl:for-each>
  </xsl:for-each>
  <xsl:for-each select="w:tcPr[1]/w:vMerge[1]"><xsl:attribute name="m"><xsl:choose>
   <xsl:when test="@w:val"><xsl:value-of select="@w:val"/></xsl:when><xsl:otherwise>continue</xsl:otherwise>
  </xsl:choose></xsl:attribute></xsl:for-each>
  <xsl:for-each select="w:p"><xsl:if test="position() > 1"><xsl:text>&#10;</xsl:text></xsl:if>
   <xsl:call-template name="text"/></xsl:for-each>
 </c></xsl:for-each>
</r></xsl:for-each></t></xsl:template>
</xsl:stylesheet>"""


@functools.cache
def _transform():
    from lxml import etree

    return etree.XSLT(etree.XML(_STYLESHEET), access_control=etree.XSLTAccessControl.DENY_ALL)


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
        for element in _transform()(body).getroot():
            if element.tag == _P:
                lines.append((element.text or "").replace("\n", " "))
            else:
                lines += _table_lines(element)
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


# Merged cells, as python-docx's ``_Row.cells`` resolves them: a cell spanning columns
# (w:gridSpan) stands once per grid column; a cell continuing a vertical merge (w:vMerge
# without "restart") is the cell starting at its grid column in the row above, itself
# resolved so.  Row by row, so a long merge costs no more than its cells.

def _table_lines(table) -> list[str]:
    """A table's rows as ``cell | cell |`` lines, a merged cell once, from its rendering."""
    lines, above = [], {}  # grid column -> (cell, span) starting there in the previous row, resolved
    for row in table:
        column = 0 if row.get("b") is None else int(row.get("bv"))
        starts, texts, seen = {}, [], None
        for cell in row:
            span = 1 if cell.get("s") is None else int(cell.get("sv"))
            # python-docx raises where no cell starts above; the cell then stands for itself
            owner = starts[column] = (above.get(column) if cell.get("m") == "continue" else None) or (cell, span)
            if owner[0] is not seen:  # a horizontally merged cell stands once
                seen = owner[0]
                texts.append((seen.text or "").replace("|", "｜").replace("\n", " ").strip())
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
