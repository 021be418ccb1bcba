"""Terminal output with rich: each finding with its source line, an underline drawn by
display width (a Chinese character takes two cells), the citation and the hint."""

from __future__ import annotations

from linter.engine import display_path
from linter.formatters import summary, summary_line

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_LABEL = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
_FACTS = {"government": "人民政府", "department": "政府部门", "township": "乡镇/街道"}


class RichFormatter:
    name = "rich"

    def __init__(self, console=None):
        self.console = console

    def render(self, results, stream) -> None:
        from rich.console import Console

        console = self.console or Console(file=stream, highlight=False, soft_wrap=True)
        for result in results:
            if result.diagnostics or not getattr(self, "quiet", False):
                self._file(console, result)
        if getattr(self, "quiet", False):
            return
        totals = summary(results)
        style = "bold red" if totals["errors"] else "bold yellow" if totals["warnings"] else "bold green"
        console.print(summary_line(results), style=style)

    def _file(self, console, result) -> None:
        from rich.text import Text

        facts = result.facts
        head = Text(display_path(result.path), style="bold underline")
        if facts.year:
            head.append(f"  {facts.year} 年度 · 制度 {facts.regime}"
                        f" · {_FACTS.get(facts.organ, '机关类型未识别')}", style="dim")
        console.print(head)
        for d in result.diagnostics:
            line = Text(f"  {d.line}:{d.column} ", style="bold")
            line.append(_LABEL[d.severity], style=_STYLE[d.severity])
            line.append(f" {d.rule} ", style="magenta")
            line.append(d.message)
            line.append(f"  [{d.name}]", style="dim")
            console.print(line)
            if result.document and d.line <= len(result.document.lines):
                self._source(console, result.document.line(d.line), d)
            if d.citation:
                console.print(Text(f"     依据 {d.citation}", style="dim"))
            if d.hint:
                console.print(Text(f"     建议 {d.hint}", style="green"))
        if not result.diagnostics and not getattr(self, "quiet", False):
            console.print(Text("  未发现问题 (no findings)", style="green"))
        console.print()

    def _source(self, console, source: str, d) -> None:
        from rich.cells import cell_len
        from rich.text import Text

        gutter = f"{d.line:>6} │ "
        source = source.replace("\t", " ")
        first = d.column - 1
        last = (d.end_column if d.end_line == d.line else len(source) + 1) - 1
        # long paragraphs: show a window that starts a little before the finding
        room = max(console.width - cell_len(gutter) - 1, 20)
        start = max(0, first - 8) if cell_len(source) > room else 0
        shown = source[start:]
        while cell_len(shown) > room:
            shown = shown[:-1]
        prefix = "…" if start else ""
        console.print(Text(gutter, style="blue") + Text(prefix + shown))
        offset = cell_len(prefix) + cell_len(source[start:first])
        width = max(cell_len(source[first:max(last, first)][: max(len(shown) - (first - start), 1)]), 1)
        console.print(Text(" " * (cell_len(gutter) + offset) + "^" * width, style=_STYLE[d.severity]))
