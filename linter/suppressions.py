"""Suppression comments in Markdown reports.

    <!-- xxgk-lint: disable S205 -- 本单位无此部分，经批准 -->   from here on (until enable)
    <!-- xxgk-lint: enable S205 -->
    <!-- xxgk-lint: disable-next-line N101 -- reason -->          the next line only
    <!-- xxgk-lint: disable-file F101 -- reason -->               the whole file

Rule ids (or names) are mandatory, several may be given separated by commas.  A comment
naming no rule or an unknown one is an error (E003); a suppression that suppresses nothing
is itself reported (E004).  Plain text has no comments: use per-file-ignores there.
"""

from __future__ import annotations

import re

from linter.document import Document

_DIRECTIVE = r"<!--\s*xxgk-lint:\s*(?P<action>[a-z-]+)(?P<rest>.*?)-->"
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")


class Directive:
    """A suppression comment: what it disables or enables, and where."""

    def __init__(self, action: str, rules: set[str], line: int, column: int, end_column: int, used: bool = False,
                 problem: str | None = None, names: list[str] | None = None):
        self.action = action
        self.rules = rules
        self.line = line
        self.column = column
        self.end_column = end_column
        self.used = used
        self.problem = problem  # why the comment is invalid
        self.names = [] if names is None else names


def directives(doc: Document) -> list[Directive]:
    """The suppression comments of a Markdown document, outside code blocks."""
    if doc.format != "markdown":
        return []
    code = {n for b in doc.blocks if b.kind == "code" for n in range(b.line, b.end_line + 1)}
    found = []
    for number, text in enumerate(doc.lines, start=1):
        if number in code or "xxgk-lint" not in text:
            continue
        for match in re.finditer(_DIRECTIVE, text):
            found.append(_parse(match, number))
    return found


def _parse(match: re.Match, line: int) -> Directive:
    rules_text = match.group("rest").split(" -- ", 1)[0].split("--", 1)[0]
    names = [n for n in re.split(r"[,\s，]+", rules_text.strip()) if n]
    directive = Directive(match.group("action"), set(names), line, match.start() + 1, match.end() + 1, names=names)
    if directive.action not in ACTIONS:
        directive.problem = f"未知的指令 (unknown directive) “{directive.action}”，可用 {', '.join(ACTIONS)}"
    elif not names:
        directive.problem = "须写明规则编号 (rule ids are mandatory)，如 disable S205 -- 理由"
    return directive


def check_known(found: list[Directive], known: set[str]) -> None:
    for directive in found:
        unknown = [n for n in directive.names if n not in known]
        if unknown and not directive.problem:
            directive.problem = f"未知的规则 (unknown rule): {', '.join(unknown)}"


def suppressed(found: list[Directive], rule: str, name: str, line: int) -> bool:
    """Whether a finding of ``rule`` on ``line`` is suppressed; marks the directive used."""
    hit = None
    state: Directive | None = None  # the last disable/enable for this rule at or above the line
    for directive in found:
        if directive.problem or not directive.rules & {rule, name}:
            continue
        if directive.action == "disable-file":
            hit = directive
        elif directive.action == "disable-next-line" and line == directive.line + 1:
            hit = directive
        elif directive.action in ("disable", "enable") and directive.line <= line:
            state = directive
    if hit is None and state is not None and state.action == "disable":
        hit = state
    if hit:
        hit.used = True
    return hit is not None
