"""The one Diagnostic type, its severities and categories."""

from __future__ import annotations

from dataclasses import dataclass, fields

SEVERITIES = ("error", "warning", "info")  # most severe first
CATEGORIES = ("section", "numbering", "table", "arithmetic", "crosscheck",
              "period", "year", "fee", "deadline", "template")
# Findings of the engine itself (a file it cannot read, a rule that crashed) use this
# category; YAML rules cannot.
ENGINE_CATEGORY = "input"
ENGINE_RULES = ("E001", "E002", "E003", "E004")  # their ids; rule files cannot take them


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Diagnostic:
    """One finding, as every output format reports it (docs/json-format.md)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    category: str
    severity: str
    message: str
    citation: str = ""
    hint: str = ""
    # stable across edits elsewhere in the file: the rule and the offending text (baseline, SARIF)
    fingerprint: str = ""

    def sort_key(self):
        return (self.path, self.line, self.column, severity_rank(self.severity), self.rule)

    def to_json(self) -> dict:
        # every field is a str or an int: asdict's deep copy of each (~40 % of writing a JSON
        # report) copies nothing
        return {name: getattr(self, name) for name in _JSON_FIELDS}


_JSON_FIELDS = tuple(f.name for f in fields(Diagnostic) if f.name != "path")
