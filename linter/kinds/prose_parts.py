"""prose-parts: the parts a sentence lists after 其中 fit in the total it gives, and each
"占 X%" agrees with its part and that total.

    主动公开政府信息8335条。其中，市直各单位6213条，占74.5%；各乡镇2122条。

The total is the last count before 其中 (in the same sentence or the one before it); the
parts are the counts with the same unit after it, up to the end of the sentence, stopping
at a clause that starts a new statement (办结, 答复, 结转, 共, 累计 … — the ``stop`` words of
the rule).  Approximate counts (余, 多, 约) are not added up.  Two problems, selectable with
``problem``: ``exceeds`` (one part, or the sum of the parts, is larger than the total) and
``percent`` (a share that does not match part ÷ total).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from linter import scopes
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param
from linter.kinds.text_base import SCOPE, prepare_scope
from linter.regexes import compiled

_COUNT = compiled(r"(?<![\d.])(\d+(?:\.\d+)?)(余|多)?(件|条|个|人次|次|项|份|期|场|篇|家|名)(?!%)")
_PERCENT = compiled(r"占(?:比|总数的|全部的)?(?:为)?(\d+(?:\.\d+)?)%")
_SENTENCE = compiled(r"[。!?]")


class ProseParts(CheckKind):
    name = "prose-parts"
    params = {
        "scope": SCOPE,
        "problem": Param(str, doc="exceeds | percent"),
        "stop": Param(list, required=False, default=[], doc="words that start a new statement"),
    }
    fields = ("total", "parts", "sum", "part", "percent", "expected")

    def prepare(self, regimes, error) -> None:
        prepare_scope(self, regimes, error)
        if self.problem not in ("exceeds", "percent"):
            raise error("problem 应为 exceeds 或 percent", "problem")

    def check(self, doc: Document) -> Iterator[Finding]:
        found = scopes.segments(doc, self.scope)
        for hit in re.finditer("其中", found.joined[0]):  # one search of all the text for a word
            yield from self._sentence(*found.locate(hit.start()))

    def _sentence(self, segment, at: int) -> Iterator[Finding]:
        text = segment.text
        total = _total(text, at)
        if total is None:
            return
        end = _SENTENCE.search(text, at)
        parts = _parts(text[at:end.start() if end else len(text)], at, total.group(3), self.stop,
                       whole_sentence=self.problem == "percent")
        if not parts:
            return
        whole = Decimal(total.group(1))
        if self.problem == "exceeds":
            yield from self._exceeds(segment, total, whole, parts)
        else:
            yield from self._percent(segment, total, whole, parts)

    def _exceeds(self, segment, total, whole, parts) -> Iterator[Finding]:
        exact = not total.group(2) and all(not p.group(2) for p, _ in parts)
        biggest = max(parts, key=lambda pair: Decimal(pair[0].group(1)))[0]
        added = sum(Decimal(p.group(1)) for p, _ in parts)
        if Decimal(biggest.group(1)) > whole:
            span = segment.span(biggest.start(), biggest.end())
        elif exact and len(parts) > 1 and added > whole:
            span = segment.span(parts[0][0].start(), parts[-1][0].end())
        else:
            return
        yield Finding(**span, fields=self._fields(total, parts, added))

    def _percent(self, segment, total, whole, parts) -> Iterator[Finding]:
        if whole == 0 or total.group(2):
            return
        for part, share in parts:
            if share is None or part.group(2):
                continue
            stated = Decimal(share.group(1))
            actual = Decimal(part.group(1)) / whole * 100
            places = -stated.as_tuple().exponent if stated.as_tuple().exponent < 0 else 0
            if abs(actual - stated) > Decimal(5) / Decimal(10) ** (places + 1) + Decimal("0.000001"):
                yield Finding(**segment.span(share.start(), share.end()),
                              fields={**self._fields(total, parts, None), "part": part.group(0),
                                      "percent": share.group(0), "expected": f"{actual:.{max(places, 1)}f}%"})

    @staticmethod
    def _fields(total, parts, added) -> dict:
        return {"total": total.group(0), "parts": "、".join(p.group(0) for p, _ in parts),
                "sum": f"{added.normalize():f}" if added is not None else "", "part": "", "percent": "",
                "expected": ""}


def _total(text: str, at: int):
    """The last count before 其中 in its own sentence, else in the sentence before."""
    ends = [m.end() for m in _SENTENCE.finditer(text, 0, at)]
    own = ends[-1] if ends else 0
    found = list(_COUNT.finditer(text, own, at))
    if not found and ends:
        found = list(_COUNT.finditer(text, ends[-2] if len(ends) > 1 else 0, own))
    return found[-1] if found else None


class _Shifted:
    """A match of a slice, with positions in the whole text."""

    def __init__(self, match, offset: int):
        self._match, self._offset = match, offset

    def group(self, n=0):
        return self._match.group(n)

    def start(self):
        return self._match.start() + self._offset

    def end(self):
        return self._match.end() + self._offset


def _parts(tail: str, offset: int, unit: str, stop: list, whole_sentence: bool) -> list:
    """(count, its "占 X%" or None) for the counts of ``unit`` in the clauses after 其中.

    For the sum the list ends early — at a semicolon, at a clause holding a ``stop`` word,
    and before a clause followed by a new 其中 (a new total) — since a sentence often goes
    on to another statement; for the shares every count of the sentence is looked at."""
    clauses = re.split(r"([,;，；])", tail)
    texts, separators = clauses[0::2], clauses[1::2] + [""]
    parts, position = [], 0
    for i, clause in enumerate(texts):
        if not whole_sentence and parts and (any(w in clause for w in stop)
                                             or (i + 1 < len(texts) and "其中" in texts[i + 1])):
            break
        following = texts[i + 1] if i + 1 < len(texts) and separators[i] in ",，" else ""
        for count in _COUNT.finditer(clause):
            if count.group(3) == unit:
                parts.append((_Shifted(count, offset + position),
                              _share(clause, count.end(), following, offset + position)))
        position += len(clause) + len(separators[i])
        if not whole_sentence and separators[i] in (";", "；"):
            break
    return parts


def _share(clause: str, after: int, following: str, at: int):
    """The "占 X%" just after a count: later in its clause, or opening the next clause."""
    own = _PERCENT.search(clause, after)
    if own:
        return _Shifted(own, at)
    opening = _PERCENT.match(following)
    return _Shifted(opening, at + len(clause) + 1) if opening else None
