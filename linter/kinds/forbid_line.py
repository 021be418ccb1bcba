"""forbid-line: lines that consist of nothing but a forbidden text — a keyword, or a pattern
matching the whole normalised line (NFKC, no white space) — such as the buttons and labels
a web page leaves behind when a report is copied from it (分享, 扫一扫, 打印, 关闭).
A word inside a sentence (在网站首页开设专栏) is not such a line.  A run of such lines,
blank lines between them allowed, is one finding."""

from __future__ import annotations

from typing import Iterator

from linter import patterns
from linter.document import Document
from linter.kinds import CheckKind, Finding, line_span
from linter.kinds.text_base import KEYWORDS, PATTERNS


class ForbidLine(CheckKind):
    name = "forbid-line"
    params = {"keywords": KEYWORDS, "patterns": PATTERNS}
    fields = ("match", "count")

    def prepare(self, regimes, error) -> None:
        self.matchers = patterns.matchers(self, error)
        self.any_line = patterns.AnyFullmatch(self.matchers)  # one pass over each line

    def check(self, doc: Document) -> Iterator[Finding]:
        run: list[int] = []
        any_line, first = self.any_line, self.any_line.first
        for number, text in enumerate(doc.normalized_lines(), start=1):
            if not text:
                continue
            if (first is None or text[0] in first) and any_line(text):  # most lines start as none can
                run.append(number)
                continue
            if run:
                yield self._finding(doc, run)
                run = []
        if run:
            yield self._finding(doc, run)

    @staticmethod
    def _finding(doc: Document, run: list[int]) -> Finding:
        first, last = line_span(doc, run[0]), line_span(doc, run[-1])
        return Finding(line=first["line"], column=first["column"], end_line=last["line"], end_column=last["end_column"],
                       fields={"match": doc.line(run[0]).strip(), "count": len(run)})
