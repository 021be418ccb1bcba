"""placeholder: masks left in a report where a template wanted a number or a name —
``20**年*月*日``, ``***个``, ``回复率**%``, ``xxx部门``, ``××县``.

What a mask is, and what it is not:
  * x-runs (``xx``, ``XXX``, ``××``): two or more, not part of a Latin word, a number,
    a URL or an e-mail address (``xxgk.gov.cn``, ``http://xxx`` are left alone);
  * star runs: a run that touches a digit or Chinese numeral (``20**``, ``一**三``), or is
    followed by a unit (``*月``, ``**%``, ``***个``, ``**县``: parameter ``units``), or is
    three stars or more.  Markdown is left alone: list bullets (``* 项``), rules (``***``
    on a line of its own), escaped ``\\*`` and emphasis pairs (``**总体情况**``), i.e. two
    runs of the same length that open and close (CommonMark flanking) around text that
    neither starts with nor is followed by a unit.
Masks a few characters apart (``20**年*月*日``) are one finding.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Iterator

from linter.document import Document
from linter.kinds import CheckKind, Finding, Param
from linter.regexes import compiled

_STARS = compiled(r"\*+(?:\.\*+)?")  # **.*% is one mask
_XS = compiled(r"[xX×]{2,}")
_STAR_LINE, _XS_LINE = compiled(r"\*[^\n]*"), compiled(r"[xX×]{2,}[^\n]*")  # the first in a line, to its end
_NUMERAL = compiled(r"[0-9〇零○一二三四五六七八九十]")
_LATIN = compiled(r"[A-Za-z0-9]")
_URL_CHARS = frozenset(string.ascii_letters + string.digits + "._%+-/:@?=&#~×")  # what a URL or an address is made of
_URL = r"(?i)://|www\.|@|\.(?:com|cn|net|org|gov)\b"
_RULE_LINE = compiled(r"\s*(?:\*\s*){3,}")
GAP = 2  # masks at most this many characters apart are one finding


class _Run:
    """A run of placeholder characters (x or *) in a line."""

    def __init__(self, start: int, end: int, stars: bool) -> None:
        self.start = start
        self.end = end
        self.stars = stars


class Placeholder(CheckKind):
    name = "placeholder"
    params = {
        "units": Param(str, required=False, default="年月日号%‰个件条项次名人家期份篇场万亿元余县市区乡镇省村局",
                       doc="characters after which a star run is a mask (*月, **%, ***个, **县)"),
    }
    fields = ("match",)

    def check(self, doc: Document) -> Iterator[Finding]:
        skip = {n for b in doc.blocks if b.kind in ("code", "html") for n in range(b.line, b.end_line + 1)}
        for number in _marked_lines(doc):
            if number in skip:
                continue
            text, columns = _normalised(doc.lines[number - 1])
            runs = sorted(self._star_masks(text) + _x_masks(text), key=lambda r: r.start)
            for first, last in _groups(runs):
                start, end = self._extend(text, first, last)
                yield Finding(line=number, column=columns[start], end_line=number, end_column=columns[end - 1] + 1,
                              fields={"match": text[start:end].strip()})

    def _star_masks(self, text: str) -> list[_Run]:
        if _RULE_LINE.fullmatch(text):
            return []  # a Markdown thematic break
        runs = []
        for match in _STARS.finditer(text):
            start, end = match.span()
            if start > 0 and text[start - 1] == "\\":
                continue  # \* is a literal star
            if not text[:start].strip() and end < len(text) and text[end].isspace():
                continue  # a Markdown list bullet
            runs.append(_Run(start, end, True))
        emphasis = self._emphasis(text, runs)
        return [r for r in runs if id(r) not in emphasis and self._is_mask(text, r)]

    def _is_mask(self, text: str, run: _Run) -> bool:
        before = text[run.start - 1] if run.start > 0 else ""
        after = text[run.end] if run.end < len(text) else ""
        return (run.end - run.start >= 3 or bool(before and _NUMERAL.match(before))
                or bool(after and (_NUMERAL.match(after) or after in self.units)))

    def _emphasis(self, text: str, runs: list[_Run]) -> set[int]:
        """ids of runs that pair as Markdown emphasis around real text."""
        paired: set[int] = set()
        openers: list[_Run] = []
        for run in runs:
            if run.end - run.start > 3 or "." in text[run.start:run.end]:
                continue
            opener = next((o for o in reversed(openers) if o.end - o.start == run.end - run.start), None)
            if opener and _right_flanking(text, run) and self._encloses_text(text, opener, run):
                paired.update((id(opener), id(run)))
                openers = openers[: openers.index(opener)]
            elif _left_flanking(text, run):
                openers.append(run)
        return paired

    def _encloses_text(self, text: str, opener: _Run, closer: _Run) -> bool:
        inner = text[opener.end:closer.start]
        before = text[opener.start - 1] if opener.start > 0 else ""
        after = text[closer.end] if closer.end < len(text) else ""
        return (len(inner.strip()) >= 2 and "*" not in inner and inner[0] not in self.units
                and not (before and _NUMERAL.match(before)) and not (after and after in self.units))

    def _extend(self, text: str, first: _Run, last: _Run) -> tuple[int, int]:
        """The mask with the digits before it and the unit after it: 20**年, **%."""
        start, end = first.start, last.end
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        if last.stars and end < len(text) and text[end] in self.units:
            end += 1
        return start, end


def _marked_lines(doc: Document) -> list[int]:
    """The lines that hold a star, or a run of x in NFKC, in order: found by one search of the
    lines joined (most reports have none) rather than line by line."""
    marked: set[int] = set()
    for lines, regex in ((doc.lines, _STAR_LINE), (doc.nfkc_lines(), _XS_LINE)):
        text = "\n".join(lines)
        if text.count("\n") != len(lines) - 1:  # a line break inside a line: count no lines by them
            return [n for n, (raw, flat) in enumerate(zip(doc.lines, doc.nfkc_lines()), start=1)
                    if "*" in raw or _XS.search(flat)]
        if regex is _XS_LINE and not any(x in text for x in "xX×"):
            continue  # most reports: finding no x is much quicker than finding no run of x
        number, counted = 1, 0
        for hit in regex.finditer(text):
            number += text.count("\n", counted, hit.start())
            counted = hit.start()
            marked.add(number)
    return sorted(marked)


def _x_masks(text: str) -> list[_Run]:
    runs = []
    for match in _XS.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if _LATIN.match(before or " ") or _LATIN.match(after or " "):
            continue  # part of a word or a number: xxgk, 0xx1
        token_start, token_end = start, end
        while token_start > 0 and text[token_start - 1] in _URL_CHARS:
            token_start -= 1
        while token_end < len(text) and text[token_end] in _URL_CHARS:
            token_end += 1
        if re.search(_URL, text[token_start:token_end]):
            continue  # http://xxx, xx@163.com
        runs.append(_Run(start, end, False))
    return runs


def _groups(runs: list[_Run]) -> Iterator[tuple[_Run, _Run]]:
    """Consecutive masks at most GAP characters apart, as (first, last)."""
    group: list[_Run] = []
    for run in runs:
        if group and run.start - group[-1].end > GAP:
            yield group[0], group[-1]
            group = []
        group.append(run)
    if group:
        yield group[0], group[-1]


def _punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _left_flanking(text: str, run: _Run) -> bool:
    """CommonMark: not followed by white space, and not followed by punctuation unless
    preceded by white space or punctuation."""
    before = text[run.start - 1] if run.start > 0 else " "
    after = text[run.end] if run.end < len(text) else " "
    if after.isspace():
        return False
    return not _punct(after) or before.isspace() or _punct(before)


def _right_flanking(text: str, run: _Run) -> bool:
    before = text[run.start - 1] if run.start > 0 else " "
    after = text[run.end] if run.end < len(text) else " "
    if before.isspace():
        return False
    return not _punct(before) or after.isspace() or _punct(after)


def _normalised(raw: str) -> tuple[str, list[int]]:
    """The line in NFKC with white space kept, and the source column of each character."""
    chars, columns = [], []
    for column, original in enumerate(raw, start=1):
        for char in unicodedata.normalize("NFKC", original):
            chars.append(char)
            columns.append(column)
    return "".join(chars), columns
