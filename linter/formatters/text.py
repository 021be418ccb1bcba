"""Plain text: one ``path:line:col: severity RULE message`` line per diagnostic, then a summary."""

from __future__ import annotations

from linter.engine import display_path
from linter.formatters import summary_line


class TextFormatter:
    name = "text"

    def render(self, results, stream) -> None:
        for result in results:
            for d in result.diagnostics:
                stream.write(f"{display_path(d.path)}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}\n")
        if not getattr(self, "quiet", False):
            stream.write(summary_line(results) + "\n")
