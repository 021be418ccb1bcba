"""Web pages (.html, .htm), as saved from a government site, through the standard
library's ``html.parser``.

A page is rendered as text the way a browser shows it, one line per block (``p``, ``div``,
``h1``–``h6``, ``li``, ``br``, ``tr`` …): ``script``, ``style``, ``head`` and comments are
dropped, white space inside a line is collapsed and entities are unescaped.  A data table
stays HTML, one line per row with only ``rowspan``/``colspan`` kept, so that
``linter.tables.html`` reads it with its spans expanded; a layout table (one that holds
another table, a single cell, a heading or a long text) is rendered like blocks.  The text
is then read like a .txt file: "line N" of a diagnostic is line N of the rendered text
(``xxgk-lint tree`` shows the lines it refers to).  Site navigation, headers and footers stay
in the text, as in a page copied by hand; rule M104 points them out.

Decoding: UTF-8 (with or without BOM); otherwise GB18030 if a ``<meta>`` declares ``gbk``,
``gb2312`` or ``gb18030`` (a few undecodable bytes become U+FFFD); otherwise like a text file
(GB18030), and if that fails the charset declared.
"""

from __future__ import annotations

import codecs
import re
from html import escape
from html.parser import HTMLParser

from linter.document import Document
from linter.readers import ReadProblem, _refuse_binary, decode
from linter.readers.text import TextReader
from linter.regexes import compiled

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
SKIP = frozenset("script style head title noscript template select textarea svg math iframe object".split())
HEAD_CONTENT = frozenset("base link meta noscript script style template title".split())
BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset"
    " figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main"
    " menu nav ol p pre section summary table tbody td tfoot th thead tr ul".split())
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
CELLS = frozenset(("td", "th"))
LAYOUT_CELL_CHARS = 300  # a cell this long holds the report, not a number or a label

_META_CHARSET = compiled(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_GB = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn", "csgb2312", "chinese", "iso-ir-58"}
_WIDE = "\u00b7\u2014\u2018\u2019\u201c\u201d\u2026\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SEGMENT_BREAK = compiled(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")
_SPACE = compiled(r"[ \t\n\r\f\xa0]+")
_INCOMPLETE = compiled(r"<[A-Za-z/!?]")
_OUR_RESULTS = compiled(rb"""<meta\s+name=["']generator["']\s+content=["']xxgk-lint\b""", re.IGNORECASE)


# ---------------------------------------------------------------------------- decoding

def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta charset>`` or ``<meta http-equiv content="…; charset=…">``
    in the first 4 KiB declares, lower case, or None."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def decode_page(data: bytes) -> str:
    """UTF-8 if the bytes are UTF-8, whatever the page says (a page saved again keeps its
    old ``<meta>``); else GB18030 if the page declares a GB charset, a stray undecodable
    byte (a download cut inside a character) becoming U+FFFD; else like a text file, and
    only if that fails the charset declared (a Chinese report is GB more often than its
    ``<meta>`` is right)."""
    _refuse_binary(data[:8192])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data)
    if charset in _GB:
        return data.decode("gb18030", errors="replace")
    try:
        return decode(data)
    except ReadProblem:
        try:
            return data.decode(codecs.lookup(charset or "").name)
        except (LookupError, UnicodeDecodeError):
            raise ReadProblem(f"无法解码：既不是 UTF-8 也不是 GB18030，也不是网页声明的 {charset or '编码'}"
                              f" (cannot decode as UTF-8, GB18030 or the declared charset {charset or '(none)'})") from None


# ---------------------------------------------------------------------------- tree

class _Element:
    __slots__ = ("tag", "attrs", "children", "holds_layout")

    def __init__(self, tag: str, attrs=()):
        self.tag = tag
        self.attrs = dict(attrs)
        self.children: list = []  # _Element or str
        self.holds_layout = False  # a table or heading somewhere inside (see _mark)


P_SCOPE = CELLS | {"table", "caption", "button"}  # an open <p> is not closed across these
LIST_SCOPE = CELLS | {"table", "ul", "ol", "dl", "menu", "dir"}
TABLE_PARTS = {"thead", "tbody", "tfoot"}
P_CLOSERS = (BLOCK - CELLS - TABLE_PARTS - {"tr"}) | {"li", "dt", "dd"}  # a new block ends an open <p>
TABLE_INNER = CELLS | TABLE_PARTS | {"tr", "caption"}
IMPLIED = {  # a start tag ends the open elements of these kinds, not across the scope
    "td": (CELLS, {"table"}), "th": (CELLS, {"table"}), "tr": (CELLS | {"tr"}, {"table"}),
    "thead": (CELLS | {"tr"} | TABLE_PARTS, {"table"}), "tbody": (CELLS | {"tr"} | TABLE_PARTS, {"table"}),
    "tfoot": (CELLS | {"tr"} | TABLE_PARTS, {"table"}),
    "li": ({"li"}, LIST_SCOPE), "dt": ({"dt", "dd"}, LIST_SCOPE), "dd": ({"dt", "dd"}, LIST_SCOPE),
}


class _TreeBuilder(HTMLParser):
    """A forgiving tree: void elements; implied ends of cells, rows, paragraphs, list items
    and ``head``; stray end tags ignored; whatever is open at the end closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root")
        self.stack = [self.root]
        self.open_count: dict[str, int] = {}

    def _push(self, element: _Element) -> None:
        self.stack.append(element)
        self.open_count[element.tag] = self.open_count.get(element.tag, 0) + 1

    def _pop_to(self, index: int) -> None:
        for element in self.stack[index:]:
            self.open_count[element.tag] -= 1
        del self.stack[index:]

    def _find(self, tags, scope) -> int | None:
        """Index in the stack of the innermost open element of ``tags``, not across ``scope``."""
        for tag in tags:
            if self.open_count.get(tag):
                break
        else:
            return None
        for index in range(len(self.stack) - 1, 0, -1):
            current = self.stack[index].tag
            if current in tags:
                return index
            if current in scope:
                return None
        return None

    def _close_implied(self, tag: str) -> None:
        opened = self.open_count
        if opened.get("head") and tag not in HEAD_CONTENT:  # <body>, or any content, ends <head>
            self._close({"head"}, P_SCOPE)
        if opened.get("p") and tag in P_CLOSERS:
            self._close({"p"}, P_SCOPE)
        if tag in IMPLIED:
            self._close(*IMPLIED[tag])

    def _close(self, tags, scope) -> None:
        at = self._find(tags, scope)
        if at is not None:
            self._pop_to(at)

    def handle_starttag(self, tag, attrs):
        self._close_implied(tag)
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self._push(element)

    def handle_startendtag(self, tag, attrs):  # <br/>, <img/>: nothing inside
        self._close_implied(tag)
        self.stack[-1].children.append(_Element(tag, attrs))

    def handle_endtag(self, tag):
        if tag == "br":  # </br> is a line break in every browser
            self.stack[-1].children.append(_Element("br"))
            return
        if tag in TABLE_INNER:
            scope = {"table"}
        elif tag == "table":
            scope = set()
        else:  # </div> does not close a cell or a table it is not inside
            scope = P_SCOPE
        self._close({tag}, scope)

    def handle_data(self, data):
        if self.stack[-1].tag == "head" and data.strip():  # text ends an unclosed <head>
            self._close({"head"}, P_SCOPE)
        self.stack[-1].children.append(data)

    def close(self):
        cut = self.rawdata.find("<")
        if cut >= 0 and _INCOMPLETE.match(self.rawdata, cut):
            self.rawdata = self.rawdata[:cut]  # a tag or comment cut off at the end of the file
        super().close()


def _mark(root: _Element) -> None:
    """Set ``holds_layout`` on every element with a table or a heading inside (one pass,
    no recursion: a broken page may nest thousands of unclosed tags)."""
    order, todo = [], [root]
    while todo:
        element = todo.pop()
        order.append(element)
        todo.extend(c for c in element.children if isinstance(c, _Element) and c.tag not in SKIP)
    for element in reversed(order):  # children before their parents
        element.holds_layout = any(isinstance(c, _Element) and c.tag not in SKIP
                                   and (c.holds_layout or c.tag == "table" or c.tag in HEADINGS)
                                   for c in element.children)


def parse(text: str) -> _Element:
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except Exception:  # html.parser copes with nearly anything; keep what was read if not
        pass
    _mark(builder.root)
    return builder.root


# ---------------------------------------------------------------------------- rendering

def _inline(raw: str) -> str:
    """One line as a browser shows it: a line break between two Chinese characters is
    nothing, other runs of white space are one space."""
    return _SPACE.sub(" ", _SEGMENT_BREAK.sub("", raw)).strip()


class _Renderer:
    def __init__(self):
        self.lines: list[str] = []
        self.pending: list[str] = []

    def end_line(self) -> None:
        text = _inline("".join(self.pending))
        self.pending.clear()
        if text:
            self.lines.append(text)

    def line_break(self) -> None:
        if _inline("".join(self.pending)):
            self.end_line()
        else:  # <br> on an empty line: a blank line, as on screen
            self.pending.clear()
            self.lines.append("")

    def walk(self, node: _Element, pre: bool = False) -> None:
        """Render ``node``'s content, depth first with a stack of its open elements."""
        stack = [(iter(node.children), pre, False)]
        while stack:
            children, pre, block = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if block:
                    self.end_line()
            elif isinstance(child, str):
                if pre:
                    first, *rest = child.split("\n")
                    self.pending.append(first.replace(" ", "\xa0"))
                    for piece in rest:
                        self.line_break()
                        self.pending.append(piece.replace(" ", "\xa0"))
                else:
                    self.pending.append(child)
            elif child.tag in SKIP:
                continue
            elif child.tag == "br":
                self.line_break()
            elif child.tag == "table" and self.data_table(child):
                continue
            elif child.tag in BLOCK:  # a layout table too: its rows and cells are blocks
                self.end_line()
                stack.append((iter(child.children), pre or child.tag == "pre", True))
            else:
                stack.append((iter(child.children), pre, False))

    def data_table(self, table: _Element) -> bool:
        """Write ``table`` as HTML, a line per row, unless it is a layout table."""
        if table.holds_layout:  # another table or a heading inside
            return False
        rows, caption, stray = _rows(table)
        cells = [cell for _, row in rows for cell in row]
        if len(cells) < 2:  # a frame around the text
            return False
        texts = [cell_text(cell) for cell in cells]
        if any(len(text) >= LAYOUT_CELL_CHARS for text in texts):  # the report in a cell
            return False
        self.end_line()
        for before in ([caption] if caption is not None else []) + stray:  # shown above the table
            self.walk(before)
            self.end_line()
        self.lines.append("<table>")
        in_head = False
        texts_left = iter(texts)
        for head, row in rows:
            if head != in_head:
                self.lines.append("<thead>" if head else "</thead>")
                in_head = head
            self.lines.append("<tr>" + "".join(_cell_html(cell, next(texts_left)) for cell in row) + "</tr>")
        if in_head:
            self.lines.append("</thead>")
        self.lines.append("</table>")
        return True


def _rows(table: _Element):
    """(in thead, cells) of each row of a table without tables inside; its caption; and
    what stands between its rows, not in a cell (a browser shows it above the table)."""
    rows: list[tuple[bool, list[_Element]]] = []
    caption = None
    loose: list[_Element] = []  # cells outside any row (a broken page)
    stray: list[_Element] = []
    todo = [(iter(table.children), False)]
    while todo:
        children, head = todo[-1]
        child = next(children, None)
        if child is None:
            todo.pop()
        elif isinstance(child, str):
            if child.strip():
                stray.append(_text_block(child))
        elif child.tag in SKIP:
            continue
        elif child.tag == "caption":
            caption = caption or child
        elif child.tag == "tr":
            rows.append((head, [c for c in child.children if isinstance(c, _Element) and c.tag in CELLS]))
            stray += [_text_block(c) if isinstance(c, str) else c for c in child.children
                      if (c.strip() if isinstance(c, str) else c.tag not in CELLS | SKIP)]
        elif child.tag in CELLS:
            loose.append(child)
        elif child.tag in TABLE_PARTS or child.tag not in BLOCK:  # also <form>, <span> around rows
            todo.append((iter(child.children), head or child.tag == "thead"))
    if loose:
        rows.insert(0, (False, loose))
    return [(head, cells) for head, cells in rows if cells], caption, stray


def _text_block(text: str) -> _Element:
    block = _Element("p")
    block.children.append(text)
    return block


def cell_text(cell: _Element) -> str:
    """A cell's text on one line: its paragraphs and line breaks joined like a line break
    in the source (nothing between Chinese characters, a space otherwise)."""
    if all(isinstance(child, str) for child in cell.children):  # most cells: plain text
        return _inline("".join(cell.children))
    renderer = _Renderer()
    renderer.walk(cell)
    renderer.end_line()
    return _inline("\n".join(line for line in renderer.lines if line))


def _cell_html(cell: _Element, text: str) -> str:
    spans = "".join(f' {name}="{cell.attrs[name].strip()}"' for name in ("rowspan", "colspan")
                    if (cell.attrs.get(name) or "").strip().isdigit() and cell.attrs[name].strip() not in ("0", "1"))
    return f"<{cell.tag}{spans}>{escape(text, quote=False)}</{cell.tag}>"


def render(text: str) -> str:
    """The page as lines of text (see the module docstring)."""
    renderer = _Renderer()
    renderer.walk(parse(text))
    renderer.end_line()
    out: list[str] = []
    for line in renderer.lines:  # one blank line at most, none at the ends
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


class HtmlReader:
    name = format = "html"
    suffixes = (".html", ".htm")
    binary = True  # readers/__init__ hands over bytes: a <meta charset> may name the encoding

    def read_bytes(self, path: str, data: bytes) -> Document:
        if _OUR_RESULTS.search(data[:4096]):  # `check --format html --output` into the reports' folder
            raise ReadProblem("这是 xxgk-lint 的检查结果页面，不是报告 (an xxgk-lint results page, not a report)")
        text = decode_page(data)
        if not text.replace("\ufeff", "").strip():
            raise ReadProblem("文件为空 (empty file)")
        rendered = render(text)
        if not rendered.strip():
            raise ReadProblem("网页没有可显示的文字 (the page shows no text)")
        doc = TextReader().read(path, rendered)
        doc.format = self.format
        return doc
