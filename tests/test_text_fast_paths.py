"""The shortcuts the text rules take for speed give what the long way gives: a scope's
units picked by bisection, a segment's text built without its runs, and patterns tried
only on the segments that hold a literal every match needs."""

from __future__ import annotations

import re
import unicodedata

import pytest
import regex
from conftest import FIXTURES, ROOT, per_character
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from linter import facts, patterns, readers, scopes
from linter.kinds import placeholder
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


# ------------------------------------------------------------------ patterns tried where a needed literal is

def _slow(matcher: patterns.Matcher, found: list) -> tuple[list, bool]:
    """What finditer and found give on a plain list: every segment tried."""
    plain = list(found)
    return [(id(s), m.span()) for s, m in matcher.finditer(plain)], matcher.found(plain)


def _fast(matcher: patterns.Matcher, found: scopes.Segments) -> tuple[list, bool]:
    return [(id(s), m.span()) for s, m in matcher.finditer(found)], matcher.found(found)


def _shipped_matchers(rules) -> list[patterns.Matcher]:
    out = []
    for rule in rules:
        out += getattr(rule.kind, "matchers", None) or []
        for words in (getattr(rule.kind, "compiled", None) or {}).values():
            out += words
    return out


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_shipped_patterns_find_what_they_find_in_every_segment(path, rules):
    doc = _read(path)
    matchers = _shipped_matchers(rules)
    assert sum(m.needed is not None for m in matchers) > len(matchers) * 0.8
    for scope in SCOPES:
        found = scopes.segments(doc, scope)
        for matcher in matchers:
            assert _fast(matcher, found) == _slow(matcher, found), (scope, matcher.label)


@pytest.mark.parametrize("pattern", [
    "(?i)abc", "(?i:ab)c", "(?x)a b", "(?:abc){e<=1}", "abc{e<=1}", r"\{ab\}", "[[:alpha:]]x", "[a[:digit:]]x",
    r"\p{Han}年", "(?V1)[[a-z]--[aeiou]]x", "(?<name>ab)c", "(?|(a)|(b))c", "a?", "a*b?", "[ab]+", ".年?", "(?=年)",
    "ab|",
])
def test_patterns_not_read_need_nothing(pattern):
    assert patterns.needed_literals(regex.compile(pattern)) is None


@pytest.mark.parametrize("pattern, needed", [
    ("年月日", {"年月日"}), (r"\.{3,}|⋯+", {"...", "⋯"}), ("(?:此处|在此)填写", {"填写"}),
    (r"(?<!711号[^。]{0,40})国令第?492号", {"492号"}), ("(?s)^概述$", {"概述"}), ("(?:ab){2,}c?", {"ab"}),
    ("(?P<n>\\d+)件(?=[。;]|$)", {"件"}), ("(?>ab)c", {"ab"}), ("(?:x|)年", {"年"}),
])
def test_needed_literals(pattern, needed):
    assert patterns.needed_literals(regex.compile(pattern)) == needed


def test_a_pattern_with_flags_or_a_time_bound_is_tried_everywhere():
    assert patterns.needed_literals(regex.compile("abc", regex.IGNORECASE)) is None
    assert patterns.Matcher.of("abc", regex.compile("abc"), timeout=2.0).needed is None  # its timeout stays where it was


_PIECES = st.sampled_from(["a", "b", "年", "ab", "年度", ".", "[ab]", "[^a]", r"\d", "^", "$", "(?<=a)", "(?<!b)",
                           "(?=年)", "(?!a)", r"\.", "1", "(?s)", "(?m)"])
_PATTERNS = st.recursive(
    _PIECES,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4).map("".join),
        st.lists(inner, min_size=2, max_size=3).map(lambda ps: "(?:" + "|".join(ps) + ")"),
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "{0,2}", "+?", "*+"])).map(
            lambda t: f"(?:{t[0]}){t[1]}"),
        inner.map(lambda p: f"(?P<g>{p})"),
    ),
    max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(_PATTERNS, st.lists(st.text(alphabet="ab年度1.。x", max_size=12), min_size=1, max_size=5))
def test_a_pattern_finds_in_the_segments_holding_a_needed_literal_what_it_finds_in_all(pattern, texts):
    try:
        compiled = regex.compile(pattern)
    except (regex.error, ValueError):
        assume(False)
    matcher = patterns.Matcher.of(pattern, compiled, timeout=None)
    found = scopes.Segments(scopes.Segment(text, [0], [(1, 1)]) for text in texts)
    assert _fast(matcher, found) == _slow(matcher, found)


# ------------------------------------------------------------------ searches of a document's joined text

def _slow_marked_lines(doc: Document) -> list[int]:
    return [n for n, (raw, flat) in enumerate(zip(doc.lines, doc.nfkc_lines()), start=1)
            if "*" in raw or placeholder._XS.search(flat)]


@pytest.mark.parametrize("lines", [
    ["**一、总体情况**", "全年公开***条", "xx县", "ｘｘ部门 and ×× 县", "", "*", "无"],
    ["第一行\n仍是第一行 xx", "x x", "**"],  # a line break inside a line: the long way
    ["", ""], ["xX"],
])
def test_placeholder_reads_the_lines_with_a_star_or_x_run(lines):
    doc = Document("x.txt", lines, "text")
    assert placeholder._marked_lines(doc) == _slow_marked_lines(doc)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_searches_of_the_joined_text_find_what_searches_of_each_segment_find(path):
    doc = _read(path)
    assert placeholder._marked_lines(doc) == _slow_marked_lines(doc)
    for scope in SCOPES:
        found = scopes.segments(doc, scope)
        for offset in range(len(found.joined[0])):
            if found.joined[0][offset] != "\n":
                segment, at = found.locate(offset)
                assert segment.text[at] == found.joined[0][offset]
        words = [(id(s), m.start()) for s in found for m in re.finditer("其中|统计期限|年", s.text)]
        assert [(id(s), at) for s, at in (found.locate(m.start()) for m in re.finditer("其中|统计期限|年", found.joined[0]))] == words


# ------------------------------------------------------------------ lines tried only if they start as a match may

@pytest.mark.parametrize("pattern, first", [
    ("(?:ab)?c", {"a", "c"}), ("^(?=x)ab", {"a"}), ("[0-5]年", set("012345")), ("a*b*(?:c|d?)e", set("abcde")),
    ("(?:上一篇|下一篇):?.{0,40}", {"上", "下"}), ("(?s)分享$", {"分"}), ("(?<=x)(?:ab){2}", {"a"}),
])
def test_first_characters(pattern, first):
    assert patterns.first_characters(regex.compile(pattern)) == first


@pytest.mark.parametrize("pattern", [".x", "[^a]b", r"\dx", "(?i)a", r"(a|)\1b", "[\u4e00-\u9fff]+", "(?:x|.)", "a{e<=1}",
                                     "[[:alpha:]]", r"\p{Han}"])
def test_patterns_that_may_start_with_nearly_anything(pattern):
    assert patterns.first_characters(regex.compile(pattern)) is None


@settings(max_examples=400, deadline=None)
@given(_PATTERNS, st.text(alphabet="ab年度1.。x", max_size=10))
def test_a_match_starts_with_one_of_the_first_characters(pattern, text):
    try:
        compiled = regex.compile(pattern)
    except (regex.error, ValueError):
        assume(False)
    first = patterns.first_characters(compiled)
    assume(first is not None)
    for start in range(len(text)):
        match = compiled.match(text, start)
        if match and match.end() > match.start():
            assert text[start] in first
        if compiled.fullmatch(text[start:]):  # as AnyFullmatch tries a line
            assert text[start] in first


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_forbidden_lines_start_with_a_first_character(path, rules):
    doc = _read(path)
    for rule in rules:
        any_line = getattr(rule.kind, "any_line", None)
        if any_line is None:
            continue
        assert any_line.first is not None
        for text in doc.normalized_lines():
            if text and any_line(text):
                assert text[0] in any_line.first


def test_units_with_and_without_lines_nfkc_changes_the_length_of():
    lines = ["一、总体情况", "全年公开 12 条。", "", "⑴ 收到申请…", "共 3 件。", "", "二、其他"]
    doc = Document("x.txt", lines, "text", blocks=[Block("paragraph", 2, 2), Block("paragraph", 4, 5),
                                                   Block("paragraph", 7, 7)])
    for (first, last), found in zip(scopes._ranges(doc, scopes.Scope("body")), scopes.segments(doc, scopes.Scope("body"))):
        expected = per_character(doc, first, last)
        assert found.text == "".join(char for char, _ in expected)
        assert found.positions == [position for _, position in expected]


def test_part_matches_as_its_definition_says():
    from linter import parts

    def slow(part, key):
        return not any(t in key for t in part.none) and any(all(t in key for t in terms) for terms in part.any)

    keys = {s.key for path in DOCUMENTS for s in _read(path).walk()} | {"", "概述", "其他需要报告的事项"}
    for regime in parts.catalogue().values():
        for part in regime.parts:
            assert [part.matches(key) for key in sorted(keys)] == [slow(part, key) for key in sorted(keys)]
