"""report-year: the year a report covers must be recognisable (title, period or body)."""

from __future__ import annotations

from typing import Iterator

from linter.document import Document
from linter.kinds import CheckKind, Finding, line_span


class ReportYear(CheckKind):
    name = "report-year"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.facts.year is None:
            yield Finding(**line_span(doc, doc.title.line if doc.title else 1))
