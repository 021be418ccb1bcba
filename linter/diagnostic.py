"""The one Diagnostic type, its severities and categories."""

from typing import NamedTuple

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


class Diagnostic(NamedTuple):
    """One finding, as every output format reports it (docs/json-format.md); immutable,
    equal by value (a NamedTuple: see linter/__init__.py)."""

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
        """Every field but ``path``, which the JSON report writes once per file."""
        return {name: getattr(self, name) for name in _JSON_FIELDS}


_JSON_FIELDS = tuple(name for name in Diagnostic._fields if name != "path")
