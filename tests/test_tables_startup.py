"""The fast paths of linter.tables.labels give exactly what the plain definitions give."""

from __future__ import annotations

import random

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
    pieces, j = [], n
    while j > 0:
        i, label = came[j], label_at[j]
        if label is None and pieces and pieces[-1][2] is None:
            pieces[-1] = (i, pieces[-1][1], None)
        else:
            pieces.append((i, j, label))
        j = i
    return [Token(start, end, label) for start, end, label in reversed(pieces)]


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

