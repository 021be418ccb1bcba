"""required-section: a part of the report (rules/sections.yaml) must have a heading.

A missing part is reported where it should have been: at the heading of the
next part (in the regime's order) that is present, else after the last part.
"""

from __future__ import annotations

from typing import Iterator

from linter import parts
from linter.document import Document
from linter.kinds import CheckKind, Finding, Param, line_span


class RequiredSection(CheckKind):
    name = "required-section"
    params = {"part": Param(str, doc="key of a part in rules/sections.yaml")}
    fields = ("part", "position")
    needs_regime = True

    def prepare(self, regimes, error) -> None:
        parts.check_key(regimes, self.part, error)

    def check(self, doc: Document) -> Iterator[Finding]:
        regime = parts.catalogue()[doc.facts.regime]
        found = parts.located_parts(doc, doc.facts.regime)
        if found[self.part]:
            return
        name = regime.part(self.part).name
        keys = [p.key for p in regime.parts]
        later = [s for key in keys[keys.index(self.part) + 1:] for s in found[key]]
        if later:
            at = min(later, key=lambda s: s.line)
            yield Finding(**line_span(doc, at.line), fields={"part": name, "position": f"应位于第 {at.line} 行“{at.title}”之前"})
        else:
            last = doc.last_content_line()
            yield Finding(**line_span(doc, last), fields={"part": name, "position": "应位于报告末尾"})
