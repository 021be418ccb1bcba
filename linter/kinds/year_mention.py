"""year-mention: years the text gives in a certain role must agree with the report year.

``patterns`` are regular expressions over the scope's normalised text, each with a named
group ``year`` (four digits).  A year is accepted when it is the report year plus one of
``allowed`` (offsets, default [0]).  ``mode``:
  each      every mention of a year not accepted is a finding
  majority  one finding when a year not accepted is mentioned at least ``min`` times and
            more often than the report year itself (a report copied from last year's
            keeps saying "2016年，我县……" in a 2017 report)
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from linter import patterns, scopes
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param
from linter.kinds.text_base import PATTERNS, SCOPE, prepare_scope

MODES = ("each", "majority")


class YearMention(CheckKind):
    name = "year-mention"
    params = {
        "scope": SCOPE,
        "patterns": PATTERNS,
        "allowed": Param(list, required=False, default=[0], doc="accepted offsets from the report year"),
        "mode": Param(str, required=False, default="each", doc=" | ".join(MODES)),
        "min": Param(int, required=False, default=2, doc="majority mode: fewest mentions reported"),
    }
    fields = ("year", "found", "count", "expected", "match")

    def prepare(self, regimes, error) -> None:
        prepare_scope(self, regimes, error)
        self.matchers = patterns.compile_patterns(self.patterns or [], error, "patterns")
        if not self.matchers:
            raise error("需要 patterns (patterns required)", "patterns")
        if any("year" not in m.regex.groupindex for m in self.matchers):
            raise error("每个正则表达式都需要命名组 (?P<year>…) (a named group 'year' is required)", "patterns")
        if self.mode not in MODES:
            raise error(f"mode 应为 {' 或 '.join(MODES)}", "mode")
        if not all(isinstance(a, int) for a in self.allowed):
            raise error("allowed 应为整数列表 (offsets from the report year)", "allowed")

    def check(self, doc: Document) -> Iterator[Finding]:
        year = doc.facts.year
        if year is None:
            return
        mentions = []  # (year, span, text)
        for matcher in self.matchers:
            for segment, match in matcher.finditer(scopes.segments(doc, self.scope)):
                span = segment.span(match.start("year"), match.end("year"))
                mentions.append((int(match.group("year")), span, match.group()))
        mentions.sort(key=lambda m: (m[1]["line"], m[1]["column"]))
        accepted = {year + offset for offset in self.allowed}
        expected = "、".join(str(y) for y in sorted(accepted))
        if self.mode == "each":
            for found, span, text in mentions:
                if found not in accepted:
                    yield Finding(**span, fields=_fields(year, found, 1, expected, text))
            return
        counts = Counter(found for found, _, _ in mentions)
        own = sum(counts[y] for y in accepted)
        for found, count in counts.most_common():
            if found not in accepted and count >= self.min and count > own:
                span, text = next((s, t) for y, s, t in mentions if y == found)
                yield Finding(**span, fields=_fields(year, found, count, expected, text))
                return


def _fields(year, found, count, expected, match) -> dict:
    return {"year": year, "found": found, "count": count, "expected": expected, "match": match}
