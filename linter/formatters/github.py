"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per
finding, then the full text report (GitHub shows only a few annotations per step, the log
keeps everything).  See docs/output-formats.md."""

from __future__ import annotations

from linter.formatters.common import relative_path
from linter.formatters.text import TextFormatter

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message after ``::``: ``%``, CR and LF (as GitHub's actions/toolkit does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also ``:`` and ``,``, which would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d) -> str:
    properties = [("file", relative_path(d.path)), ("line", d.line)]
    if d.end_line == d.line:  # GitHub takes columns only for a single-line annotation
        properties += [("col", d.column), ("endLine", d.end_line), ("endColumn", max(d.end_column, d.column))]
    else:
        properties.append(("endLine", d.end_line))
    properties.append(("title", f"{d.rule} {d.name}"))
    body = d.message
    if d.citation:
        body += f"\n依据：{d.citation}"
    if d.hint:
        body += f"\n建议：{d.hint}"
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[d.severity]} {props}::{escape_data(body)}"


class GithubFormatter:
    name = "github"

    def render(self, results, stream) -> None:
        for result in results:
            for d in result.diagnostics:
                stream.write(annotation(d) + "\n")
        text = TextFormatter()
        if getattr(self, "quiet", False):  # whatever the command line sets on us, pass it on
            text.quiet = True
        text.render(results, stream)
