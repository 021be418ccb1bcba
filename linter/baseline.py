"""Baselines: adopt the linter on years of old reports by recording today's findings
(``--write-baseline FILE``) and reporting only new ones (``--baseline FILE``).

Findings match on (path, rule, fingerprint) — the fingerprint hashes the rule and the
offending text, not its line — so edits above a finding do not bring it back.  Paths are
stored relative to the baseline file's folder.  Each entry is consumed once: a second
identical finding is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from linter import __version__
from linter.errors import UsageError
from linter.fileio import write_atomic

FORMAT_VERSION = 1


def _key(baseline: Path, path: str) -> str:
    return Path(os.path.relpath(Path(path).resolve(), baseline.resolve().parent)).as_posix()


def write(baseline: Path, results) -> int:
    entries = sorted(
        ({"path": _key(baseline, r.path), "rule": d.rule, "fingerprint": d.fingerprint, "message": d.message}
         for r in results for d in r.diagnostics),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"]),
    )
    data = {"format_version": FORMAT_VERSION, "tool": {"name": "xxgk-lint", "version": __version__},
            "findings": entries}
    write_atomic(baseline, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read(baseline: Path, known: set[str]) -> Counter:
    try:
        data = json.loads(baseline.read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"基线文件不存在 (no such baseline): {baseline}") from None
    except RecursionError:
        raise UsageError(f"{baseline}: 基线文件嵌套过深 (nested too deep)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{baseline}: 基线文件无法读取 (unreadable baseline): {exc}") from None
    if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION \
            or not isinstance(data.get("findings"), list):
        raise UsageError(f"{baseline}: 不是 xxgk-lint 基线文件（format_version {FORMAT_VERSION}）(not a baseline)")
    counts: Counter = Counter()
    for i, entry in enumerate(data["findings"], start=1):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("path", "rule", "fingerprint")):
            raise UsageError(f"{baseline}: 第 {i} 条记录无效 (entry {i} needs path, rule, fingerprint)")
        if entry["rule"] not in known:
            raise UsageError(f"{baseline}: 第 {i} 条记录的规则未知 (entry {i}: unknown rule) {entry['rule']}")
        counts[(entry["path"], entry["rule"], entry["fingerprint"])] += 1
    return counts


def filter_new(baseline: Path, counts: Counter, results) -> int:
    """Drop the findings the baseline records; how many were dropped."""
    dropped = 0
    for result in results:
        kept = []
        for d in result.diagnostics:
            key = (_key(baseline, result.path), d.rule, d.fingerprint)
            if counts[key] > 0:
                counts[key] -= 1
                dropped += 1
            else:
                kept.append(d)
        result.diagnostics = kept
    return dropped
