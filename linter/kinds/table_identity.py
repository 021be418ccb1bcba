"""table-identity: an arithmetic identity of the standard tables holds.  The identity is
data, written in the rule in the expression language of grammars/identity.lark::

    identity: t2[total, _] + t2[carry_forward, _] == t2[new, _] + t2[carried, _]

``_`` runs over every row or column; a failure is reported at the first single cell
of the left side (write the total being checked first) with both sides and their
difference.  A malformed identity, or one naming a key rules/tables.yaml does not
have, is an error in the rule file at load.  Tables too damaged to read are skipped."""

from __future__ import annotations

from functools import partial
from typing import Iterator

from linter import tables
from linter.document import Document
from linter.grammars.identity import IdentityError, parse
from linter.kinds import CheckKind, Finding, Param
from linter.tables.catalogue import catalogue
from linter.tables.evaluate import check_keys, failures, show


class TableIdentity(CheckKind):
    name = "table-identity"
    params = {"identity": Param(str, doc="one identity per line (docs/tables.md)")}
    fields = ("table", "row", "column", "left", "right", "difference", "left_terms", "right_terms")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        try:
            self.identities = parse(self.identity)
        except IdentityError as exc:
            raise error(f"恒等式有误 (bad identity)，第 {exc.line} 行第 {exc.column} 列：{exc}", "identity") from None
        for identity in self.identities:
            if identity.uses_value():
                raise error(f"恒等式有误 (bad identity)，第 {identity.line} 行：value 只能用在正文核对规则中 "
                            "(value belongs to prose-number rules)", "identity")
            try:
                check_keys(identity, catalogue())
            except ValueError as exc:
                raise error(f"恒等式有误 (bad identity)，第 {identity.line} 行：{exc}", "identity") from None

    def check(self, doc: Document) -> Iterator[Finding]:
        readable = partial(tables.readable_table, doc)
        for identity in self.identities:
            for failure in failures(identity, readable):
                yield Finding(**failure.cell.span(), fields={
                    "table": failure.table.spec.name, "row": failure.row, "column": failure.column,
                    "left": show(failure.left), "right": show(failure.right),
                    "difference": show(abs(failure.left - failure.right)),
                    "left_terms": failure.left_terms, "right_terms": failure.right_terms})
