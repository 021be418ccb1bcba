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
            span, _ = hits[key]
            yield Finding(**span, fields={"match": _as_written(doc, span)})


def _as_written(doc: Document, span: dict) -> str:
    """The matched text as the report writes it (（单位名称）, not the normalised (单位名称))."""
    first, last = span["line"], span["end_line"]
    if first == last:
        return doc.line(first)[span["column"] - 1:span["end_column"] - 1]
    pieces = [doc.line(first)[span["column"] - 1:], *(doc.line(n) for n in range(first + 1, last)),
              doc.line(last)[:span["end_column"] - 1]]
    return "".join(piece.strip() for piece in pieces)
