"""Build the section tree from heading lines.

A heading is either a Markdown ``#`` heading or a line starting with outline
numbering (grammars/numbering.lark).  A numbered line is classified as:

* **heading** – the whole line is a title: at most ``HEADING_MAX`` characters,
  no sentence end inside (a single trailing 。 is allowed, as in ``7.加强考核力度。``),
  and not a complete sentence (a trailing 。 after a comma makes it a sentence);
* **run-in heading** – a short title closed by 。 and followed by body text on the
  same line, as in ``（一）主动公开情况。2024年，……`` (the title is at most
  ``RUN_IN_MAX`` characters);
* **numbered paragraph** – anything else (``1.加强组织领导，全年共召开……``); not a node of
  the tree, but kept with the headings in ``Document.numbered`` for the numbering checks.

Lines that are table content are never headings: a line holding ``|`` (a web
table flattened into text), a line inside a Markdown table, code or HTML block,
and a label followed by a bare number, directly or after at most ``FRAGMENTS_MAX``
short label fragments (a table taken from a PDF: one cell or label fragment per line),
unless it is numbered like a part (一、, 第一部分) and its title names a part of the report
(rules/sections.yaml), as 二、主动公开政府信息情况 does when a table follows at once.  A title needs two characters.  ``一是……`` never parses
as numbering at all.

Nesting: Markdown headings rank by their ``#`` count; numbered lines rank by
style (第一部分 1 > 一、 2 > （一） 3 > 1. 4 > （1） 5).  A node is the child of the
nearest earlier node of a smaller rank.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from linter.document import Block, Document, Section, Title, normalize
from linter.grammars.numbering import FIRST as NUMBERING_FIRST
from linter.grammars.numbering import STYLE_RANK, parse_numbering
from linter.parts import is_part_title
from linter.regexes import compiled

HEADING_MAX = 40
RUN_IN_MAX = 30
_SENTENCE_END = "。!?;！？；"  # full and half width
_COMMA = ",，"
_CELL = compiled(r"[-+−—/\d.,%]+")
_TITLE = compiled(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年.*(?:年度报告|年报)$")
_YEARED = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年"
TITLE_MAX = 60
FRAGMENTS_MAX = 3
FRAGMENT_MAX = 15

# Numbered headings repeat from report to report (一、总体情况, （一）主动公开情况): parsed once.
_numbering = lru_cache(maxsize=1024)(parse_numbering)


class MarkdownHeading:
    """A ``#`` heading as markdown-it found it."""

    def __init__(self, level: int, text: str) -> None:
        self.level = level
        self.text = text


def build(doc: Document, md_headings: dict[int, MarkdownHeading], skip: set[int], paragraphs: list[Block]) -> None:
    """Fill doc.title, doc.sections and doc.blocks from the classified lines."""
    found = _headings(doc, md_headings, skip)
    nodes = [n for n in found if not n.paragraph]
    doc.title = _title(doc, md_headings, nodes)
    if doc.title:
        nodes = [n for n in nodes if n.line != doc.title.line]
    doc.numbered = [n for n in found if n.number and (not doc.title or n.line != doc.title.line)]
    doc.sections = _nest(nodes, doc.last_content_line())
    heading_lines = {n.line for n in nodes if not n.run_in}
    if doc.title:
        heading_lines.add(doc.title.line)
    doc.blocks = sorted(_split(paragraphs, heading_lines) + [b for b in doc.blocks if b.kind != "paragraph"],
                        key=lambda b: b.line)
    _attach(doc.blocks, nodes)


def _headings(doc: Document, md_headings, skip) -> list[Section]:
    nodes = []
    for number, (raw, flat) in enumerate(zip(doc.lines, doc.nfkc_lines()), start=1):
        if number in md_headings:
            nodes.append(_markdown_node(number, raw, md_headings[number]))
        # most lines cannot open with a number prefix: their first character (in NFKC, after
        # the white space an indent is) tells, before anything else is looked at
        elif number not in skip and flat.lstrip()[:1] in NUMBERING_FIRST:
            node = _numbered_node(doc, number, raw, flat)
            if node:
                nodes.append(node)
    return nodes


def _markdown_node(number: int, raw: str, heading: MarkdownHeading) -> Section:
    text = heading.text.strip()
    column = raw.find(text[:1]) + 1 if text else 1
    found = _numbering(unicodedata.normalize("NFKC", text))
    node = Section(title=text, line=number, column=max(column, 1), rank=heading.level, markdown=True)
    if found and found.text.strip():
        node.title = text[_original_length(text, found.written):].strip()
        node.number, node.value, node.style = text[: _original_length(text, found.written)], found.value, found.style
    return node


def _numbered_node(doc: Document, number: int, raw: str, flat: str) -> Section | None:
    """``flat``: the line in NFKC."""
    stripped = raw.lstrip()
    if not stripped or "|" in stripped:
        return None
    indent = len(raw) - len(stripped)
    # NFKC of the stripped line, cut from the NFKC line: white space composes with nothing,
    # so NFKC(indent + rest) = NFKC(indent) + NFKC(rest)
    found = _numbering(flat[len(unicodedata.normalize("NFKC", raw[:indent])):] if indent else flat)
    if not found:
        return None
    cut = _original_length(stripped, found.written)
    title = stripped[cut:].strip()
    if len(normalize(title)) < 2:
        return None
    if _labels_cells(doc, number) and not (found.rank <= STYLE_RANK["cn_dun"] and is_part_title(title)):
        return None
    heading, run_in = _classify(title)
    return Section(title=heading or title, line=number, column=len(raw) - len(stripped) + 1, rank=found.rank,
                   number=stripped[:cut], value=found.value, style=found.style, run_in=run_in,
                   paragraph=heading is None)


def _classify(title: str) -> tuple[str | None, bool]:
    """(title, run_in) for a heading, (None, False) for a numbered paragraph."""
    end = _first_of(title, _SENTENCE_END)  # the first sentence end, -1 for none
    if 0 <= end < len(title) - 1:
        head = title[:end].strip()
        if head and len(normalize(head)) <= RUN_IN_MAX and not _holds_any(head, _COMMA):
            return head, True
        return None, False
    if len(normalize(title)) > HEADING_MAX:
        return None, False
    if end >= 0 and _holds_any(title, _COMMA):
        return None, False  # a complete sentence: 1.加强组织领导，全年共召开会议3次。
    return title.rstrip("。．.").strip() or None, False


def _labels_cells(doc: Document, number: int, fragments: int = FRAGMENTS_MAX) -> bool:
    """Whether this line labels a table row taken from a PDF: a bare number follows, after at
    most ``fragments`` short label fragments (no ``|``, no sentence end, ≤ FRAGMENT_MAX chars)."""
    normalized = doc.normalized_lines()
    for index in range(number, len(normalized)):
        text = normalized[index]
        if not text:
            continue
        if _CELL.fullmatch(text):
            return True
        if fragments == 0 or len(text) > FRAGMENT_MAX or "|" in text or _holds_any(text, _SENTENCE_END):
            return False
        fragments -= 1
    return False


def _holds_any(text: str, characters: str) -> bool:
    # str.__contains__ per character, at C speed: a generator of ``c in text`` cost a frame
    return any(map(text.__contains__, characters))


def _first_of(text: str, characters: str) -> int:
    """Where the first of ``characters`` stands in ``text``, -1 if none does (str.find for
    each: a loop over a long paragraph's every character cost more)."""
    return min((i for i in map(text.find, characters) if i >= 0), default=-1)


def _original_length(original: str, written: str) -> int:
    """How many characters of ``original`` normalise to the prefix ``written``: the shortest
    prefix that covers it.  One character may stand for several (⒈ → 1., ㈠ → (一)), so the
    count can be smaller than ``len(written)``; the search stops there, so a long line costs
    no more than a short one."""
    for k in range(1, len(original) + 1):
        if len(unicodedata.normalize("NFKC", original[:k])) >= len(written):
            return k
    return len(original)


def _title(doc: Document, md_headings, nodes: list[Section]) -> Title | None:
    """The first Markdown heading above every part, else the first short line above the
    parts that ends in ……年……年度报告 (or 年报) and holds no sentence end, or such a title
    broken over two lines."""
    first_part = next((n.line for n in nodes if n.rank <= 2), len(doc.lines) + 1)
    first_md = next((n for n in nodes if n.markdown), None)
    if first_md and first_md.line <= first_part and (first_md.rank == 1 or _TITLE.search(first_md.key)):
        if first_md.number is None:
            return Title(first_md.title, first_md.line)
    previous = None  # (line number, text) of the last non-blank line
    for number in range(1, min(first_part, len(doc.lines) + 1)):
        text = doc.lines[number - 1].strip()
        flat = normalize(text)
        if len(flat) <= TITLE_MAX and _TITLE.search(flat) and not any(c in flat for c in _SENTENCE_END):
            return Title(text.lstrip("#").strip(), number)
        if flat in ("年度报告", "年报") and previous and re.search(_YEARED, normalize(previous[1])):
            return Title(previous[1] + text, previous[0])  # a title broken over two lines
        if flat:
            previous = (number, text)
    return None


def _nest(nodes: list[Section], last_line: int) -> list[Section]:
    top: list[Section] = []
    stack: list[Section] = []
    for node in nodes:
        while stack and stack[-1].rank >= node.rank:
            stack.pop().end_line = node.line - 1
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            top.append(node)
        node.level = len(stack) + 1
        stack.append(node)
    for node in stack:
        node.end_line = last_line
    for node in nodes:
        node.end_line = max(node.end_line, node.line)
    return top


def _split(paragraphs: list[Block], heading_lines: set[int]) -> list[Block]:
    """Cut paragraphs at heading lines, which are not body text."""
    out = []
    for block in paragraphs:
        start = block.line
        for number in range(block.line, block.end_line + 1):
            if number in heading_lines:
                if start < number:
                    out.append(Block("paragraph", start, number - 1))
                start = number + 1
        if start <= block.end_line:
            out.append(Block("paragraph", start, block.end_line))
    return out


def _attach(blocks: list[Block], nodes: list[Section]) -> None:
    """Give each body block to the deepest section that contains it."""
    index = 0
    current: Section | None = None
    for block in blocks:
        while index < len(nodes) and nodes[index].line <= block.line:
            current = nodes[index]
            index += 1
        owner = current
        while owner and owner.end_line < block.line:
            owner = owner.parent
        if owner:
            owner.blocks.append(block)
