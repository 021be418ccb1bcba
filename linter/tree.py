"""``xxgk-lint tree``: the section tree as rich draws it, line numbers visible."""

from __future__ import annotations

from linter.document import Document, Section


def _label(section: Section):
    from rich.text import Text

    text = Text(f"L{section.line}-{section.end_line} ", style="blue")
    if section.number:
        text.append(f"{section.number} ", style="bold")
    text.append(section.title, style="italic" if section.run_in else "")
    if section.run_in:
        text.append("  (run-in)", style="dim")
    return text


def print_tree(doc: Document, console=None) -> None:
    from rich.console import Console
    from rich.tree import Tree

    console = console or Console(highlight=False)
    facts = doc.facts
    head = f"{doc.path}  标题 title: " + (f"L{doc.title.line} {doc.title.text}" if doc.title else "（未识别 none）")
    root = Tree(head)
    for section in doc.sections:
        _add(root, section)
    console.print(root)
    console.print(f"年度 year: {facts.year or '未识别'} (from {facts.year_source or '-'})  "
                  f"制度 regime: {facts.regime or '-'}  机关 organ: {facts.organ or '未识别'}"
                  f"{'  (' + facts.agency + ')' if facts.agency else ''}")


def _add(parent, section: Section) -> None:
    node = parent.add(_label(section))
    for child in section.children:
        _add(node, child)
