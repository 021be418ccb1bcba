"""The model every rule sees: source lines, blocks, the section tree and report facts.

Built once per file by a reader (``linter.readers``) and shared by all rules.
Line numbers are 1-based; columns count Unicode code points, 1-based.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator

# Full-width forms Chinese text is full of, and the one character each decomposes to (NFKC
# maps them so); see nfkc.
_WIDE = (("，", ","), ("（", "("), ("）", ")"), ("：", ":"), ("；", ";"), ("！", "!"), ("？", "?"),
         ("\u3000", " "), ("\xa0", " "))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, four times faster on Chinese text: its
    full-width punctuation is first replaced by what it decomposes to, which leaves the
    decomposition and so the NFKC form unchanged, and most lines are then in NFKC already."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _narrow(text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _narrow(text: str) -> str:
    for wide, narrow in _WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


def without_spaces(text: str) -> str:
    """``text`` without white space (as ``\\s`` has it), zero-width spaces and BOMs."""
    text = "".join(text.split())  # str.split and \s agree on what white space is
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", "").replace("\ufeff", "")
    return text


def nfkc_lines(lines: list[str]) -> list[str]:
    """``[nfkc(line) for line in lines]``, in a few calls over the whole text where, as in most
    reports, the text is in NFKC once its full-width punctuation is replaced: NFKC neither
    composes across a line feed nor makes one, so the text's lines are then the lines in NFKC."""
    text = _narrow("\n".join(lines))
    if unicodedata.is_normalized("NFKC", text):
        flat = text.split("\n")
        if len(flat) == len(lines):  # no line holds a line feed of its own
            return flat
    return [nfkc(line) for line in lines]


def _without_spaces_lines(lines: list[str]) -> list[str]:
    """``[without_spaces(line) for line in lines]``, the zero-width characters looked for once."""
    if any("\u200b" in line or "\ufeff" in line for line in lines):
        return [without_spaces(line) for line in lines]
    return ["".join(line.split()) for line in lines]


def normalize(text: str) -> str:
    """Text for matching: NFKC (full width → half width) and no white space at all."""
    return without_spaces(nfkc(text))


class Block:
    """A run of source lines of one kind: paragraph, table, code, html."""

    def __init__(self, kind: str, line: int, end_line: int) -> None:
        self.kind = kind
        self.line = line
        self.end_line = end_line


class Section:
    """A node of the section tree: a heading and everything up to the next one of its rank."""

    def __init__(self, title: str, line: int, column: int, rank: int, number: str | None = None,
                 value: int | None = None, style: str | None = None, run_in: bool = False, markdown: bool = False,
                 paragraph: bool = False, end_line: int = 0, level: int = 0, parent: Section | None = None,
                 children: list[Section] | None = None, blocks: list[Block] | None = None) -> None:
        self.title = title  # heading text without its numbering, stripped
        self.line = line
        self.column = column  # where the heading text (numbering included) starts
        self.rank = rank  # nesting rank used to build the tree (see outline.py)
        self.number = number  # numbering as written, e.g. "（一）"
        self.value = value  # numbering as an integer
        self.style = style  # numbering style (grammars/numbering.py)
        self.run_in = run_in  # numbered paragraph whose title ends at the first 。
        self.markdown = markdown  # a Markdown # heading
        self.paragraph = paragraph  # a numbered paragraph: in Document.numbered, not in the tree
        self.end_line = end_line
        self.level = level  # depth in the tree, 1 = part of the report
        self.parent = parent
        self.children = [] if children is None else children
        self.blocks = [] if blocks is None else blocks

    @property
    def key(self) -> str:
        """The title normalised for matching."""
        return normalize(self.title)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


class Title:
    """The report's title line."""

    def __init__(self, text: str, line: int) -> None:
        self.text = text
        self.line = line


@dataclass
class Facts:
    """What the report is: year, regime, kind of organ, and where each was found."""

    year: int | None = None
    year_source: str | None = None  # "title", "period", "body" or "option"
    regime: str | None = None  # "2007", "2019" or "2021"
    organ: str | None = None  # "government", "department" or "township"
    agency: str | None = None  # the organ's name as found


class Document:
    """A report as the rules read it: its lines, blocks, section tree and what is derived from them."""

    def __init__(self, path: str, lines: list[str], format: str, blocks: list[Block] | None = None,
                 sections: list[Section] | None = None, numbered: list[Section] | None = None,
                 title: Title | None = None, tables: list | None = None, facts: Facts | None = None,
                 derived: dict | None = None, context: dict | None = None) -> None:
        self.path = path
        self.lines = lines  # source lines without line ends; lines[0] is line 1
        self.format = format  # "markdown" or "text"
        self.blocks = [] if blocks is None else blocks
        self.sections = [] if sections is None else sections  # top-level parts
        self.numbered = [] if numbered is None else numbered  # numbered headings and paragraphs, in order
        self.title = title
        self.tables = [] if tables is None else tables  # filled by the table reader (later)
        self.facts = Facts() if facts is None else facts
        self.derived = {} if derived is None else derived  # computed once, shared by rules
        # what the user said about the report beyond its text (command line, configuration):
        # "published" (datetime.date | None), "deadlines" (organ kind → "MM-DD")
        self.context = {} if context is None else context

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def derive(self, key, compute):
        """``compute()`` once per document, shared by every rule that asks for ``key``."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def nfkc_lines(self) -> list[str]:
        """Every line in NFKC (once per document: the outline, the tables and several rules read them)."""
        return self.derive("nfkc_lines", lambda: nfkc_lines(self.lines))

    def normalized_lines(self) -> list[str]:
        """Every line as ``normalize`` gives it (once per document)."""
        return self.derive("normalized_lines", lambda: _without_spaces_lines(self.nfkc_lines()))

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def last_content_line(self) -> int:
        for number in range(len(self.lines), 0, -1):
            if self.lines[number - 1].strip():
                return number
        return 1
