"""require-any-of: at least ``min`` of several keyword groups must appear in a scope (a group
counts when any of its words does), e.g. the five aspects of 总体情况."""

from __future__ import annotations

from typing import Iterator

from linter import patterns, scopes
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param, line_span
from linter.kinds.text_base import SCOPE, prepare_scope


class RequireAnyOf(CheckKind):
    name = "require-any-of"
    params = {
        "scope": SCOPE,
        "groups": Param(dict, doc="group name → list of keywords"),
        "min": Param(int, required=False, default=None, doc="how many groups must appear (default: all)"),
    }
    fields = ("found", "missing", "count", "min")

    def prepare(self, regimes, error) -> None:
        prepare_scope(self, regimes, error)
        if not self.groups:
            raise error("groups 不能为空 (groups must not be empty)", "groups")
        self.compiled = {name: patterns.compile_keywords(words if isinstance(words, list) else [words], error, "groups")
                         for name, words in self.groups.items()}
        self.min = len(self.groups) if self.min is None else self.min
        if not 1 <= self.min <= len(self.groups):
            raise error(f"min 应在 1 到 {len(self.groups)} 之间", "min")

    def check(self, doc: Document) -> Iterator[Finding]:
        line = scopes.anchor(doc, self.scope)
        if line is None:
            return
        text = scopes.segments(doc, self.scope)
        found = [name for name, words in self.compiled.items() if any(w.found(text) for w in words)]
        if len(found) < self.min:
            missing = [name for name in self.compiled if name not in found]
            yield Finding(**line_span(doc, line), fields={"found": "、".join(found) or "无", "missing": "、".join(missing),
                                                          "count": len(found), "min": self.min})
