"""table-present: standard table N (rules/tables.yaml) is in the report.  Reported at the
heading of the part it belongs in; silent when that part is missing (the section rules
say so) or holds a table too damaged to be recognised (nothing sure to say)."""

from __future__ import annotations

from typing import Iterator

from linter import parts, tables
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param, line_span
from linter.tables.catalogue import catalogue


class TablePresent(CheckKind):
    name = "table-present"
    params = {"table": Param(int, doc="1, 2 or 3: the standard table")}
    fields = ("table", "title", "part")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        if self.table not in catalogue():
            raise error(f"没有标准表 (no standard table) {self.table}：应为 1、2 或 3", "table")
        parts.check_key(regimes, catalogue()[self.table].part, error)

    def check(self, doc: Document) -> Iterator[Finding]:
        if tables.standard_table(doc, self.table) is not None:
            return
        spec = catalogue()[self.table]
        sections = parts.located_parts(doc, doc.facts.regime)[spec.part]
        if not sections:
            return
        part = sections[0]
        if any(part.line <= t.line <= part.end_line for t in tables.tables(doc)):
            return
        yield Finding(**line_span(doc, part.line), fields={"table": spec.name, "title": spec.title,
                                                           "part": f"{part.number or ''}{part.title}"})
