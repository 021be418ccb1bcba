"""Where a text rule looks: scopes of a document as normalised text with source positions.

Text is matched normalised — NFKC (full width → half width), no white space, and the line
breaks inside a paragraph removed, so a phrase broken across lines of PDF text still
matches — while every character keeps the line and column it came from.

A scope is written in rule YAML as one of

    document | title | intro | headings | tables | body
    {part: KEY}                      a part of the report (rules/sections.yaml), its sub-parts included
    {part: KEY, subsections: false}  the part's own text, up to its first sub-part

A part's scope excludes its own heading (``五、存在的主要问题及改进情况`` names 问题 and
改进 itself).  When the part is missing the scope is empty and text rules stay silent:
the required-section rules report the missing part.
"""

import unicodedata
from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import compress, count
from operator import ne
from typing import NamedTuple

from linter import parts
from linter.document import Document, Section
from linter.regexes import compiled

NAMED = ("document", "title", "intro", "headings", "tables", "body")
_KEPT = compiled(r"[^\s\u200b\ufeff]+")  # what normalisation keeps (see _dropped)


class Scope(NamedTuple):
    """Where a text rule looks (see the module docstring)."""

    name: str  # one of NAMED, or "part"
    part: str | None = None
    subsections: bool = True

    def describe(self) -> str:
        if self.name != "part":
            return self.name
        return f"part {self.part}" + ("" if self.subsections else " (without sub-parts)")


class Segment:
    """A stretch of normalised text and where it came from: ``text[starts[k]:]`` up to the next
    start stands on consecutive columns of one source line, from ``origins[k]`` = (line, column).
    (A list of runs, not a position per character; and built only when a position is asked
    for: most segments are searched, few are reported on.)"""

    def __init__(self, text: str, starts: list[int] | None = None, origins: list[tuple[int, int]] | None = None,
                 source: tuple | None = None):
        self.text = text
        self._source = source  # the arguments of _runs, which builds the runs when first needed
        if starts is not None:
            self.__dict__["_runs"] = (starts, origins)

    def __repr__(self) -> str:
        return f"Segment({self.text!r})"

    def __eq__(self, other) -> bool:  # as the dataclass it was compared
        if not isinstance(other, Segment):
            return NotImplemented
        return (self.text, self.starts, self.origins) == (other.text, other.starts, other.origins)

    __hash__ = None  # type: ignore[assignment]  # mutable, as before

    @cached_property
    def _runs(self) -> tuple[list[int], list[tuple[int, int]]]:
        return _runs(*self._source)

    @property
    def starts(self) -> list[int]:
        return self._runs[0]

    @property
    def origins(self) -> list[tuple[int, int]]:
        return self._runs[1]

    def position(self, index: int) -> tuple[int, int]:
        """The source (line, column) of ``text[index]``."""
        starts, origins = self._runs
        run = bisect_right(starts, index) - 1
        line, column = origins[run]
        return line, column + index - starts[run]

    @cached_property
    def positions(self) -> list[tuple[int, int]]:
        """The source (line, column) of every character (built on first use; plugins index it)."""
        return [self.position(index) for index in range(len(self.text))]

    def span(self, start: int, end: int) -> dict:
        """Finding coordinates of text[start:end] (end column exclusive)."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end - 1, start))
        return {"line": line, "column": column, "end_line": end_line, "end_column": end_column + 1}


class Segments(list):
    """A scope's segments, and their texts joined, for searching them all at once."""

    @cached_property
    def joined(self) -> tuple[str, list[int]]:
        """The texts joined by line breaks (which no normalised text holds), and where each starts."""
        starts, size = [], 0
        for segment in self:
            starts.append(size)
            size += len(segment.text) + 1
        return "\n".join(segment.text for segment in self), starts

    def locate(self, offset: int) -> tuple[Segment, int]:
        """The segment that ``joined[offset]`` lies in, and the offset in its text."""
        starts = self.joined[1]
        index = bisect_right(starts, offset) - 1
        return self[index], offset - starts[index]


def parse_scope(value, error) -> Scope:
    """A Scope from rule YAML; ``error(message)`` builds the load-time exception."""
    if isinstance(value, str) and value in NAMED:
        return Scope(value)
    if isinstance(value, dict) and set(value) <= {"part", "subsections"} and isinstance(value.get("part"), str) \
            and isinstance(value.get("subsections", True), bool):
        return Scope("part", value["part"], value.get("subsections", True))
    raise error(f"无效的范围 (invalid scope): {value!r}；应为 {' | '.join(NAMED)} 或 {{part: 键, subsections: true|false}}")


def segments(doc: Document, scope: Scope) -> Segments:
    """The scope's text, one segment per paragraph, heading or table (cached per document;
    a paragraph is normalised once however many scopes hold it)."""
    key = ("scope", scope)
    found = doc.derived.get(key)  # one look-up: asked for ~25 times a report
    if found is None:
        built = doc.derived.setdefault(("scope", "units"), {})
        lines = doc.lines, doc.nfkc_lines(), doc.normalized_lines()
        odd = doc.derive(("scope", "odd lines"), lambda: _odd_lines(*lines[:2]))
        out = Segments()
        for unit in _ranges(doc, scope):
            segment = built.get(unit)
            if segment is None:
                segment = built[unit] = _segment(*lines, *unit, odd)
            out.append(segment)
        found = doc.derived[key] = out
    return found


def anchor(doc: Document, scope: Scope) -> int | None:
    """The line a 'missing text' finding points at: the part's heading, else the title or line 1.
    None when the scope does not exist in this document."""
    if scope.name == "part":
        found = _part_sections(doc, scope)
        return found[0].line if found else None
    if scope.name == "title":
        return doc.title.line if doc.title else None
    return doc.title.line if doc.title else 1


def _ranges(doc: Document, scope: Scope) -> list[tuple[int, int]]:
    units = doc.derive(("scope", "ranges"), lambda: _units(doc))
    if scope.name in ("title", "headings", "tables", "body", "document"):
        return units[scope.name]
    everything, title = units["document"], units["title"]
    if scope.name == "intro":
        first = doc.sections[0].line if doc.sections else len(doc.lines) + 1
        return [u for u in everything[:bisect_left(units["firsts"], first)] if u not in title]
    chosen: set[int] = set()
    for lo, hi in (_window(s, scope.subsections) for s in _part_sections(doc, scope)):
        chosen.update(range(bisect_left(units["firsts"], lo), bisect_right(units["firsts"], hi)))
    return [everything[i] for i in sorted(chosen) if everything[i] not in title]


def _units(doc: Document) -> dict[str, list]:
    """(first, last) line of each heading, paragraph and table, by named scope, and the first
    lines of them all (once per document)."""
    headings = [(s.line, s.line) for s in doc.walk() if not s.run_in]
    paragraphs = [(b.line, b.end_line) for b in doc.blocks if b.kind == "paragraph"]
    tables = [(b.line, b.end_line) for b in doc.blocks if b.kind == "table"]
    title = [(doc.title.line, doc.title.line)] if doc.title else []
    everything = sorted(set(title + headings + paragraphs + tables))
    return {"title": title, "headings": headings, "tables": tables, "body": paragraphs,
            "document": everything, "firsts": [first for first, _ in everything]}


def _part_sections(doc: Document, scope: Scope) -> list[Section]:
    if doc.facts.regime is None:
        return []
    return parts.located_parts(doc, doc.facts.regime).get(scope.part, [])


def _window(section: Section, subsections: bool) -> tuple[int, int]:
    """Lines of a part's text, its own heading excluded (a run-in heading's line is body)."""
    first = section.line if section.run_in else section.line + 1
    last = section.end_line if subsections or not section.children else section.children[0].line - 1
    return first, last


def _segment(lines: list[str], nfkc: list[str], normalized: list[str], first: int, last: int,
             odd: list[int]) -> Segment:
    """The normalised text of lines first..last (a document's lines as written, in NFKC and
    normalised; ``odd``: the indexes of the lines NFKC changes the length of); its runs are
    built when first needed (_runs)."""
    if bisect_left(odd, first - 1) == bisect_left(odd, last):  # the usual unit: no odd line
        text = "".join(normalized[first - 1:last])
    else:  # a line that NFKC leaves as long as it is reads as normalize has it, else character
        # by character: as _runs reads it
        text = "".join(normalized[n] if len(nfkc[n]) == len(lines[n]) else
                       "".join(char for char, _ in _per_char(lines[n]) if not _dropped(char))
                       for n in range(first - 1, last))
    return Segment(text, source=(lines, nfkc, normalized, first, last))


def _odd_lines(lines: list[str], nfkc: list[str]) -> list[int]:
    """The indexes of the lines NFKC changes the length of, in order (no Python loop: most
    lines are not)."""
    return list(compress(count(), map(ne, map(len, lines), map(len, nfkc))))


def _runs(lines: list[str], nfkc: list[str], normalized: list[str], first: int, last: int
          ) -> tuple[list[int], list[tuple[int, int]]]:
    """(starts, origins) of the text of lines first..last (see Segment), from the document's
    lines as written, in NFKC and normalised."""
    starts: list[int] = []
    origins: list[tuple[int, int]] = []
    size = 0
    for number in range(first, last + 1):
        line, flat = lines[number - 1], nfkc[number - 1]
        if len(flat) == len(line):  # one character for one: columns are indexes
            if len(normalized[number - 1]) == len(flat):  # the usual line: nothing dropped, one run
                if not flat:
                    continue
                starts.append(size)
                origins.append((number, 1))
                size += len(flat)
                continue
            for run in _KEPT.finditer(flat):
                starts.append(size)
                origins.append((number, run.start() + 1))
                size += run.end() - run.start()
            continue
        for char, column in _per_char(line):
            if not _dropped(char):
                starts.append(size)
                origins.append((number, column))
                size += 1
    return starts, origins


def _dropped(char: str) -> bool:
    """What normalisation removes: white space (as ``\\s``), zero-width space, BOM."""
    return char.isspace() or char == "\u200b" or char == "\ufeff"


def _per_char(line: str):
    for column, original in enumerate(line, start=1):
        for char in unicodedata.normalize("NFKC", original):
            yield char, column
