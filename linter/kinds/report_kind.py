"""report-kind: say when a report is taken for a 汇总 (summary) report of a whole
jurisdiction rather than the 本级 report of one organ (linter/reportkind.py), and on what
evidence — the deadline rules treat such reports differently."""

from __future__ import annotations

from typing import Iterator

from linter import reportkind
from linter.document import Document
from linter.kinds import CheckKind, Finding


class ReportKind(CheckKind):
    name = "report-kind"
    fields = ("evidence",)

    def check(self, doc: Document) -> Iterator[Finding]:
        found = reportkind.summary_evidence(doc)
        if found:
            yield Finding(line=found.line, column=found.column, end_line=found.end_line, end_column=found.end_column,
                          fields={"evidence": found.text})
