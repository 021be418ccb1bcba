"""Outline numbering prefixes (一、 （一） 1. （1） 第一部分) parsed by numbering.lark."""

# No ``from __future__ import annotations``: see linter/__init__.py (NamedTuple fields).

from functools import lru_cache
from typing import NamedTuple

from lark import Transformer, Token
from lark.exceptions import LarkError

from linter.grammars import parser
from linter.regexes import compiled

CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}

# Nesting rank of each style in Chinese official documents: 第一部分 > 一、 > （一） > 1. > （1）.
STYLE_RANK = {"part": 1, "cn_dun": 2, "cn_paren": 3, "arabic_dot": 4, "arabic_paren": 5}

# Characters a numbering prefix can start with; other lines skip the parser.
FIRST = frozenset("第(0123456789十") | frozenset(CN_DIGITS)
# Every prefix the grammar accepts matches this (a looser pattern), and the match ends where
# the prefix does: a line that does not match — most lines starting with a digit are 2024年…
# — skips the parser, and the parser reads the match alone.
_MAYBE = compiled(r"[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|[0-9]{1,2}[.、)]|\([0-9]{1,2}\)"
                    r"|第[一二三四五六七八九十]{1,3}部分")


class Numbering(NamedTuple):
    """A heading's number prefix (一、 （一） 1. （1） …), parsed."""

    style: str  # a key of STYLE_RANK
    value: int  # the number as an integer
    written: str  # the prefix as it stands in the normalised line
    text: str  # what follows the prefix

    @property
    def rank(self) -> int:
        return STYLE_RANK[self.style]


class _ToNumbering(Transformer):
    def cn_units(self, items):
        return CN_DIGITS[items[0]]

    def cn_teens(self, items):
        return 10 + (CN_DIGITS[items[1]] if len(items) > 1 else 0)

    def cn_tens(self, items):
        return CN_DIGITS[items[0]] * 10 + (CN_DIGITS[items[2]] if len(items) > 2 else 0)

    def _style(self, style, items):
        value = next(i for i in items if isinstance(i, int) or (isinstance(i, Token) and i.type == "DIGITS"))
        return style, int(value)

    def cn_dun(self, items):
        return self._style("cn_dun", items)

    def cn_paren(self, items):
        return self._style("cn_paren", items)

    def arabic_dot(self, items):
        return self._style("arabic_dot", items)

    def arabic_paren(self, items):
        return self._style("arabic_paren", items)

    def part(self, items):
        return self._style("part", items)


def parse_numbering(line: str) -> Numbering | None:
    """The numbering prefix of a normalised, left-stripped line, or None."""
    if not line or line[0] not in FIRST:
        return None
    maybe = _MAYBE.match(line)
    if maybe is None:
        return None
    parsed = _prefix(maybe.group())
    if parsed is None:
        return None
    style, value = parsed
    text = line[maybe.end():]
    # "1.5亿元" is a decimal, not item 1.
    if style == "arabic_dot" and text[:1].isdigit():
        return None
    return Numbering(style, value, maybe.group(), text)


@lru_cache(maxsize=1024)
def _prefix(prefix: str) -> tuple[str, int] | None:
    """(style, value) of a prefix ``_MAYBE`` matched, None when the grammar refuses it; kept per
    prefix, since reports number their parts with the same few (一、 （三） 2.) while their
    lines, which the outline keeps per line, differ from report to report."""
    try:
        tree = parser("numbering").parse(prefix)
    except LarkError:
        return None
    return _ToNumbering().transform(tree.children[0])
