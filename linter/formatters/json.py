"""JSON: the versioned machine contract (docs/json-format.md)."""

from __future__ import annotations

import json

from linter import __version__
from linter.engine import display_path
from linter.formatters import summary

FORMAT_VERSION = 1


class JsonFormatter:
    name = "json"

    def render(self, results, stream) -> None:
        data = {
            "format_version": FORMAT_VERSION,
            "tool": {"name": "xxgk-lint", "version": __version__},
            "files": [
                {
                    "path": display_path(r.path),
                    "report_year": r.facts.year,
                    "regime": r.facts.regime,
                    "organ": r.facts.organ,
                    "diagnostics": [d.to_json() for d in r.diagnostics],
                }
                for r in results
            ],
            "summary": summary(results),
        }
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
