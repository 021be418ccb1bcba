"""Helpers shared by the CI and report formats (sarif, github, junit, gitlab, html)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from linter.engine import display_path

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_LABELS = {
    "section": "章节结构", "numbering": "编号", "table": "统计表", "arithmetic": "表内勾稽",
    "crosscheck": "交叉核对", "period": "统计期限", "year": "报告年度", "fee": "信息处理费",
    "deadline": "期限", "template": "模板残留", "input": "输入文件",
}
ORGAN_LABELS = {"government": "人民政府", "department": "政府部门", "township": "乡镇、街道"}
REGIME_LABELS = {
    "2007": "条例（2007）",
    "2019": "2019 年格式（国办公开办函〔2019〕60号）",
    "2021": "2021 年格式（国办公开办函〔2021〕30号）",
}

# What the engine's own findings are about (they have no rule file to describe them).
ENGINE_DESCRIPTIONS = {
    "E001": "文件无法检查：格式不支持、文件过大、不是 UTF-8 或 GB18030 编码、空文件或读取出错。",
    "E002": "某条规则运行出错；其他规则照常检查。",
    "E003": "抑制注释无效：未写规则编号、规则不存在或指令有误。",
    "E004": "抑制注释没有抑制任何问题，可以删除。",
}


def relative_path(path: str) -> str:
    """The path with ``/`` separators; an absolute path below the working directory is made
    relative to it (CI systems match annotations on paths relative to the checkout)."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path, Path.cwd())
        except ValueError:  # another drive on Windows
            return display_path(path)
        if path.startswith(".."):
            return display_path(os.path.abspath(os.path.join(Path.cwd(), path)))
    return display_path(path)


def numbered(results):
    """Every diagnostic with its occurrence number: 1 for the first finding with this path,
    rule and fingerprint, 2 for a second identical one, and so on.  Stable across edits
    elsewhere in the file, and unique per finding."""
    seen: Counter = Counter()
    for result in results:
        for d in result.diagnostics:
            key = (relative_path(d.path), d.rule, d.fingerprint)
            seen[key] += 1
            yield result, d, seen[key]


def rule_catalogue() -> dict:
    """Loaded rules by id (national rules and plugin rule directories), for descriptions;
    empty when they cannot be loaded: the diagnostics themselves carry what is needed."""
    try:
        from linter import rulefile

        return {rule.id: rule for rule in rulefile.load_all()}
    except Exception:  # a formatter must never fail because of a rule directory
        return {}
