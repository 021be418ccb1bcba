"""--format csv: one row per diagnostic, for a spreadsheet of a whole province's reports."""

from __future__ import annotations

import csv

from linter.engine import display_path

HEADER = ("path", "line", "column", "severity", "rule", "message")


class CsvFormatter:
    name = "csv"

    def render(self, results, stream) -> None:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(HEADER)
        for result in results:
            for d in result.diagnostics:
                writer.writerow((display_path(d.path), d.line, d.column, d.severity, d.rule, d.message))
