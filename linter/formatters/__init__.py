"""Output formats.  One module per format; each class has ``name`` and ``render(results, stream)``."""

from __future__ import annotations

from collections import Counter

from linter.engine import FileResult


def summary(results: list[FileResult]) -> dict:
    counts = Counter(d.severity for r in results for d in r.diagnostics)
    return {"files": len(results), "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]}


def summary_line(results: list[FileResult]) -> str:
    s = summary(results)
    return (f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示"
            f" ({s['files']} files: {s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos)")
