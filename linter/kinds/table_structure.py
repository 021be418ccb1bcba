"""table-structure: one kind of departure of a standard table from its format
(linter/tables/structure.py): missing-row, missing-column, unknown-row, unknown-column,
order, row-length, altered-label, header or unreadable.  A table too damaged to read
is reported once (unreadable) and nothing else is said about it."""

from __future__ import annotations

from typing import Iterator

from linter import tables
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param
from linter.tables import structure


class TableStructure(CheckKind):
    name = "table-structure"
    params = {"issue": Param(str, doc=" | ".join(structure.ISSUES))}
    fields = ("table", "row", "column", "label", "position", "found", "expected", "count", "what", "detail",
              "unknown", "rows")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        if self.issue not in structure.ISSUES:
            raise error(f"issue 应为 {', '.join(structure.ISSUES)} 之一", "issue")

    def check(self, doc: Document) -> Iterator[Finding]:
        for table in tables.standard(doc):
            for issue in structure.issues(table, doc.facts.regime):
                if issue.kind == self.issue:
                    fields = dict.fromkeys(self.fields, "") | {"table": table.spec.name} | issue.fields
                    yield Finding(**issue.cell.span(), fields=fields)
