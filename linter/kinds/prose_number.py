"""prose-number: a number the text states about the tables agrees with them (regulation §9 A8).

The rule gives regular expressions (over normalised text, see scopes.py) with a group
``n`` for the number — 共受理政府信息公开申请(?P<n>\\d+)件 — and, under ``accept``, one or more
identities over ``value`` (the number found) in the language of grammars/identity.lark:

    accept: |
      value == t2[new, total]
      value == t2[new, total] + t2[carried, total]

The text agrees when any of them holds; it is reported at the number when every one that
can be evaluated fails.  Silent when the table is missing or too damaged to read, and on
text inside a table."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Iterator

from linter import patterns, scopes, tables
from linter.document import Document
from linter.grammars.identity import IdentityError, parse
from linter.kinds import CheckKind, Finding, Param
from linter.kinds.text_base import SCOPE, prepare_scope
from linter.tables.catalogue import catalogue
from linter.tables.evaluate import check_keys, describe, holds, value_of

NUMBER = "n"


class ProseNumber(CheckKind):
    name = "prose-number"
    params = {"scope": SCOPE, "patterns": Param(list, doc="regular expressions with a group (?P<n>…)"),
              "accept": Param(str, doc="identities over value, one per line; any may hold")}
    fields = ("number", "text", "expected", "table")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        prepare_scope(self, regimes, error)
        self.matchers = patterns.compile_patterns(self.patterns, error, "patterns")
        for matcher in self.matchers:
            if NUMBER not in matcher.regex.groupindex:
                raise error(f"正则表达式需要数字分组 (?P<n>…) (a group n for the number): {matcher.label}", "patterns")
        try:
            self.identities = parse(self.accept)
        except IdentityError as exc:
            raise error(f"accept 有误，第 {exc.line} 行第 {exc.column} 列：{exc}", "accept") from None
        for identity in self.identities:
            if not identity.uses_value():
                raise error(f"accept 第 {identity.line} 行没有用到 value (must compare value)", "accept")
            try:
                check_keys(identity, catalogue())
            except ValueError as exc:
                raise error(f"accept 有误，第 {identity.line} 行：{exc}", "accept") from None

    def check(self, doc: Document) -> Iterator[Finding]:
        readable = partial(tables.readable_table, doc)
        inside = tables.table_lines(doc)
        seen = set()
        for matcher in self.matchers:
            for segment, match in matcher.finditer(scopes.segments(doc, self.scope)):
                span = segment.span(match.start(NUMBER), match.end(NUMBER))
                if span["line"] in inside or (span["line"], span["column"]) in seen:
                    continue
                seen.add((span["line"], span["column"]))
                found = Decimal(match.group(NUMBER).replace(",", ""))
                verdicts = [holds(identity, readable, found) for identity in self.identities]
                if any(verdicts) or all(v is None for v in verdicts):
                    continue
                shown: dict = {}  # one description per distinct table value
                for identity, verdict in zip(self.identities, verdicts):
                    value = value_of(identity.right, readable)
                    if verdict is not None and value is not None and value not in shown:
                        shown[value] = describe(identity.right, readable)
                expected = "；或 ".join(shown.values())
                numbers = {r.table for i in self.identities for r in i.refs()}
                yield Finding(**span, fields={"number": match.group(NUMBER), "text": match.group(0),
                                              "expected": expected,
                                              "table": "、".join(catalogue()[n].name for n in sorted(numbers))})
