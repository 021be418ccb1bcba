"""period: the statistics period (统计期限) a report states after one of its trigger words.

The period is the first date or period (grammars/dates.lark) within ``window`` characters
after a trigger, in the same sentence.  Problems, each selectable with ``problems``:
  missing    no trigger in the report is followed by a date
  malformed  the dates lost 年/月 in copying or are out of range (201711日至1231日)
  year       a year of the period is not the report year
  range      the period is not the whole report year (1月1日 to 12月31日)
A year alone (2017年度) and 全年 count as the whole year.
"""

from __future__ import annotations

import datetime
import re
from typing import Iterator

from linter import scopes
from linter.document import Document, normalize
from linter.grammars import dates
from linter.kinds import CheckKind, Finding, Param, line_span

PROBLEMS = ("missing", "malformed", "year", "range")


class PeriodKind(CheckKind):
    name = "period"
    params = {
        "triggers": Param(list, doc="words that introduce the period, e.g. 统计期限"),
        "window": Param(int, required=False, default=40, doc="characters after a trigger searched for the period"),
        "problems": Param(list, required=False, default=list(PROBLEMS), doc=" | ".join(PROBLEMS)),
        "other_starts": Param(dict, required=False, default={},
                              doc="report year → first days also accepted, e.g. {2008: ['05-01']}"),
    }
    fields = ("written", "reading", "expected", "year")

    def prepare(self, regimes, error) -> None:
        unknown = set(self.problems) - set(PROBLEMS)
        if unknown:
            raise error(f"未知的问题 (unknown problem): {', '.join(sorted(map(str, unknown)))}", "problems")
        words = [normalize(w) for w in self.triggers if isinstance(w, str) and normalize(w)]
        if not words or len(words) != len(self.triggers):
            raise error("triggers 应为非空字符串列表 (a list of non-empty strings)", "triggers")
        self.trigger_re = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        try:
            self.starts = {int(year): [_month_day(s) for s in days] for year, days in self.other_starts.items()}
        except (TypeError, ValueError):
            raise error("other_starts 应形如 {2008: ['05-01']}", "other_starts") from None

    def check(self, doc: Document) -> Iterator[Finding]:
        year = doc.facts.year
        if year is None:
            return
        expected = f"{year}年1月1日至{year}年12月31日"
        statements = stated_periods(doc, self.trigger_re, self.window)
        if not statements:
            if "missing" in self.problems:
                line = doc.title.line if doc.title else 1
                yield Finding(**line_span(doc, line), fields=_fields("", "", expected, year))
            return
        for segment, found in statements:
            span = segment.span(found.start, found.end)
            value = found.value
            period = value if isinstance(value, dates.Period) else _as_period(value, year)
            problem = self._problem(period, value, year)
            if problem in self.problems:
                shown = value.text() if isinstance(value, dates.DateValue) else period.text()
                reading = f"（似为“{shown}”）" if problem == "malformed" and _readable(period) else ""
                yield Finding(**span, fields=_fields(found.written, reading, expected, year))

    def _problem(self, period: dates.Period, value, year: int) -> str | None:
        if period.malformed:
            return "malformed"
        years = {period.start.year, period.end.year} - {None}
        if years and years != {year}:
            return "year"
        if isinstance(value, dates.DateValue) and value.day is not None:
            return None  # one date only (截至2017年12月31日): its year is all we can check
        first, last = period.first_day(), period.last_day()
        starts = [datetime.date(year, 1, 1)] + [datetime.date(year, m, d) for m, d in self.starts.get(year, [])]
        if first is not None and last is not None and (first not in starts or last != datetime.date(year, 12, 31)):
            return "range"
        return None


def stated_periods(doc: Document, trigger_re: re.Pattern, window: int) -> list[tuple[scopes.Segment, dates.Found]]:
    """(segment, found) of each trigger followed by a date in the same sentence, in order
    (once per document for the rules that share triggers and window).  ``trigger_re`` is an
    alternation of normalised words, which no line break can be part of."""
    return doc.derive(("stated_periods", trigger_re.pattern, trigger_re.flags, window),
                      lambda: _stated_periods(doc, trigger_re, window))


def _stated_periods(doc: Document, trigger_re: re.Pattern, window: int) -> list[tuple[scopes.Segment, dates.Found]]:
    out, seen = [], set()
    found = scopes.segments(doc, scopes.Scope("document"))
    for trigger in trigger_re.finditer(found.joined[0]):  # one search of all the text for the words
        segment, start = found.locate(trigger.start())
        end = start + trigger.end() - trigger.start()
        after = segment.text[end: end + window]
        after = re.split(r"[。;!?]", after, maxsplit=1)[0]
        hits = [f for f in dates.find(after) if _usable(f.value)]
        if not hits:
            continue
        hit = hits[0]
        stated = dates.Found(hit.value, hit.start + end, hit.end + end, hit.written)
        key = (id(segment), stated.start)
        if key not in seen:
            seen.add(key)
            out.append((segment, stated))
    return out


def _usable(value) -> bool:
    """A period, or a date that names at least a year (a bare 30日 is no period)."""
    if isinstance(value, dates.Period):
        return True
    return value.year is not None or value.malformed


def _as_period(value: dates.DateValue, year: int) -> dates.Period:
    if value.month is None and value.day is None and not value.malformed:
        return dates.whole_year(value.year)  # 2017年度
    return dates.Period(value, value)


def _readable(period: dates.Period) -> bool:
    return period.start.complete and period.end.complete


def _fields(written, reading, expected, year) -> dict:
    return {"written": written, "reading": reading, "expected": expected, "year": year}


def _month_day(text) -> tuple[int, int]:
    month, day = str(text).split("-")
    return int(month), int(day)
