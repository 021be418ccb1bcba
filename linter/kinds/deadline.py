"""deadline: the report was published by the deadline for its regime and kind of organ.

The publication date is ``--published`` (``Document.context["published"]``), else the
signature date at the end of the report (linter/signature.py).  Deadlines fall in the year
after the report year and are written "MM-DD".  ``use`` picks where a deadline comes from:

  statutory   ``deadlines`` in the rule: regime → organ kind (or ``any``) → "MM-DD", by
              default the dates of the regulation (Art. 31 of 2007, Art. 49 of 2019).
              Summary (汇总) reports are skipped: the regulation sets no date for them.
  configured  the user's configuration (``Document.context["deadlines"]``: organ kind or
              ``summary`` → "MM-DD"), for the dates the regulation leaves open (乡镇/街道,
              汇总 reports, provincial rules).  Silent when the statutory deadline is missed
              too: that rule reports it.
  unknown     a publication date was given (``--published``) but neither source has a
              deadline for this report: say so, once.
"""

from __future__ import annotations

import datetime
from typing import Iterator

from linter import reportkind, signature
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param, line_span
from linter.regexes import compiled

USES = ("statutory", "configured", "unknown")
# Art. 31 (2007): every organ by 3-31; Art. 49 (2019): departments by 1-31, the government's
# own report by 3-31.  The regulation sets no date for townships or summary reports.
STATUTORY = {"2007": {"any": "03-31"}, "2019": {"government": "03-31", "department": "01-31"},
             "2021": {"government": "03-31", "department": "01-31"}}
_MONTH_DAY = compiled(r"(\d{1,2})-(\d{1,2})")
SUMMARY = "summary"


class Deadline(CheckKind):
    name = "deadline"
    params = {
        "use": Param(str, doc=" | ".join(USES)),
        "deadlines": Param(dict, required=False, default=STATUTORY,
                           doc="statutory deadlines: regime → {organ kind or any → 'MM-DD'} (default: Art. 31/49)"),
    }
    fields = ("date", "deadline", "source", "organ")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        if self.use not in USES:
            raise error(f"use 应为 {' | '.join(USES)}", "use")
        for regime, table in self.deadlines.items():
            if not isinstance(table, dict) or not all(_parse_month_day(v) for v in table.values()):
                raise error(f"deadlines 的 {regime} 应为 {{机关类型: 'MM-DD'}}", "deadlines")

    def check(self, doc: Document) -> Iterator[Finding]:
        year = doc.facts.year
        when = signature.published(doc)
        if year is None or when is None:
            return
        date, signed = when
        statutory = self._statutory(doc)
        configured = _configured(doc)
        if self.use == "statutory":
            deadline = statutory
        elif self.use == "configured":
            deadline = configured if not (statutory and date > _on(year, statutory)) else None
        else:
            if signed is None and statutory is None and configured is None:
                yield Finding(**_where(doc, None), fields=_fields(date, None, None, doc))
            return
        if deadline is None:
            return
        due = _on(year, deadline)
        if due and date > due:
            yield Finding(**_where(doc, signed), fields=_fields(date, due, signed, doc))

    def _statutory(self, doc: Document) -> tuple[int, int] | None:
        if reportkind.summary_evidence(doc):
            return None
        table = self.deadlines.get(doc.facts.regime) or self.deadlines.get(int(doc.facts.regime)) or {}
        value = table.get(doc.facts.organ) or table.get("any")
        return _parse_month_day(value) if value else None


def _configured(doc: Document) -> tuple[int, int] | None:
    table = (doc.context or {}).get("deadlines") or {}
    key = SUMMARY if reportkind.summary_evidence(doc) else doc.facts.organ
    value = table.get(key)
    return _parse_month_day(value) if value else None


def _parse_month_day(value) -> tuple[int, int] | None:
    match = _MONTH_DAY.fullmatch(str(value).strip())
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    try:
        datetime.date(2000, month, day)  # a leap year: 02-29 is a valid deadline
    except ValueError:
        return None
    return month, day


def _on(year: int, month_day: tuple[int, int]) -> datetime.date | None:
    """The deadline in the year after the report year."""
    try:
        return datetime.date(year + 1, *month_day)
    except ValueError:  # 02-29 in a common year
        return datetime.date(year + 1, month_day[0], 28)


def _where(doc: Document, signed) -> dict:
    if signed is not None:
        return {"line": signed.line, "column": signed.column, "end_line": signed.line, "end_column": signed.end_column}
    return line_span(doc, doc.title.line if doc.title else 1)


_ORGANS = {"government": "人民政府", "department": "政府部门", "township": "乡镇人民政府、街道办事处"}


def _fields(date, due, signed, doc: Document) -> dict:
    organ = "汇总报告" if reportkind.summary_evidence(doc) else _ORGANS.get(doc.facts.organ, "未识别的机关")
    return {"date": _chinese(date), "deadline": _chinese(due) if due else "",
            "source": "落款日期" if signed is not None else "发布日期", "organ": organ}


def _chinese(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"
