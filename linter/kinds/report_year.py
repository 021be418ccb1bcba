"""report-year: the year a report covers, and so its regime, must be recognisable."""

from __future__ import annotations

from typing import Iterator

from linter.document import Document
from linter.kinds import CheckKind, Finding, line_span


class ReportYear(CheckKind):
    name = "report-year"
    fields = ("reason",)

    def check(self, doc: Document) -> Iterator[Finding]:
        facts = doc.facts
        if facts.year is None:
            reason = "标题、统计期限和正文中都没有可识别的年份"
        elif facts.regime is None:
            reason = f"{facts.year} 年早于《条例》施行（2008年5月1日），不适用任何制度"
        else:
            return
        yield Finding(**line_span(doc, doc.title.line if doc.title else 1), fields={"reason": reason})
