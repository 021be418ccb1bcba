"""The fast paths of linter.tables (labels, the cached catalogue, cheaper patterns) give exactly
what the plain definitions give."""

from __future__ import annotations

import random
import unicodedata

import pytest

from linter.tables import labels
from linter.tables.catalogue import catalogue
from linter.tables.labels import Token


def _segment_by_character(text: str, by_first: dict[str, list[str]]) -> list[Token]:
    """The search ``labels._segment`` replaces: every character of ``text`` in turn."""
    n = len(text)
    weight = n + 1
    best = [0] + [(n + 1) * weight] * n
    came: list[int] = [0] * (n + 1)
    label_at: list[str | None] = [None] * (n + 1)
    for i in range(n):
        here = best[i]
        if here + weight < best[i + 1]:
            best[i + 1], came[i + 1], label_at[i + 1] = here + weight, i, None
        for label in by_first.get(text[i], ()):
            if text.startswith(label, i):
                j = i + len(label)
                if here + 1 < best[j]:
                    best[j], came[j], label_at[j] = here + 1, i, label
    return labels._tokens(list(zip(came, label_at)), n)  # read back as the fast search's cut is


def _by_first(vocabulary) -> dict[str, list[str]]:
    by_first: dict[str, list[str]] = {}
    for label in vocabulary:
        if label:
            by_first.setdefault(label[0], []).append(label)
    return by_first


def test_segment_as_character_by_character_on_random_texts():
    # a small alphabet: labels overlap, nest and tie (ab·c against a·bc, a label of one character)
    rng = random.Random(7)
    for _ in range(3000):
        vocabulary = {"".join(rng.choices("abcd", k=rng.randint(1, 4))) for _ in range(rng.randint(0, 8))}
        by_first = _by_first(sorted(vocabulary, key=lambda _: rng.random()))
        text = "".join(rng.choices("abcde", k=rng.randint(0, 30)))
        assert labels._segment(text, by_first) == _segment_by_character(text, by_first), (text, by_first)


def test_segment_as_character_by_character_on_the_standard_tables():
    for spec in catalogue().values():
        by_first = _by_first(spec.vocabulary)
        everything = "".join(spec.vocabulary)
        texts = [everything, everything[::-1], "".join(sorted(everything))]
        texts += [label[1:] + label + label[:-1] for label in spec.vocabulary]
        for text in texts:
            assert labels._segment(text, by_first) == _segment_by_character(text, by_first)


def _key_by_character(text: str) -> str:
    """``labels.key`` as defined: NFKC, then every character but white space and ``_DROP``."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace() and c not in labels._DROP)


def _traced_by_character(text: str) -> tuple[str, tuple[int, ...]]:
    chars, offsets = [], []
    for offset, char in enumerate(text):
        for out in labels.key(char):
            chars.append(out)
            offsets.append(offset)
    return "".join(chars), tuple(offsets)


# what decomposes or composes: full-width forms, the ideographic space, combining marks that a
# dropped or folded character stands between (e\u0301 composes, e（\u0301 does not), a
# combining overlay after a folded character (＜ → <, <\u0338 → ≮), characters giving several
# (½ ﬁ ㍻), Hangul jamo, and plain text
_PIECES = ["（", "）", "：", "，", "…", "\u3000", "＜", "＝", "Ａ", "１", "e", "<", "=", "\u0301", "\u0338",
           "\u0327", "½", "ﬁ", "㍻", "\u1100", "\u1161", "\u11a8", " ", "\t", "\xa0", "、", "。", "表", "一",
           "申请", "-", "—", "…", "·", "Å", "\u212b", "ｶ", "\uff9e"]


def test_key_as_defined():
    rng = random.Random(11)
    texts = [chr(c) for c in range(0x110000)] + ["".join(rng.choices(_PIECES, k=rng.randint(0, 12)))
                                                  for _ in range(20000)]
    for text in texts:
        assert labels.key.__wrapped__(text) == _key_by_character(text), repr(text)


@pytest.mark.parametrize("text", ["", "三、本年度办理结果（一）予以公开", "1/2 ½ ﬁ㍻ （ ） x\u0301", "\u3000\t a"])
def test_traced_text_as_defined(text):
    assert labels._traced_text.__wrapped__(text) == _traced_by_character(text)


def test_traced_text_as_defined_on_random_texts():
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choices(_PIECES, k=rng.randint(0, 12)))
        assert labels._traced_text.__wrapped__(text) == _traced_by_character(text), repr(text)


def test_catalogue_keeps_its_indexes_through_the_cache():
    """``load`` builds the indexes, so the per-user cache (a pickle) keeps them: the same as
    built from the fields, and the memo of recognising not among them."""
    import dataclasses
    import pickle

    from linter.builtin import RULES_DIR
    from linter.tables.catalogue import INDEXES, load

    for spec in pickle.loads(pickle.dumps(load(RULES_DIR / "tables.yaml"))).values():
        assert "vocabulary" in vars(spec) and "memo" not in vars(spec)
        fresh = dataclasses.replace(spec)  # the fields only
        for name in INDEXES:
            assert name not in vars(fresh)
            assert getattr(fresh, name) == getattr(spec, name), name


# ---------------------------------------------------------------- patterns cheaper to compile

def test_strip_numbering_as_the_pattern():
    import re

    pattern = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)")
    rng = random.Random(3)
    pieces = ["一", "二", "十", "百", "1", "23", "１", "٣", "第", "属于", "x", ""]
    for _ in range(5000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 6)))
        assert labels.strip_numbering(text) == pattern.sub("", text, count=1), text


def test_parse_value_as_the_pattern_with_its_sign():
    import re
    from decimal import Decimal, InvalidOperation

    from linter.document import normalize
    from linter.tables import model

    pattern = re.compile(r"(?P<sign>[+\-−增减]?)(?P<digits>\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?P<fraction>\.\d{1,6})?"
                         r"(?P<unit>万元|元|件|个|项|条)?")

    def by_pattern(text):
        flat = normalize(text)
        if flat in model.PLACEHOLDERS:
            return model.Value("placeholder", Decimal(0))
        match = pattern.fullmatch(flat)
        if not match:
            return model.Value("text")
        try:
            number = Decimal(match["digits"].replace(",", "") + (match["fraction"] or ""))
        except InvalidOperation:
            return model.Value("text")
        if match["sign"] in ("-", "−", "减"):
            number = -number
        if match["sign"]:
            return model.Value("signed", number)
        return model.Value("unit", number, match["unit"]) if match["unit"] else model.Value("number", number)

    rng = random.Random(13)
    pieces = ["+", "-", "−", "－", "增", "减", "1", "23", "456", ",", ",000", ".", ".5", "万元", "件", "无", "/", " ", "x"]
    for _ in range(20000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 6)))
        assert model.parse_value(text) == by_pattern(text), text


def test_page_marker_as_the_pattern_on_normalised_lines():
    import re

    from linter.document import normalize
    from linter.tables import pdf

    pattern = re.compile(r"[-—－–]+(?:\d{1,4}[-—－–]+)?|第\d+页(共\d+页)?|\d+/\d+")
    rng = random.Random(17)
    pieces = ["-", "—", "－", "–", "―", "第", "页", "共", "1", "23", "/", "／", " ", "x"]
    for _ in range(20000):
        flat = normalize("".join(rng.choices(pieces, k=rng.randint(0, 7))))
        assert pdf._page_marker(flat) == bool(pattern.fullmatch(flat)), flat
