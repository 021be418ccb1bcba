"""numbering: the numbers of sibling headings and numbered paragraphs run 1, 2, 3 … in one style.

Problems, each selectable with ``problems``:
  start     the first of a list is not 1 (二、 with no 一、 before it)
  skipped   a number is left out (一、 二、 四、)
  repeated  a number comes twice (二、 二、)
  mixed     siblings use different styles or separators (1. beside 1、, （一） beside 1.)
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from linter.document import Document, Section
from linter.kinds import CheckKind, Finding, Param, line_span

PROBLEMS = {"start": "编号未从 1 开始", "skipped": "编号跳号", "repeated": "编号重复", "mixed": "同级编号样式不一致"}


class Numbering(CheckKind):
    name = "numbering"
    params = {"problems": Param(list, required=False, default=list(PROBLEMS), doc=" | ".join(PROBLEMS))}
    fields = ("problem", "number", "expected")

    def prepare(self, regimes, error) -> None:
        unknown = set(self.problems) - set(PROBLEMS)
        if unknown:
            raise error(f"未知的编号问题 (unknown problem): {', '.join(sorted(map(str, unknown)))}", "problems")

    def check(self, doc: Document) -> Iterator[Finding]:
        for siblings in _sibling_lists(doc.numbered):
            yield from self._list(doc, siblings)

    def _list(self, doc: Document, numbered: list[Section]) -> Iterator[Finding]:
        previous = None
        for node in numbered:
            problem, expected = _problem(previous, node)
            if problem in self.problems:
                yield Finding(**line_span(doc, node.line),
                              fields={"problem": PROBLEMS[problem], "number": node.number.strip(), "expected": expected})
            previous = node


def _problem(previous: Section | None, node: Section) -> tuple[str | None, str]:
    """What is wrong with ``node`` following ``previous`` in a list, and what was expected."""
    if previous is None:
        return (None, "") if node.value == 1 else ("start", "应为 1")
    if node.style != previous.style or _separator(node) != _separator(previous):
        return "mixed", f"应与第 {previous.line} 行的“{previous.number.strip()}”样式一致"
    expected = f"应为 {previous.value + 1}"
    if node.value == previous.value + 1:
        return None, expected
    if node.value == previous.value:
        return "repeated", expected
    return ("skipped", expected) if node.value > previous.value else ("repeated", expected)


def _separator(node: Section) -> str:
    """、 or . of 一、 / 1. (full-width ． counts as .)."""
    if node.style not in ("cn_dun", "arabic_dot"):
        return ""
    return unicodedata.normalize("NFKC", node.number.strip()[-1:])


def _sibling_lists(numbered: list[Section]) -> list[list[Section]]:
    """Numbered headings and paragraphs grouped by parent, nested by rank as the tree is
    (a numbered paragraph such as （一）依据……，本年度未收取 counts in its list)."""
    lists: dict[int, list[Section]] = {}
    stack: list[Section] = []
    for node in numbered:
        while stack and stack[-1].rank >= node.rank:
            stack.pop()
        lists.setdefault(id(stack[-1]) if stack else 0, []).append(node)
        stack.append(node)
    return list(lists.values())
