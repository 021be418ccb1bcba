"""forbid-text: none of the keywords or patterns may appear in a scope; every occurrence is
reported at its exact line and column."""

from __future__ import annotations

from typing import Iterator

from linter import scopes
from linter.document import Document
from linter.kinds import Finding
from linter.kinds.text_base import TextKind


class ForbidText(TextKind):
    name = "forbid-text"
    fields = ("match",)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = scopes.segments(doc, self.scope)
        hits = {}
        for matcher in self.matchers:
            for segment, match in matcher.finditer(text):
                span = segment.span(match.start(), match.end())
                hits.setdefault((span["line"], span["column"]), (span, match.group()))
        for key in sorted(hits):  # one finding per place, even if two patterns agree on it
            span, matched = hits[key]
            yield Finding(**span, fields={"match": matched})
