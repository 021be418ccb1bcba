"""date-sanity: the signature date at the end of the report (linter/signature.py) is a date
a report on year Y can bear.  Problems, each selectable with ``problems``:
  early      on or before the last day of the report year (the year is not over yet: often
             a wrong year, or a report copied from the year before)
  future     after today
  malformed  年/月 lost in copying (20171231日) or out of range; the reading is given when
             it is unambiguous
"""

from __future__ import annotations

import datetime
from typing import Iterator

from linter import signature
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param

PROBLEMS = ("early", "future", "malformed")


class DateSanity(CheckKind):
    name = "date-sanity"
    params = {"problems": Param(list, required=False, default=list(PROBLEMS), doc=" | ".join(PROBLEMS))}
    fields = ("written", "reading", "year", "date")

    def prepare(self, regimes, error) -> None:
        unknown = set(self.problems) - set(PROBLEMS)
        if unknown:
            raise error(f"未知的问题 (unknown problem): {', '.join(sorted(map(str, unknown)))}", "problems")

    def check(self, doc: Document) -> Iterator[Finding]:
        found = signature.signature(doc)
        year = doc.facts.year
        if found is None or year is None:
            return
        date = found.date
        problems = ["malformed"] if found.value.malformed else []
        if date is not None and date <= datetime.date(year, 12, 31):
            problems.append("early")
        elif date is not None and date > datetime.date.today():
            problems.append("future")
        for problem in problems:
            if problem in self.problems:
                reading = f"（似为“{found.value.text()}”）" if problem == "malformed" and date else ""
                yield Finding(line=found.line, column=found.column, end_line=found.line, end_column=found.end_column,
                              fields={"written": found.written, "reading": reading, "year": year,
                                      "date": found.value.text()})
