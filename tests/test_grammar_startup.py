"""The grammars are built for a fast first parse: with the basic lexer (linter/grammars/__init__.py:
LEXERS) and regular expressions ranked below the strings (.-1 in the grammars).  These tests
prove that the parsers so built parse exactly as the plain form (no ranks, contextual lexer)
does: the same trees, token for token, and the same errors, on every date and numbering string
at hand — the lines of the samples, examples and test files, every piece of them the date
finder can try, and random strings over the grammars' characters."""

import random
import re
from functools import cache
from pathlib import Path

import pytest
from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedToken

from linter import readers
from linter.document import nfkc, normalize
from linter.grammars import build, grammar
from linter.grammars.dates import _RUN, LONGEST

ROOT = Path(__file__).parent.parent
SOURCES = [ROOT / "examples", ROOT / "tests" / "fixtures", ROOT / "tests" / "test_dates.py",
           ROOT / "tests" / "test_numbering.py", ROOT / "tests" / "test_outline.py"]


@cache
def lines() -> list[str]:
    found = []
    for source in SOURCES:
        for path in sorted([source] if source.is_file() else source.rglob("*")):
            if path.suffix == ".py":
                found += path.read_text("utf-8").splitlines()
            elif path.is_file() and readers.reader_for(str(path)):
                try:
                    found += readers.read(str(path)).lines
                except readers.ReadProblem:
                    pass
    assert len(found) > 1000
    return found


def fuzz(name: str, count: int, longest: int) -> list[str]:
    """Random strings over the characters the grammar's terminals are written with (so also
    over those of a terminal added later), digits and one character of none."""
    alphabet = sorted(set("".join(t.pattern.value for t in plain(name).terminals)) | set("0123456789x"))
    rng = random.Random(7)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest))) for _ in range(count)]


def unranked(name: str) -> str:
    """The grammar without the ranks of its terminals."""
    return re.sub(r"^([A-Z_]+)\.-?\d+:", r"\1:", grammar(name), flags=re.M)


@cache
def plain(name: str) -> Lark:
    """The grammar without ranks, with lark's default LALR lexer, the contextual one."""
    return Lark(unranked(name), parser="lalr", lexer="contextual")


def outcome(parser: Lark, text: str):
    """The tree as types, values and offsets of its tokens, or what the error says where."""
    def shape(node):
        if isinstance(node, Tree):
            return node.data, [shape(child) for child in node.children]
        assert isinstance(node, Token)
        return node.type, str(node), node.start_pos, node.end_pos

    try:
        return shape(parser.parse(text))
    except UnexpectedToken as exc:
        return "UnexpectedToken", exc.token.type, str(exc.token), exc.line, exc.column
    except UnexpectedCharacters as exc:
        return "UnexpectedCharacters", exc.char, exc.line, exc.column
    except LarkError as exc:
        return type(exc).__name__


def date_strings() -> list[str]:
    """Every line, normalised, and every piece of a run of date characters up to LONGEST
    characters (what dates._longest may hand the parser), and random ones."""
    found = set(fuzz("dates", 20000, 14))
    for line in lines():
        text = normalize(line)
        found.add(text)
        for run in _RUN.finditer(text):
            run = run.group()
            found.update(run[i:j] for i in range(len(run)) for j in range(i + 1, min(len(run), i + LONGEST) + 1))
    return sorted(found)


def test_dates_parse_as_with_the_contextual_lexer():
    built, reference = build("dates"), plain("dates")
    strings = date_strings()
    assert sum(outcome(reference, s)[0] == "start" for s in strings) > 1000  # many parse, not only errors
    assert [s for s in strings if outcome(built, s) != outcome(reference, s)] == []


@cache
def numbering_as_it_was():
    """parse_numbering as it was: the whole line parsed by numbering.lark with a terminal
    for the rest of the line, which the contextual lexer tries only after a whole prefix."""
    from linter.grammars import numbering

    parser = Lark(unranked("numbering").replace("start: prefix\n", "start: prefix TEXT?\n") + "TEXT: /.+/s\n",
                  parser="lalr", lexer="contextual")

    def parse(line):
        if not line or line[0] not in numbering.FIRST or not numbering._MAYBE.match(line):
            return None
        try:
            tree = parser.parse(line)
        except LarkError:
            return None
        prefix, *rest = tree.children
        style, value = numbering._ToNumbering().transform(prefix)
        text = str(rest[0]) if rest else ""
        if style == "arabic_dot" and text[:1].isdigit():
            return None
        return numbering.Numbering(style, value, line[: len(line) - len(text)], text)

    return parse


def test_numbering_parses_as_the_whole_line_did():
    from linter.grammars.numbering import parse_numbering

    strings = {s + tail for s in fuzz("numbering", 20000, 7) for tail in ("", "标题", "1")}
    for line in lines():
        line = nfkc(line).lstrip()
        strings |= {line, line.lstrip("#").lstrip()}
    as_it_was = numbering_as_it_was()
    assert sum(as_it_was(s) is not None for s in strings) > 1000
    assert [s for s in sorted(strings) if parse_numbering(s) != as_it_was(s)] == []


def test_numbering_parses_as_with_plain_terminals():
    """numbering.py hands the parser what numbering._MAYBE matches: the same trees and
    errors as the plain grammar gives."""
    from linter.grammars.numbering import _MAYBE

    strings = {m.group() for s in fuzz("numbering", 20000, 7) if (m := _MAYBE.match(s))}
    strings |= {m.group() for line in lines() if (m := _MAYBE.match(nfkc(line).lstrip()))}
    built, reference = build("numbering"), plain("numbering")
    assert sum(outcome(reference, s)[0] == "start" for s in strings) > 100
    assert [s for s in sorted(strings) if outcome(built, s) != outcome(reference, s)] == []


@pytest.mark.parametrize("name", ["dates", "numbering"])
def test_ranks_decide_nothing(name):
    """Ranks only order the terminals that match at one place of an input; they change no
    token as long as no terminal ranked below the strings matches where a string does.  A
    guard for edits of the grammars (the comparisons above are the proof): none matches at the
    start of a string followed by any character of the grammar."""
    terminals = build(name).terminals
    lowered = [t for t in terminals if t.priority < 0]
    assert lowered and all(t.pattern.type == "re" for t in lowered)
    strings = [t.pattern.value for t in terminals if t.pattern.type == "str"]
    alphabet = ["", *set("".join(t.pattern.value for t in terminals) + "0123456789")]
    assert [(t.name, s) for t in lowered for s in strings
            if any(re.match(t.pattern.to_regexp(), s + c) for c in alphabet)] == []
