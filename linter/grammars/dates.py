"""Dates and periods in report text, parsed by dates.lark.

``find(text)`` looks through normalised text (NFKC, no white space: see
``linter.document.normalize``) for runs of date characters, parses each run with the
grammar and returns what it found with offsets into ``text``.

A date whose 年 or 月 was lost in copying (``201711日``, ``20171月1日``, ``1231日``) is
read by the length of its digit runs and marked ``malformed``, and so is a date with
numbers out of range (``2017年13月1日``); its reading is kept when it is unambiguous, so a
rule can say what the text probably meant.  Runs that are no date at all (``三年``,
``711号``) give nothing.
"""

# No ``from __future__ import annotations``: see linter/__init__.py (NamedTuple fields).

import calendar
import datetime
from functools import lru_cache
from typing import NamedTuple

from lark import Token, Transformer, Tree
from lark.exceptions import LarkError

from linter.grammars import parser
from linter.regexes import compiled

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_CN_NUMERALS = set(_CN_DIGITS) | {"十"}
_RUN = compiled(r"[0-9〇零○一二三四五六七八九十年月日号.\-/—–~至到起止自从由全]+")
_LEADING_JUNK = compiled(r"^[年月日号.\-/—–~至到起止自从由]+")
_NUMERAL = compiled(r"[0-9]+|[〇零○一二三四五六七八九十]+")
_TRAILING_JUNK = compiled(r"[.\-/—–~至到起自从由全]+$")
_MARKER = compiled(r"[年月日号]|\d[.\-/]\d+[.\-/]\d")
YEARS = range(1949, 2101)


class DateValue(NamedTuple):
    """A date as written: any of year, month, day may be missing (``2017年``, ``12月31日``).
    ``malformed``: markers were lost or numbers are out of range; the parts hold the reading
    when it is unambiguous, else None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    malformed: bool = False

    @property
    def complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def as_date(self) -> datetime.date | None:
        if not self.complete:
            return None
        try:
            return datetime.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def first_day(self) -> datetime.date | None:
        """The earliest day the value stands for (2017年 → 2017-01-01)."""
        if self.year is None:
            return None
        return _safe(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date | None:
        """The latest day the value stands for (2017年12月 → 2017-12-31)."""
        if self.year is None:
            return None
        month = self.month or 12
        if not 1 <= month <= 12:
            return None
        return _safe(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def text(self) -> str:
        """Chinese form of the reading: 2017年1月1日 (parts not known are left out)."""
        return "".join(f"{v}{unit}" for v, unit in ((self.year, "年"), (self.month, "月"), (self.day, "日"))
                       if v is not None)


class Period(NamedTuple):
    """A statistics period: from one date to another."""

    start: DateValue
    end: DateValue

    @property
    def malformed(self) -> bool:
        return self.start.malformed or self.end.malformed

    def first_day(self) -> datetime.date | None:
        return self.start.first_day()

    def last_day(self) -> datetime.date | None:
        return self.end.last_day()

    def text(self) -> str:
        return f"{self.start.text()}至{self.end.text()}"


class Found(NamedTuple):
    """A date or period found in text: ``value`` is a DateValue or a Period; ``start`` and
    ``end`` are offsets into the text searched; ``written`` is the text itself."""

    value: DateValue | Period
    start: int
    end: int
    written: str

    @property
    def is_period(self) -> bool:
        return isinstance(self.value, Period)


def whole_year(year: int | None) -> Period:
    return Period(DateValue(year, 1, 1), DateValue(year, 12, 31))


def _safe(year, month, day) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _cn_number(text: str) -> int | None:
    """一 … 九十九 (十, 十二, 二十, 三十一), or digit by digit (二〇一七)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text)) if all(c in _CN_DIGITS for c in text) else None
    tens, _, units = text.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return None
    value = (_CN_DIGITS.get(tens, -100) if tens else 1) * 10 + (_CN_DIGITS.get(units, -100) if units else 0)
    return value if value > 0 else None


def _split_month_day(digits: str) -> tuple[int, int] | None:
    """1231 → (12, 31), 11 → (1, 1); None when no or several readings are valid (111)."""
    readings = []
    for cut in range(1, len(digits)):
        month, day = digits[:cut], digits[cut:]
        if len(month) <= 2 and len(day) <= 2 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            readings.append((int(month), int(day)))
    return readings[0] if len(readings) == 1 else None


def _year_of(digits: str) -> int | None:
    if len(digits) != 4:
        return None
    year = int(digits)
    return year if year in YEARS else None


class _NotADate(Exception):
    pass


class _ToValues(Transformer):
    """Trees → DateValue / Period; raises _NotADate for runs that are no date at all."""

    # -- numbers -------------------------------------------------------------------
    def n(self, items):
        token = items[0]
        return token  # kept as a token: its type and length matter

    @staticmethod
    def _int(token) -> int | None:
        if token.type == "NUM":
            if len(token) > 8:  # no day, month or year has more digits; int() would refuse 4,300+
                raise _NotADate
            return int(token)
        return _cn_number(str(token))

    def _year(self, token) -> int:
        value = _year_of(str(token)) if token.type == "NUM" else (
            _cn_number(str(token)) if len(token) == 4 and "十" not in token else None)
        if value is None or value not in YEARS:
            raise _NotADate
        return value

    @staticmethod
    def _day_marker(items) -> str:
        day = items[-1]
        return str(day.children[0]) if isinstance(day, Tree) else str(day)

    # -- dates ---------------------------------------------------------------------
    def ymd(self, items):
        year, month, day = self._year(items[0]), self._int(items[2]), self._int(items[4])
        if not (_short(items[2]) and _short(items[4])):
            raise _NotADate
        return _checked(year, month, day)

    def ym(self, items):
        if not _short(items[2]):
            raise _NotADate
        return _checked(self._year(items[0]), self._int(items[2]), None)

    def y(self, items):
        return DateValue(self._year(items[0]))

    def y_lost_month(self, items):
        year = self._year(items[0])
        reading = _split_month_day(str(items[2]))
        if len(items[2]) < 2 or len(items[2]) > 4:
            raise _NotADate
        return DateValue(year, *(reading or (None, None)), malformed=True)

    def md(self, items):
        first, day = items[0], self._int(items[2])
        if not _short(items[2]):
            raise _NotADate
        if first.type == "NUM" and len(first) in (5, 6):  # 20171月1日: 年 lost
            year = _year_of(str(first)[:4])
            if year is None:
                raise _NotADate
            return _checked(year, int(str(first)[4:]), day)._replace(malformed=True)
        if not _short(first):
            raise _NotADate
        return _checked(None, self._int(first), day)

    def m(self, items):
        first = items[0]
        if first.type == "NUM" and len(first) in (5, 6):
            year = _year_of(str(first)[:4])
            if year is None:
                raise _NotADate
            return _checked(year, int(str(first)[4:]), None)._replace(malformed=True)
        if not _short(first):
            raise _NotADate
        return _checked(None, self._int(first), None)

    def d(self, items):
        token, marker = items[0], self._day_marker(items)
        if _short(token):
            value = self._int(token)
            if value is None or not 1 <= value <= 31:
                raise _NotADate
            return DateValue(day=value)
        if marker != "日" or token.type != "NUM":  # 711号 is a document number, not a date
            raise _NotADate
        return _damaged(str(token))

    def sep3(self, items):
        year, month, day = str(items[0]), str(items[2]), str(items[4])
        if _year_of(year) is None or len(month) > 2 or len(day) > 2:
            raise _NotADate
        return _checked(int(year), int(month), int(day))

    # -- periods -------------------------------------------------------------------
    def single(self, items):
        return items[0]

    def period(self, items):
        dates = [i for i in items if isinstance(i, DateValue)]
        start, end = dates
        if start.year is None and end.year is None and start.month is None:
            raise _NotADate  # 1日至5日: no period a report would state
        # 2017年1月1日至12月31日: the end takes the year (and month) of the start
        year = end.year if end.year is not None else start.year
        month = end.month if end.month is not None or end.year is not None else start.month
        return Period(start, end._replace(year=year, month=month))

    def month_range(self, items):
        year = self._year(items[0])
        first, last = self._int(items[2]), self._int(items[4])
        if not (_short(items[2]) and _short(items[4])):
            raise _NotADate
        return Period(_checked(year, first, None), _checked(year, last, None))

    def whole(self, items):
        years = [i for i in items if isinstance(i, Token) and i.type in ("NUM", "CN")]
        return whole_year(self._year(years[0]) if years else None)

    def to(self, items):
        return items[0]

    def compact(self, items):
        digits = str(items[0])
        if len(digits) != 8:
            raise _NotADate
        return _damaged(digits)

    def start(self, items):
        return next(i for i in items if isinstance(i, (DateValue, Period)))


def _short(token) -> bool:
    """A month or day written normally: one or two digits, or a Chinese number."""
    return token.type == "CN" or len(token) <= 2


def _checked(year, month, day) -> DateValue:
    bad = month is not None and not 1 <= month <= 12
    if not bad and day is not None:
        limit = calendar.monthrange(year or 2000, month)[1] if month else 31
        bad = not 1 <= day <= limit
    return DateValue(year, month, day, malformed=bad)


def _damaged(digits: str) -> DateValue:
    """A digit run before 日 that lost its 年 and 月: 1231, 201711, 20171231."""
    if len(digits) in (3, 4):
        reading = _split_month_day(digits)
        if reading is None:
            raise _NotADate
        return DateValue(None, *reading, malformed=True)
    if 5 <= len(digits) <= 8:
        year = _year_of(digits[:4])
        if year is None:
            raise _NotADate
        reading = _split_month_day(digits[4:])
        return DateValue(year, *(reading or (None, None)), malformed=True)
    raise _NotADate


def parse(text: str, compact: bool = False) -> DateValue | Period | None:
    """The date or period that ``text`` (normalised) is, or None."""
    try:
        tree = parser("dates").parse(text)
    except LarkError:
        return None
    if tree.data == "compact" and not compact:
        return None
    try:
        return _ToValues().transform(tree)
    except _NotADate:
        return None
    except LarkError as exc:  # a _NotADate raised inside a callback arrives wrapped
        if isinstance(getattr(exc, "orig_exc", None), _NotADate):
            return None
        raise


def find(text: str, compact: bool = False) -> list[Found]:
    """Every date or period in normalised ``text``, in order.  ``compact``: also accept a
    bare run of eight digits (20171231) — only where a date stands on its own."""
    return list(_find(text, compact))


@lru_cache(maxsize=1024)  # reports repeat their dates (统计期限自2024年1月1日起至2024年12月31日止)
def _find(text: str, compact: bool) -> tuple[Found, ...]:
    found = []
    for run in _RUN.finditer(text):
        start, end = run.start(), run.end()
        while start < end:
            piece = text[start:end]
            lead = _LEADING_JUNK.match(piece)
            if lead:
                start += lead.end()
                continue
            piece = _TRAILING_JUNK.sub("", piece)
            hit = _longest(piece, compact)
            if hit is None:  # skip a whole number: 711号 holds no 11号
                numeral = _NUMERAL.match(piece)
                start += numeral.end() if numeral else 1
                continue
            length, value = hit
            found.append(Found(value, start, start + length, text[start:start + length]))
            start += length
    return tuple(found)


def _same_numeral(a: str, b: str) -> bool:
    return (a.isdigit() and b.isdigit()) or (a in _CN_NUMERALS and b in _CN_NUMERALS)


LONGEST = 48  # characters: the longest period written out (二〇二三年一月一日起至二〇二三年十二月三十一日止) fits


def _longest(piece: str, compact: bool):
    """(length, value) of the longest prefix of ``piece`` that is a date or period; only
    prefixes up to LONGEST characters are tried, which keeps find() linear."""
    for length in range(min(len(piece), LONGEST), 0, -1):
        prefix = piece[:length]
        if length < len(piece) and _same_numeral(piece[length - 1], piece[length]):
            continue  # never cut a number: 2018-01-1715 is no 2018-01-17
        if not (_MARKER.search(prefix) or "全年" in prefix or (compact and prefix.isdigit())):
            continue
        value = parse(prefix, compact)
        if value is not None:
            return length, value
    return None
