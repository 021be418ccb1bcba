"""cell-text: a standard-table cell that is above zero calls for text that agrees with it.

When the cell ``row`` × ``column`` of standard table ``table`` (rules/tables.yaml keys)
holds a number above zero:
  * every match of ``contradicts`` in ``scope`` is a finding (text saying the opposite), and
  * when ``expects`` is given and none of it is found in the scope, one finding at the
    scope's anchor;
unless the scope holds text of ``unless``, which explains the cell.
Silent when the table, the row or a readable number is missing (the table rules report
those), and when the scope is missing (the required-section rules report that).
"""

from __future__ import annotations

from typing import Iterator

from linter import patterns, scopes, tables
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param, line_span
from linter.kinds.text_base import SCOPE, prepare_scope
from linter.tables import structure


class CellText(CheckKind):
    name = "cell-text"
    params = {
        "table": Param(int, doc="standard table 1, 2 or 3"),
        "row": Param(str, doc="row key in rules/tables.yaml, e.g. other.no_fee"),
        "column": Param(str, required=False, default="total", doc="column key, e.g. total"),
        "scope": SCOPE,
        "contradicts": Param(list, required=False, default=[], doc="patterns of text that says the opposite"),
        "expects": Param(list, required=False, default=[], doc="patterns of which one should appear"),
        "unless": Param(list, required=False, default=[], doc="patterns of text that explains the cell: no finding"),
    }
    fields = ("value", "match")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        prepare_scope(self, regimes, error)
        if self.table not in (1, 2, 3):
            raise error("table 应为 1、2 或 3", "table")
        self.contradicting = patterns.compile_patterns(self.contradicts, error, "contradicts")
        self.expected = patterns.compile_patterns(self.expects, error, "expects")
        self.explaining = patterns.compile_patterns(self.unless, error, "unless")
        if not self.contradicting and not self.expected:
            raise error("需要 contradicts 或 expects 至少一项", None)

    def check(self, doc: Document) -> Iterator[Finding]:
        table = tables.standard_table(doc, self.table)
        if table is None or structure.unreadable(table):
            return
        value = table.value(self.row, self.column)
        anchor = scopes.anchor(doc, self.scope)
        if value is None or value <= 0 or anchor is None:
            return
        shown = int(value) if value == value.to_integral_value() else value
        text = scopes.segments(doc, self.scope)
        if any(m.found(text) for m in self.explaining):
            return
        for matcher in self.contradicting:
            for segment, match in matcher.finditer(text):
                yield Finding(**segment.span(match.start(), match.end()), fields={"value": shown, "match": match.group()})
        if self.expected and not any(m.found(text) for m in self.expected):
            yield Finding(**line_span(doc, anchor), fields={"value": shown, "match": ""})
