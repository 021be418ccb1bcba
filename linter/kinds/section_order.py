"""section-order: the parts of the report stand in the regime's order (rules/sections.yaml).
Reported at the first part that comes after one it should precede."""

from __future__ import annotations

from typing import Iterator

from linter import parts
from linter.document import Document
from linter.kinds import CheckKind, Finding, line_span


class SectionOrder(CheckKind):
    name = "section-order"
    fields = ("part", "before")
    needs_regime = True

    def check(self, doc: Document) -> Iterator[Finding]:
        regime = parts.catalogue()[doc.facts.regime]
        found = parts.located_parts(doc, doc.facts.regime)
        order = {p.key: i for i, p in enumerate(regime.parts)}
        firsts = sorted((sections[0].line, key) for key, sections in found.items() if sections)
        latest = None  # the part furthest along the order seen so far
        for line, key in firsts:
            if latest and order[key] < order[latest[1]]:
                yield Finding(**line_span(doc, line), fields={"part": regime.part(key).name,
                                                              "before": regime.part(latest[1]).name})
            elif not latest or order[key] > order[latest[1]]:
                latest = (line, key)
