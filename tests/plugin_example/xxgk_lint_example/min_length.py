"""min-length: a scope of the report must say at least ``min`` characters (字).

Characters are counted on the scope's normalised text (see linter.scopes): letters,
digits and Chinese characters count, white space and punctuation do not, so
``无。`` is one character.  Reported at the scope's anchor — the part's heading for a
part — and silent when the part is missing (the required-section rules report that).
"""

from __future__ import annotations

from typing import Iterator

from linter import scopes
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param, line_span
from linter.kinds.text_base import SCOPE, prepare_scope


class MinLength(CheckKind):
    name = "min-length"
    params = {
        "scope": SCOPE,
        "min": Param(int, doc="the fewest characters the scope may hold"),
    }
    fields = ("length", "min")

    def prepare(self, regimes, error) -> None:
        if isinstance(self.min, bool) or self.min < 1:  # YAML true is an int to isinstance
            raise error("min 应为正整数 (a positive integer)", "min")
        prepare_scope(self, regimes, error)  # str/dict → Scope; a part key is checked against the catalogue

    def check(self, doc: Document) -> Iterator[Finding]:
        line = scopes.anchor(doc, self.scope)
        if line is None:  # the scope does not exist in this report
            return
        length = sum(char.isalnum() for segment in scopes.segments(doc, self.scope) for char in segment.text)
        if length < self.min:
            yield Finding(**line_span(doc, line), fields={"length": length, "min": self.min})
