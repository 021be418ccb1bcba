"""table-cells: what the cells of the standard tables hold.  Counts are non-negative
integers, amounts (采购总金额, 本年收费金额) non-negative numbers, and only the 2019
本年增/减 column takes signed values (增8, -3).  Problems a rule can ask for:

    placeholder   blank, / , — , 无 instead of a number (0 when there is nothing)
    text          words instead of a number (暂无, 见附件)
    sign          a signed value (增8, +3) outside 本年增/减
    unit          a count written with a unit (5件)
    negative      a count or amount below zero
    fraction      a count that is not a whole number
    money         an amount in 万元 written in 元, or too large to be 万元 (over MONEY_MAX)

Tables too damaged to read are left to rule T129."""

from __future__ import annotations

from typing import Iterator

from linter import tables
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param
from linter.tables import structure
from linter.tables.catalogue import Entry
from linter.tables.model import Cell

PROBLEMS = ("placeholder", "text", "sign", "unit", "negative", "fraction", "money")
MONEY_MAX = 10 ** 7  # 万元: a thousand 亿元 of fees is a sum in 元 (regulation §11 rule 23)
EXPECTED = {"count": "非负整数", "amount": "非负数", "signed": "整数（可带增减号）"}


def problem(cell: Cell, column: Entry) -> str | None:
    value = cell.value
    if value.kind in ("placeholder", "text"):
        return value.kind
    if column.value == "amount" and "万元" in column.name and (
            (value.unit and value.unit != "万元") or value.number > MONEY_MAX):
        return "money"
    if value.number < 0 and column.value != "signed":
        return "negative"
    if value.kind == "signed" and column.value != "signed":
        return "sign"
    if value.kind == "unit" and column.value == "count":
        return "unit"
    if column.value in ("count", "signed") and not value.integral:
        return "fraction"
    return None


class TableCells(CheckKind):
    name = "table-cells"
    params = {"problems": Param(list, doc=" | ".join(PROBLEMS))}
    fields = ("table", "row", "column", "text", "expected")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        unknown = set(self.problems) - set(PROBLEMS)
        if unknown or not self.problems:
            raise error(f"problems 应取自 {', '.join(PROBLEMS)}", "problems")

    def check(self, doc: Document) -> Iterator[Finding]:
        for table, row, cell, column, found in _cell_problems(doc):
            if found in self.problems:
                yield Finding(**cell.span(), fields={
                    "table": table.spec.name, "row": row.entry.name, "column": column.name,
                    "text": cell.text or "（空白）", "expected": EXPECTED[column.value]})


def _cell_problems(doc: Document) -> list[tuple]:
    """(table, row, cell, column, problem) for every placed cell of the readable standard
    tables that has a problem: computed once per document for the rules that each ask for
    some problems (the cells without one, nearly all, are no rule's concern)."""
    def compute():
        found = []
        for table in tables.standard(doc):
            if structure.unreadable(table):
                continue
            columns: dict = {}
            for column in table.spec.columns:  # the first column of a key in a block, as listed
                columns.setdefault((column.key, column.block), column)
            for row in table.rows:
                if row.entry is None:
                    continue
                for key, cell in row.cells.items():
                    column = columns.get((key, row.block))
                    if column is not None:
                        kind = problem(cell, column)
                        if kind is not None:
                            found.append((table, row, cell, column, kind))
        return found

    return doc.derive("table_cell_problems", compute)
