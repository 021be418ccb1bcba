"""The shortcuts taken for speed give what the long way gives: Markdown tables found without
their cells' tokens, pipe-table rows without tokenising, text scopes mapped back by runs, NFKC cut from the line's NFKC, normalisation of
ASCII, the caches shared between reports, and table labels traced per run of a cell."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import FIXTURES, ROOT, per_character
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import readers
from linter.readers import markdown
from linter.document import _WIDE, Block, Document, nfkc, normalize
from linter.scopes import Scope, segments
from linter.tables import pipe
from linter.tables.labels import segment


def _slow_normalize(text: str) -> str:
    """normalize by its definition: NFKC, then no white space (\\s), zero-width space or BOM."""
    return re.sub(r"[\s\u200b\ufeff]+", "", unicodedata.normalize("NFKC", text))


# ------------------------------------------------------------------ Markdown tables

_SKIPPED_IN_TABLES = {"thead_open", "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close",
                      "th_open", "th_close", "td_open", "td_close", "inline"}


def _blocks(parser, text: str) -> list[tuple]:
    """Block tokens with their lines and nesting, without what lies inside a table."""
    out, inside = [], 0
    for token in parser.parse(text):
        inside += token.type == "table_open"
        if not (inside and token.type in _SKIPPED_IN_TABLES):
            out.append((token.type, token.map, token.level, token.content if token.type != "inline" else ""))
        inside -= token.type == "table_close"
    return out


def _same_blocks(text: str) -> bool:
    return _blocks(markdown._block_parser(), text) == _blocks(markdown._parser(), text)


def test_markdown_tables_end_where_markdown_it_ends_them_in_the_examples():
    paths = sorted([*ROOT.glob("examples/*.md"), *FIXTURES.rglob("*.md")])
    for path in paths:
        assert _same_blocks(path.read_text("utf-8")), path
    assert any("table_open" in str(_blocks(markdown._block_parser(), p.read_text("utf-8"))) for p in paths)


# what may stand next to a table's lines: rows of other widths, escaped pipes, blocks that
# end a table (headings, quotes, lists, fences, HTML, rules), indented code, blank lines
_MD_LINES = st.sampled_from([
    "| a | b |", "|---|---|", "| 1 | 2 |", "| 1 |", "| 1 | 2 | 3 |", "a | b", "--- | ---", "1 | 2", "|a\\|b|c|",
    "|:-:|--:|", "| x |", "", "# 标题", "> 引用 | x", "- 项 | x", "1. 项", "```", "<div>", "***", "    | 代码 |",
    "  | 缩进 |", "段落文字", "| 甲 | 乙 |", "=====", "\t| t |",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_MD_LINES, st.booleans()), min_size=2, max_size=12),
       st.sampled_from([("", ""), ("- ", "  "), ("1. ", "   "), ("> ", "> ")]))
def test_markdown_tables_end_where_markdown_it_ends_them(lines, container):
    """Also inside a list item or a quote, whose lines may leave the container's indent (lazy)."""
    first, then = container
    text = "\n".join((first if k == 0 else "" if lazy else then) + line for k, (line, lazy) in enumerate(lines))
    assert _same_blocks(text + "\n")


def test_a_table_that_leaves_too_many_cells_out_ends_where_markdown_it_ends_it():
    wide = "|" + "|".join("c" * 1 for _ in range(300)) + "|"
    text = "\n".join([wide, "|" + "---|" * 300] + ["| x |"] * 300) + "\n"
    assert _same_blocks(text)
    assert _blocks(markdown._block_parser(), text)[0][1][1] < 302  # the limit ends it early


# ------------------------------------------------------------------ pipe tables

PIPE_CASES = [
    ["| a | b |", "|---|---|", "| 1 | 2 |"],
    ["| a | b |", "|:-:|--:|", "| 1 |", "| 1 | 2 | 3 |", "|"],
    ["| a | b |", "| --- |", "| 1 | 2 |"],  # delimiter narrower than the header: no table there
    ["| a |", "| b |", "|---|", "| 1 |"],  # the table starts on the second line
    ["|a\\|b|c|", "|-|-|", "|1|2|"],  # an escaped pipe is no separator
    ["| a | b |", "|---|---|", "|\x00|2|"],
    ["|", "|-", "|x"],
    ["| a | b |", "|---|---|", "|---|---|"],
    ["| a | b |", "|- --|---|", "| 1 | 2 |"],
    ["| a | b |", "| 1 | 2 |"],  # no delimiter row
]


@pytest.mark.parametrize("lines", PIPE_CASES)
def test_pipe_rows_without_tokens_are_markdown_its(lines):
    plain = pipe._plain_rows(lines)
    if plain is not None:
        assert plain == pipe._parsed_rows("\n".join(lines))


def test_pipe_rows_of_every_table_block_in_the_examples():
    told = 0
    for path in sorted([*ROOT.glob("examples/*.md"), *FIXTURES.rglob("*.md")]):
        doc = readers.read(str(path))
        for block in (b for b in doc.blocks if b.kind == "table"):
            lines = doc.lines[block.line - 1: block.end_line]
            plain = pipe._plain_rows(lines)
            if plain is not None:
                told += 1
                assert plain == pipe._parsed_rows("\n".join(lines)), (path, block)
    assert told  # the shortcut is taken for ordinary GFM tables


_CELL = st.text(alphabet="ab -:\\|\t", max_size=5)


@st.composite
def _tables(draw):
    """Header, delimiter row (sometimes of another width) and body rows, every line led by a pipe."""
    width = draw(st.integers(1, 4))
    header = "|" + "|".join(draw(st.lists(_CELL, min_size=width, max_size=width))) + draw(st.sampled_from(["|", ""]))
    count = draw(st.sampled_from([width, width, width + 1, max(1, width - 1)]))
    aligns = st.lists(st.from_regex(r"\A[ \t]?:?-{1,3}:?[ \t]?\Z"), min_size=count, max_size=count)
    delimiter = "|" + "|".join(draw(aligns)) + draw(st.sampled_from(["|", ""]))
    body = draw(st.lists(st.lists(_CELL, max_size=6).map(lambda cells: "|" + "|".join(cells)), max_size=4))
    return [header, delimiter, *body]


@settings(max_examples=300, deadline=None)
@given(_tables() | st.lists(_CELL.map(lambda cell: "|" + cell), min_size=2, max_size=6))
def test_pipe_rows_without_tokens_property(lines):
    plain = pipe._plain_rows(lines)
    if plain is not None:
        assert plain == pipe._parsed_rows("\n".join(lines))


def test_a_block_without_a_delimiter_row_is_no_pipe_table():
    doc = Document("x.txt", ["信息内容 | 本年新制作数量 |", "规章 | 0 |"], "text")
    assert pipe.read(doc, 1, 2) is None


# ------------------------------------------------------------------ text scopes

@pytest.mark.parametrize("lines", [
    ["　　一、总体情况", "2023年，本机关 主动公开\t信息 12 条。"],
    ["⑴ 全年收到申请 ⒈ 件", "㈠ 主动公开", "", "ﬁle\u200bname\ufeff end "],
    ["   ", "（一）\u3000主动公开"],
])
def test_segment_positions_are_those_of_each_character(lines):
    doc = Document("x.txt", lines, "text", blocks=[Block("paragraph", 1, len(lines))])
    (found,) = segments(doc, Scope("body"))
    expected = per_character(doc, 1, len(lines))
    assert found.text == "".join(char for char, _ in expected)
    assert found.positions == [position for _, position in expected]
    for start in range(len(found.text)):
        span = found.span(start, len(found.text))
        assert (span["line"], span["column"]) == expected[start][1]


# ------------------------------------------------------------------ normalisation

@pytest.mark.parametrize("text", ["", " a\tb\x1c c\x85", "ABC 123", "\x00\x7f", "ａｂ　ｃ", "（一）总体 情况"])
def test_normalize_is_nfkc_without_white_space(text):
    assert normalize(text) == _slow_normalize(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_normalize_property(text):
    assert normalize(text) == _slow_normalize(text)


_WIDE_TEXT = st.text(alphabet=st.sampled_from("，（）：；！？\u3000\xa0ａ１年,( \u0301\u0308\u3099ｶﾞ①⒈ﬁ\u200b") | st.characters(),
                     max_size=20)


@settings(max_examples=500, deadline=None)
@given(_WIDE_TEXT)
def test_nfkc_is_unicodedatas(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
    assert normalize(text) == _slow_normalize(text)


def test_the_full_width_forms_replaced_decompose_to_one_starter():
    for wide, narrow in _WIDE:
        assert unicodedata.normalize("NFKD", wide) == narrow and unicodedata.combining(narrow) == 0


def test_document_line_views():
    doc = Document("x.txt", ["ＡＢ　ｃ", " 1.5 亿元", ""], "text")
    assert doc.nfkc_lines() == [unicodedata.normalize("NFKC", line) for line in doc.lines]
    assert doc.normalized_lines() == [normalize(line) for line in doc.lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(_WIDE_TEXT | st.text(alphabet="\u1100\u1161\u11a8a\u0301\n，", max_size=6), max_size=6))
def test_document_line_views_are_each_lines(lines):
    # the views are made over the whole text at once (document.nfkc_lines): a line's NFKC must
    # not depend on its neighbours (a jamo or combining mark after the line break stays apart)
    doc = Document("x.txt", lines, "text")
    assert doc.nfkc_lines() == [unicodedata.normalize("NFKC", line) for line in lines]
    assert doc.normalized_lines() == [_slow_normalize(line) for line in lines]


@pytest.mark.parametrize("indent", [" ", "\t", "\u3000", "\xa0", "\u2003 "])
@pytest.mark.parametrize("rest", ["一、总体情况", "\u0301x", "⒈ 概述", "ﾊﾟ"])
def test_nfkc_of_an_indented_line_is_a_slice_of_its_nfkc(indent, rest):
    # outline._numbered_node relies on this: white space composes with nothing
    flat = unicodedata.normalize("NFKC", indent + rest)
    assert flat[len(unicodedata.normalize("NFKC", indent)):] == unicodedata.normalize("NFKC", rest)


# ------------------------------------------------------------------ shared caches

def _reference_segment(text: str, vocabulary) -> list[tuple[int, int, str | None]]:
    """The segmentation as first written: (unmatched, labels) tuples, a token per character."""
    n = len(text)
    best, back = [None] * (n + 1), [(0, None)] * (n + 1)
    best[0] = (0, 0)
    for i in range(n):
        unmatched, count = best[i]
        if best[i + 1] is None or (unmatched + 1, count) < best[i + 1]:
            best[i + 1], back[i + 1] = (unmatched + 1, count), (i, None)
        for label in (word for word in vocabulary if word and word[0] == text[i]):
            j = i + len(label)
            if text.startswith(label, i) and (best[j] is None or (unmatched, count + 1) < best[j]):
                best[j], back[j] = (unmatched, count + 1), (i, label)
    tokens, j = [], n
    while j > 0:
        i, label = back[j]
        if label is None and tokens and tokens[-1][2] is None:
            tokens[-1] = (i, tokens[-1][1], None)
        else:
            tokens.append((i, j, label))
        j = i
    return tokens[::-1]


_VOCABULARY = {label: () for label in ("商业", "商业企业", "企业", "科研机构", "科研", "机构其他", "其他", "总计", "计")}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="商业企科研机构其他总计x", max_size=30))
def test_segmentation_is_the_cheapest_cut(text):
    got = [(t.start, t.end, t.label) for t in segment(text, _VOCABULARY)]
    assert got == _reference_segment(text, _VOCABULARY)


def test_segmentation_memo_returns_what_a_fresh_cut_does():
    vocabulary = {"商业企业": (), "科研机构": (), "总计": ()}
    first = segment("商业企业科研机构其他总计", vocabulary)
    again = segment("商业企业科研机构其他总计", vocabulary)
    assert first is again and isinstance(first, tuple)
    assert [t.label for t in first] == ["商业企业", "科研机构", None, "总计"]
    other = {"商业": (), "企业科研": ()}  # another vocabulary has its own memo
    assert [t.label for t in segment("商业企业科研机构其他总计", other)][:1] == ["商业"]


# ------------------------------------------------------------------ traced label keys

def _traced_per_character(cells):
    """Traced as it was first written: the key and one (cell, offset) pair per character."""
    from linter.tables.labels import _traced_text

    key, origins = "", []
    for cell in cells:
        text, offsets = _traced_text(cell.text)
        key += text
        origins += [(cell, offset) for offset in offsets]
    return key, origins


def _span_per_character(origins, start, end):
    """Traced.cell on a pair per character (as first written)."""
    from itertools import groupby

    from linter.tables.labels import key
    from linter.tables.model import Cell

    (first, a), (last, b) = origins[start], origins[end - 1]
    while b + 1 < len(last.text) and not key(last.text[b + 1]):
        b += 1
    if not key(first.text[:a]):
        a = 0
    seen = [cell for cell, _ in groupby(cell for cell, _ in origins[start:end])]
    text = first.text[a: b + 1] if len(seen) == 1 else \
        first.text[a:] + "".join(c.text for c in seen[1:-1]) + last.text[: b + 1]
    column = first.column + a if first.end_line is None else first.column
    end_column = last.column + b + 1 if last.end_line is None else last.end_column
    end_line = last.last_line if last.last_line != first.line else None
    return Cell(text, first.line, column, end_column, end_line=end_line)


def _run_start(origins, index):
    while index > 0 and origins[index - 1][0] is origins[index][0]:
        index -= 1
    return index


_LABEL_CELLS = st.lists(st.tuples(st.text(alphabet="一二本年新收（）()、，。“”- 0１申请½", max_size=8),
                                  st.integers(1, 40), st.booleans()), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(_LABEL_CELLS, st.lists(st.integers(0, 3), max_size=6), st.lists(st.integers(0, 3), max_size=3),
       st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_traced_runs_give_what_a_pair_per_character_gives(pool, picks, header_picks, start, end, cut):
    """Traced keeps one entry per run of one cell's characters; where each character comes
    from, where its cell starts, whole cells and the span of a stretch are as with a pair per
    character (the same cell may come twice, in a row or apart; punctuation gives no key)."""
    from linter.tables.labels import Traced
    from linter.tables.model import Cell

    cells = [Cell(text, line, 3, 3 + len(text), line + 1 if spans else None) for text, line, spans in pool]
    chosen = [cells[i % len(cells)] for i in picks]
    header = [cells[i % len(cells)] for i in header_picks]
    key, origins = _traced_per_character(chosen)
    traced = Traced.of(chosen)
    assert traced.key == key
    for index in range(len(key)):
        assert traced.cell_start(index) == _run_start(origins, index)
    if start < end <= len(key):
        opens = start == 0 or origins[start - 1][0] is not origins[start][0]
        closes = end == len(key) or origins[end][0] is not origins[end - 1][0]
        assert traced.whole(start, end) == (opens and closes)
        span, expected = traced.cell(start, end), _span_per_character(origins, start, end)
        assert vars(span) == vars(expected)
    head_key, _ = _traced_per_character(header)
    joined = Traced.of(header).plus(traced, min(cut, len(key)))
    assert joined.key == head_key + key[:cut]
    assert [joined.cell_start(i) for i in range(len(joined.key))] == \
        [_run_start(_traced_per_character(header)[1] + origins[:cut], i) for i in range(len(joined.key))]
