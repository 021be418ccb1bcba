"""require-text: a keyword or pattern must appear in a scope (``match: any``, the default),
or every one of them must (``match: all``), or every one of them once one does (``match:
together``: a part that names 行政复议 must name 行政诉讼 too; "无。" names neither).  Reported at the scope's anchor: the part's
heading, else the title (or line 1).  Silent when the scope itself is missing."""

from __future__ import annotations

from typing import Iterator

from linter import scopes
from linter.document import Document
from linter.kinds import Finding, Param, line_span
from linter.kinds.text_base import TextKind


class RequireText(TextKind):
    name = "require-text"
    params = {**TextKind.params, "match": Param(str, required=False, default="any", doc="any | all | together")}
    fields = ("missing",)

    def prepare(self, regimes, error) -> None:
        super().prepare(regimes, error)
        if self.match not in ("any", "all", "together"):
            raise error("match 应为 any、all 或 together", "match")

    def check(self, doc: Document) -> Iterator[Finding]:
        line = scopes.anchor(doc, self.scope)
        if line is None:
            return
        text = scopes.segments(doc, self.scope)
        missing = [m.label for m in self.matchers if not m.found(text)]
        if (self.match == "any" and len(missing) == len(self.matchers)) or (self.match == "all" and missing) \
                or (self.match == "together" and 0 < len(missing) < len(self.matchers)):
            yield Finding(**line_span(doc, line), fields={"missing": "、".join(missing)})
