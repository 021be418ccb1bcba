"""Label text for matching: normalised (width, white space, punctuation dropped), each
character traced back to the cell and offset it came from, so that a label found
inside a run of cells or PDF fragments can be reported where it is written."""

from bisect import bisect_right
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from linter.document import nfkc
from linter.regexes import compiled
from linter.tables.model import Cell

# Dropped for matching: separators and brackets vary between copies (、，, （）() “”"),
# the meaning is in the words.
_DROP = set("、，,.。．:：;；!！?？“”\"'‘’()（）[]【】〔〕《》<>〈〉/／\\|-—－–_·•…~～")
_DROP_TABLE = str.maketrans("", "", "".join(_DROP))
_NUMERALS = "一二三四五六七八九十"
_DIGITS = compiled(r"\d*")


@lru_cache(maxsize=8192)  # the same labels and cell texts come back in every table
def key(text: str) -> str:
    """``text`` as matched: NFKC, no white space (``str.split``: the characters ``str.isspace``
    tells), no punctuation."""
    return "".join(nfkc(text).translate(_DROP_TABLE).split())


@lru_cache(maxsize=8192)
def _traced_text(text: str) -> tuple[str, tuple[int, ...]]:
    """The key of one cell's text, character by character, and for each character of the key
    its offset in ``text``."""
    keys = list(map(key, text))
    joined = "".join(keys)
    # a character gives one character of the key or none, mostly: then the offsets are those
    # of the ones giving one, picked at C speed
    offsets = tuple(compress(range(len(text)), keys))
    if len(offsets) != len(joined):  # one gives several (½ → 1⁄2): each of them its offset
        offsets = tuple(offset for offset, out in enumerate(keys) for _ in out)
    return joined, offsets


def strip_numbering(label_key: str) -> str:
    """A label key without its leading 一 / 1 (the 、 ( ) . were dropped already): a run of
    Chinese numerals, else of digits.  str.lstrip, not a pattern: re compiles a set of
    scattered characters such as the numerals ~1.3M instructions slower than two ranges."""
    stripped = label_key.lstrip(_NUMERALS)
    return stripped if len(stripped) < len(label_key) else label_key[_DIGITS.match(label_key).end():]


@lru_cache(maxsize=4096)  # a damaged label is compared with every expected one, again when its table is re-read
def similar(a: str, b: str) -> float:
    import difflib  # only for a damaged label: not on the way of most reports

    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


class Traced:
    """The key of a run of cells, each character traced to (cell, offset in its text).  Kept
    per run of one cell — the cell, where its characters start in the key, their offsets —
    rather than as a pair per character: a table's labels are traced by the thousand."""

    __slots__ = ("key", "cells", "starts", "offsets")

    def __init__(self, key: str, cells: list[Cell], starts: list[int], offsets: list[tuple[int, ...]]):
        self.key = key
        self.cells = cells  # one per run: consecutive characters of one cell are one run
        self.starts = starts  # where each run starts in the key
        self.offsets = offsets  # per run, the offset in its cell's text of each of its characters

    @classmethod
    def of(cls, cells: list[Cell]) -> "Traced":
        keys, runs, starts, offsets, size = [], [], [], [], 0
        for cell in cells:
            text, positions = _traced_text(cell.text)
            if not text:  # a cell whose text gives no key (punctuation only) is no run
                continue
            if runs and runs[-1] is cell:
                offsets[-1] += positions
            else:
                runs.append(cell)
                starts.append(size)
                offsets.append(positions)
            keys.append(text)
            size += len(text)
        return cls("".join(keys), runs, starts, offsets)

    def _add(self, text: str, cell: Cell, offsets: tuple[int, ...]) -> None:
        if not text:  # a cell whose text gives no key (punctuation only) is no run
            return
        if self.cells and self.cells[-1] is cell:
            self.offsets[-1] += offsets
        else:
            self.cells.append(cell)
            self.starts.append(len(self.key))
            self.offsets.append(offsets)
        self.key += text

    def plus(self, other: "Traced", end: int) -> "Traced":
        """This key followed by ``other.key[:end]``, traced."""
        traced = Traced(self.key, list(self.cells), list(self.starts), list(self.offsets))
        for cell, start, offsets in zip(other.cells, other.starts, other.offsets):
            if start >= end:
                break
            traced._add(other.key[start:end][:len(offsets)], cell, offsets[:end - start])
        return traced

    def _run(self, index: int) -> int:
        return bisect_right(self.starts, index) - 1

    def cell_start(self, index: int) -> int:
        """Where the cell holding ``key[index]`` starts in ``key``."""
        return self.starts[self._run(index)]

    def whole(self, start: int, end: int) -> bool:
        """Whether ``key[start:end]`` is made of whole cells."""
        if start >= end:
            return False
        return self.cell_start(start) == start and (end == len(self.key) or self.cell_start(end) == end)

    def cell(self, start: int, end: int) -> Cell | None:
        """The source span of ``key[start:end]`` as one cell."""
        if start >= end or end > len(self.key):
            return None
        i, j = self._run(start), self._run(end - 1)
        first, a = self.cells[i], self.offsets[i][start - self.starts[i]]
        last, b = self.cells[j], self.offsets[j][end - 1 - self.starts[j]]
        while b + 1 < len(last.text) and not key(last.text[b + 1]):
            b += 1  # a closing bracket or quote ends the label too
        if not key(first.text[:a]):
            a = 0  # and an opening one at the start of the cell starts it
        if i == j:
            text = first.text[a: b + 1]
        else:
            text = first.text[a:] + "".join(c.text for c in self.cells[i + 1:j]) + last.text[: b + 1]
        column = first.column + a if first.end_line is None else first.column
        end_column = last.column + b + 1 if last.end_line is None else last.end_column
        end_line = last.last_line if last.last_line != first.line else None
        return Cell(text, first.line, column, end_column, end_line=end_line)


class Token(NamedTuple):
    """A stretch of a label text: a vocabulary entry, or text matching none."""

    start: int
    end: int
    label: str | None  # the vocabulary entry matched, None for text matching none


def segment(text: str, vocabulary: dict[str, object]) -> tuple[Token, ...]:
    """Cut ``text`` into vocabulary labels, leaving as little unmatched as possible
    (then using as few labels as possible): 商业企业科研机构… → 商业企业 · 科研机构 · …"""
    by_first, memo = _index(vocabulary)
    # a table's header and labels are cut several times (scoring, reading, a piece read
    # again), and most reports print the same standard labels
    tokens = memo.get(text)
    if tokens is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        tokens = memo[text] = tuple(_segment(text, by_first))
    return tokens


def _segment(text: str, by_first: dict[str, list[str]]) -> list[Token]:
    n = len(text)
    # a path's cost is (unmatched characters, labels) compared in that order, as one integer
    weight = n + 1  # an unmatched character costs more than any number of labels
    # every place a label is written, by where it ends: (start, label); ``in`` and str.find
    # find them at C speed (``in`` first: most labels are not there, and find parses its
    # arguments slowly), and only the characters where one starts or ends need the search below
    ending: dict[int, list[tuple[int, str]]] = {}
    for first, labels in by_first.items():
        if first not in text:
            continue
        for label in labels:
            if label not in text:
                continue
            start = text.find(label)
            while start >= 0:
                ending.setdefault(start + len(label), []).append((start, label))
                start = text.find(label, start + 1)
    if not ending:
        return [Token(0, n, None)] if n else []
    # the cheapest path to each such place, from the one before it (the characters between
    # unmatched) or from where a label ending here starts; of equal costs, the earlier start
    # wins, as in a search character by character (tests/test_tables_startup.py compares them)
    places = {0, n, *ending}
    for found in ending.values():
        places.update(start for start, _ in found)
    best = {0: 0}
    came: dict[int, tuple[int, str | None]] = {}
    previous = 0
    for place in sorted(places)[1:]:
        order, step = (best[previous] + (place - previous) * weight, place - 1), (previous, None)
        for start, label in ending.get(place, ()):
            option = (best[start] + 1, start)
            if option < order:
                order, step = option, (start, label)
        best[place], came[place] = order[0], step
        previous = place
    return _tokens(came, n)


def _tokens(came, n: int) -> list[Token]:
    """The cut ``came`` records (where the best cut up to each end came from, and the label
    read there), read back from the end; a run of unmatched characters is one token."""
    pieces, j = [], n
    while j > 0:
        i, label = came[j]
        if label is None and pieces and pieces[-1][2] is None:
            pieces[-1] = (i, pieces[-1][1], None)
        else:
            pieces.append((i, j, label))
        j = i
    return [Token(start, end, label) for start, end, label in reversed(pieces)]


_MEMO_SIZE = 512  # texts per vocabulary: a few MB at most
_INDEXES: dict[int, tuple[dict, dict[str, list[str]], dict[str, tuple[Token, ...]]]] = {}


def _index(vocabulary: dict[str, object]) -> tuple[dict[str, list[str]], dict[str, tuple[Token, ...]]]:
    """The vocabulary's labels by first character, and its memo of texts cut (a table's
    vocabulary is built once and asked for thousands of times per run: indexed once)."""
    cached = _INDEXES.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        by_first: dict[str, list[str]] = {}
        for label in vocabulary:
            if label:
                by_first.setdefault(label[0], []).append(label)
        if len(_INDEXES) >= 16:
            _INDEXES.clear()
        cached = _INDEXES[id(vocabulary)] = (vocabulary, by_first, {})
    return cached[1], cached[2]
