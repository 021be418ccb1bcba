"""本级 or 汇总: is the report about one organ, or a summary of a whole jurisdiction?

Since 国办公开办函〔2019〕60号 a local government publishes two reports: its own (本级, in
the name of its disclosure authority) and a summary of every organ in its area (汇总).
The deadline of a 汇总 report is not fixed by the regulation (regulation.md §3.5 [U]),
so the deadline rules need to know which one they read.

A report is taken for a summary when its title or introduction says 汇总, or its text
counts for every organ of a place (全市各级行政机关共…, 全县政府系统共…).
"""

from typing import NamedTuple

from linter import scopes
from linter.document import Document
from linter.regexes import compiled

TITLE_INTRO = compiled(r"汇总")
# counts for every organ of a place; "指导全县各级行政机关……" alone is no summary
ANYWHERE = compiled(r"全(?:省|市|州|盟|县|区|旗)(?:各级)?(?:各类)?(?:行政机关|政府系统)(?:共|合计|累计)")


class Evidence(NamedTuple):
    """The text that shows a report is a summary (汇总) report."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def summary_evidence(doc: Document) -> Evidence | None:
    """Where the report shows it is a 汇总 report (cached), or None for a 本级 report."""
    return doc.derive(("report-kind",), lambda: _find(doc))


def _find(doc: Document) -> Evidence | None:
    for scope, regex in ((scopes.Scope("title"), TITLE_INTRO), (scopes.Scope("intro"), TITLE_INTRO),
                         (scopes.Scope("document"), ANYWHERE)):
        found = scopes.segments(doc, scope)
        match = regex.search(found.joined[0])  # one search of all the text: no match spans a line break
        if match:
            segment, start = found.locate(match.start())
            return Evidence(**segment.span(start, start + len(match.group())), text=match.group())
    return None
