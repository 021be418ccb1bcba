"""GitLab Code Quality (``artifacts:reports:codequality``): a JSON array of issues, shown in
merge requests and the pipeline's Code Quality tab.  See docs/output-formats.md."""

from __future__ import annotations

import hashlib
import json

from linter.formatters.common import numbered, relative_path

# GitLab's severities are info, minor, major, critical, blocker.  A file that could not be
# checked at all (E001) or a rule that crashed (E002) blocks: nothing was verified.
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
BLOCKERS = {"E001", "E002"}


def fingerprint(path: str, rule: str, text_fingerprint: str, occurrence: int) -> str:
    """MD5 (32 hex digits, as GitLab's own analyzers give) of the path, the rule, the
    diagnostic's fingerprint (rule and offending text) and which of identical findings this
    is: unique per finding, unchanged when lines are added elsewhere in the file."""
    key = f"{path}\0{rule}\0{text_fingerprint}\0{occurrence}"
    return hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest()


def issue(d, occurrence: int) -> dict:
    path = relative_path(d.path)
    body = [d.message]
    if d.citation:
        body.append(f"**依据**：{d.citation}")
    if d.hint:
        body.append(f"**建议**：{d.hint}")
    return {
        "type": "issue",
        "description": f"{d.rule} {d.message}",
        "check_name": f"{d.rule} {d.name}",
        "content": {"body": "\n\n".join(body)},
        "categories": ["Style"],
        "fingerprint": fingerprint(path, d.rule, d.fingerprint, occurrence),
        "severity": "blocker" if d.rule in BLOCKERS else SEVERITIES[d.severity],
        "location": {"path": path, "lines": {"begin": d.line, "end": d.end_line}},
        "engine_name": "xxgk-lint",
    }


class GitlabFormatter:
    name = "gitlab"

    def render(self, results, stream) -> None:
        issues = [issue(d, occurrence) for _result, d, occurrence in numbered(results)]
        json.dump(issues, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
