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

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from linter import parts
from linter.document import Document, Section

NAMED = ("document", "title", "intro", "headings", "tables", "body")
_KEPT = re.compile(r"[^\s\u200b\ufeff]+")  # what normalisation keeps (see _dropped)


@dataclass(frozen=True)
class Scope:
    """Where a text rule looks (see the module docstring)."""

    name: str  # one of NAMED, or "part"
    part: str | None = None
    subsections: bool = True

    def describe(self) -> str:
        if self.name != "part":
            return self.name
        return f"part {self.part}" + ("" if self.subsections else " (without sub-parts)")


@dataclass
class Segment:
    """A stretch of normalised text and where it came from: ``text[starts[k]:]`` up to the next
    start stands on consecutive columns of one source line, from ``origins[k]`` = (line, column).
    (A list of runs, not a position per character: most scopes are never reported on.)"""

    text: str
    starts: list[int]
    origins: list[tuple[int, int]]

    def position(self, index: int) -> tuple[int, int]:
        """The source (line, column) of ``text[index]``."""
        run = bisect_right(self.starts, index) - 1
        line, column = self.origins[run]
        return line, column + index - self.starts[run]

    @cached_property
    def positions(self) -> list[tuple[int, int]]:
        """The source (line, column) of every character (built on first use; plugins index it)."""
        return [self.position(index) for index in range(len(self.text))]

    def span(self, start: int, end: int) -> dict:
        """Finding coordinates of text[start:end] (end column exclusive)."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end - 1, start))
        return {"line": line, "column": column, "end_line": end_line, "end_column": end_column + 1}


def parse_scope(value, error) -> Scope:
    """A Scope from rule YAML; ``error(message)`` builds the load-time exception."""
    if isinstance(value, str) and value in NAMED:
        return Scope(value)
    if isinstance(value, dict) and set(value) <= {"part", "subsections"} and isinstance(value.get("part"), str) \
            and isinstance(value.get("subsections", True), bool):
        return Scope("part", value["part"], value.get("subsections", True))
    raise error(f"无效的范围 (invalid scope): {value!r}；应为 {' | '.join(NAMED)} 或 {{part: 键, subsections: true|false}}")


def segments(doc: Document, scope: Scope) -> list[Segment]:
    """The scope's text, one segment per paragraph, heading or table (cached per document;
    a paragraph is normalised once however many scopes hold it)."""
    key = ("scope", scope)
    if key not in doc.derived:
        built = doc.derived.setdefault(("scope", "units"), {})
        out = []
        for unit in _ranges(doc, scope):
            segment = built.get(unit)
            if segment is None:
                segment = built[unit] = _segment(doc, *unit)
            out.append(segment)
        doc.derived[key] = out
    return doc.derived[key]


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
    headings = [(s.line, s.line) for s in doc.walk() if not s.run_in]
    paragraphs = [(b.line, b.end_line) for b in doc.blocks if b.kind == "paragraph"]
    tables = [(b.line, b.end_line) for b in doc.blocks if b.kind == "table"]
    title = [(doc.title.line, doc.title.line)] if doc.title else []
    if scope.name == "title":
        return title
    if scope.name == "headings":
        return headings
    if scope.name == "tables":
        return tables
    if scope.name == "body":
        return paragraphs
    units = sorted(set(title + headings + paragraphs + tables))
    if scope.name == "document":
        return units
    if scope.name == "intro":
        first = doc.sections[0].line if doc.sections else len(doc.lines) + 1
        return [u for u in units if u[0] < first and u not in title]
    windows = [_window(s, scope.subsections) for s in _part_sections(doc, scope)]
    return [u for u in units if any(lo <= u[0] <= hi for lo, hi in windows) and u not in title]


def _part_sections(doc: Document, scope: Scope) -> list[Section]:
    if doc.facts.regime is None:
        return []
    return parts.located_parts(doc, doc.facts.regime).get(scope.part, [])


def _window(section: Section, subsections: bool) -> tuple[int, int]:
    """Lines of a part's text, its own heading excluded (a run-in heading's line is body)."""
    first = section.line if section.run_in else section.line + 1
    last = section.end_line if subsections or not section.children else section.children[0].line - 1
    return first, last


def _segment(doc: Document, first: int, last: int) -> Segment:
    texts: list[str] = []
    starts: list[int] = []
    origins: list[tuple[int, int]] = []
    size = 0
    nfkc, normalized = doc.nfkc_lines(), doc.normalized_lines()
    for number in range(first, last + 1):
        line, flat = doc.lines[number - 1], nfkc[number - 1]
        if len(flat) == len(line):  # one character for one: columns are indexes
            if len(normalized[number - 1]) == len(flat):  # the usual line: nothing dropped, one run
                if not flat:
                    continue
                texts.append(flat)
                starts.append(size)
                origins.append((number, 1))
                size += len(flat)
                continue
            for run in _KEPT.finditer(flat):
                texts.append(run.group())
                starts.append(size)
                origins.append((number, run.start() + 1))
                size += len(texts[-1])
            continue
        for char, column in _per_char(line):
            if not _dropped(char):
                texts.append(char)
                starts.append(size)
                origins.append((number, column))
                size += 1
    return Segment("".join(texts), starts, origins)


def _dropped(char: str) -> bool:
    """What normalisation removes: white space (as ``\\s``), zero-width space, BOM."""
    return char.isspace() or char == "\u200b" or char == "\ufeff"


def _per_char(line: str):
    for column, original in enumerate(line, start=1):
        for char in unicodedata.normalize("NFKC", original):
            yield char, column
