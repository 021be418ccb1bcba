"""SARIF 2.1.0 (OASIS): GitHub code scanning, Azure DevOps, VS Code's SARIF viewer
(docs/output-formats.md).  Columns are Unicode code points; ``endColumn`` is exclusive,
as in the JSON output."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from linter import __version__
from linter.formatters.common import CATEGORY_LABELS, ENGINE_DESCRIPTIONS, numbered, relative_path, rule_catalogue

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "xxgkLint/v1"


class SarifFormatter:
    name = "sarif"

    def render(self, results, stream) -> None:
        json.dump(sarif_log(results), stream, ensure_ascii=False, indent=2)
        stream.write("\n")


def sarif_log(results) -> dict:
    catalogue = rule_catalogue()
    rules: dict[str, dict] = {}
    found = []
    for _file, d, occurrence in numbered(results):
        if d.rule not in rules:
            rules[d.rule] = _descriptor(d, catalogue.get(d.rule))
        found.append((d, occurrence))
    order = sorted(rules)
    index = {rule: i for i, rule in enumerate(order)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "xxgk-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "language": "zh-CN",
                "rules": [rules[rule] for rule in order],
            }},
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
            "results": [_sarif_result(d, occurrence, index[d.rule]) for d, occurrence in found],
        }],
    }


def _descriptor(d, rule) -> dict:
    """A rule as SARIF ``reportingDescriptor``: from the loaded rule when there is one,
    otherwise (engine findings, rules from --rules) from the diagnostic."""
    description = (rule.description if rule and rule.description else None) or \
        (rule.message if rule else ENGINE_DESCRIPTIONS.get(d.rule, d.message))
    short = _first_sentence(description) if rule is None or rule.description else _PLACEHOLDER.sub("…", rule.message)
    citation = rule.citation if rule else d.citation
    hint = rule.hint if rule else d.hint
    help_lines = [description]
    if citation:
        help_lines.append(f"依据：{citation}")
    if hint:
        help_lines.append(f"建议：{hint}")
    markdown = [description]
    if citation:
        markdown.append(f"**依据**：{citation}")
    if hint:
        markdown.append(f"**建议**：{hint}")
    category = rule.category if rule else d.category
    return {
        "id": d.rule,
        "name": rule.name if rule else d.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": description},
        "help": {"text": "\n".join(help_lines), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[rule.severity if rule else d.severity]},
        "properties": {"category": category, "tags": [category, CATEGORY_LABELS.get(category, category)]},
    }


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _first_sentence(text: str) -> str:
    """Up to the first 。 (a full stop inside brackets does not count)."""
    depth = 0
    for i, char in enumerate(text):
        depth += char in "（(“" and 1 or char in "）)”" and -1 or 0
        if char == "。" and depth <= 0:
            return text[:i + 1]
    return text


def _sarif_result(d, occurrence: int, rule_index: int) -> dict:
    region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
              "endColumn": max(d.end_column, 1)}
    return {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(d.path),
            "region": region,
        }}],
        # the rule and the normalised offending text, and which of identical findings this is
        "partialFingerprints": {FINGERPRINT_KEY: f"{d.fingerprint}:{occurrence}"},
        "properties": {"name": d.name, "category": d.category, "citation": d.citation, "hint": d.hint},
    }


def artifact_location(path: str) -> dict:
    """A URI relative to the checkout (``%SRCROOT%``), or a ``file:`` URI for a file outside
    the working directory; ``/`` separators, and anything outside RFC 3986's unreserved and
    sub-delimiter characters percent-encoded (Chinese file names included)."""
    path = relative_path(path)
    encoded = quote(path, safe="/!$&'()*+,;=@-._~")
    if path.startswith("/"):
        return {"uri": "file://" + encoded}
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}
