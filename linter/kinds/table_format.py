"""table-format: the standard tables follow the format of the report's year.  A label
printed in one format only (``versions`` in rules/tables.yaml: 本年新制作数量 and a
single-row （六）其他处理 are 2019; 本年制发件数 is 2021) of the format ``found`` is
reported once per table, at the first such label, naming them all."""

from __future__ import annotations

from typing import Iterator

from linter import tables
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param
from linter.tables.catalogue import VERSIONS

SHOWN = 6  # labels named in a message; the count says how many in all


class TableFormat(CheckKind):
    name = "table-format"
    params = {"found": Param(str, doc="the format whose labels are out of place: 2019 or 2021")}
    fields = ("table", "labels", "count", "found")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        if self.found not in VERSIONS:
            raise error(f"found 应为 {' 或 '.join(VERSIONS)}", "found")

    def check(self, doc: Document) -> Iterator[Finding]:
        for table in tables.standard(doc):
            marks = [m for m in table.marks if m.version == self.found]
            if not marks:
                continue
            names = list(dict.fromkeys(m.name for m in marks))
            shown = "、".join(names[:SHOWN]) + ("等" if len(names) > SHOWN else "")
            yield Finding(**marks[0].cell.span(), fields={"table": table.spec.name, "labels": shown,
                                                          "count": len(names), "found": self.found})
