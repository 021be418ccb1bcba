"""The shortcuts the text rules take for speed give what the long way gives: a scope's
units picked by bisection, a segment's text built without its runs, and patterns tried
only on the segments that hold a literal every match needs."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import FIXTURES, ROOT

from linter import facts, readers, scopes
from linter.document import Block, Document

DOCUMENTS = sorted(p for p in (FIXTURES / "samples").iterdir() if p.suffix in (".txt", ".md", ".html", ".docx")) + \
    sorted((ROOT / "examples").iterdir())
SCOPES = [scopes.Scope(name) for name in scopes.NAMED] + \
    [scopes.Scope("part", key, sub) for key in ("overview", "proactive", "requests", "fees", "review", "problems", "other")
     for sub in (True, False)]


def _read(path) -> Document:
    doc = readers.read(str(path))
    doc.facts = facts.detect(doc)
    return doc


def _slow_ranges(doc: Document, scope: scopes.Scope) -> list[tuple[int, int]]:
    """The units of a scope by their definition (what _ranges computed before bisection)."""
    headings = [(s.line, s.line) for s in doc.walk() if not s.run_in]
    paragraphs = [(b.line, b.end_line) for b in doc.blocks if b.kind == "paragraph"]
    tables = [(b.line, b.end_line) for b in doc.blocks if b.kind == "table"]
    title = [(doc.title.line, doc.title.line)] if doc.title else []
    named = {"title": title, "headings": headings, "tables": tables, "body": paragraphs}
    if scope.name in named:
        return named[scope.name]
    units = sorted(set(title + headings + paragraphs + tables))
    if scope.name == "document":
        return units
    if scope.name == "intro":
        first = doc.sections[0].line if doc.sections else len(doc.lines) + 1
        return [u for u in units if u[0] < first and u not in title]
    windows = [scopes._window(s, scope.subsections) for s in scopes._part_sections(doc, scope)]
    return [u for u in units if any(lo <= u[0] <= hi for lo, hi in windows) and u not in title]


def _per_character(doc: Document, first: int, last: int) -> list[tuple[str, tuple[int, int]]]:
    out = []
    for number in range(first, last + 1):
        for column, original in enumerate(doc.lines[number - 1], start=1):
            for char in unicodedata.normalize("NFKC", original):
                if not (char.isspace() or char in "\u200b\ufeff"):
                    out.append((char, (number, column)))
    return out


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_scopes_hold_the_units_their_definition_names(path):
    doc = _read(path)
    for scope in SCOPES:
        assert scopes._ranges(doc, scope) == _slow_ranges(doc, scope), scope


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_segment_text_and_runs_agree(path):
    """Each character of a segment's text (built without the runs) comes from the source
    character the runs (built later) say it does."""
    doc = _read(path)
    for (first, last), segment in zip(scopes._ranges(doc, scopes.Scope("document")),
                                      scopes.segments(doc, scopes.Scope("document"))):
        positions = segment.positions
        assert len(positions) == len(segment.text)
        for char, (line, column) in zip(segment.text, positions):
            assert first <= line <= last and char in unicodedata.normalize("NFKC", doc.lines[line - 1][column - 1])


def test_segment_text_of_lines_nfkc_changes_is_built_char_by_char():
    lines = ["⑴ 全年收到申请 ⒈ 件…", "㈠ 主动公开 ", "", "ﬁle\u200bname\ufeff end "]
    doc = Document("x.txt", lines, "text", blocks=[Block("paragraph", 1, len(lines))])
    (found,) = scopes.segments(doc, scopes.Scope("body"))
    expected = _per_character(doc, 1, len(lines))
    assert found.text == "".join(char for char, _ in expected)
    assert found.positions == [position for _, position in expected]
