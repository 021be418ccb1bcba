"""Rule documentation in Markdown, generated from the YAML: ``xxgk-lint explain`` prints it,
``xxgk-lint rules docs DIR`` writes docs/rules/ (a test fails when those files are stale)."""

from __future__ import annotations

import re
from pathlib import Path

from linter.rulefile import Rule

_REGIMES = {"2007": "2008–2018（条例 2007）", "2019": "2019–2020（2019 格式）", "2021": "2021 起（2021 格式）"}
_SEVERITY = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def rule_markdown(rule: Rule) -> str:
    lines = [
        f"# {rule.id} {rule.name}",
        "",
        f"- 类别 category: `{rule.category}`",
        f"- 级别 severity: {_SEVERITY[rule.severity]}",
        f"- 适用 regimes: {'、'.join(_REGIMES[r] for r in rule.regimes)}",
    ]
    if rule.organs:
        lines.append(f"- 机关 organs: {', '.join(rule.organs)}")
    lines += ["", "## 检查什么 What it checks", "", rule.description or rule.message, ""]
    if rule.citation:
        lines += ["## 依据 Why", "", rule.citation, ""]
    lines += ["## 提示信息 Message", "", f"`{rule.message}`", ""]
    if rule.hint:
        lines += ["## 如何修改 How to fix", "", rule.hint, ""]
    for name, title in (("fail", "错误示例 Bad example"), ("pass", "正确示例 Good example")):
        example = rule.examples.get(name)
        if example:
            where = f"（在第 {'、'.join(map(str, example.lines))} 行报告 fires on line {', '.join(map(str, example.lines))}）" \
                if example.lines else "（不报告 no finding）"
            if example.published:
                where += f"（发布日期 --published {example.published}）"
            if example.deadlines:
                where += "（配置期限 deadlines: " + "、".join(f"{k} {v}" for k, v in example.deadlines.items()) + "）"
            lines += [f"## {title}", "", where, "", f"```{'markdown' if example.format == 'markdown' else 'text'}",
                      example.text.rstrip("\n"), "```", ""]
    return "\n".join(lines)


def index_markdown(rules: list[Rule]) -> str:
    lines = ["# 规则一览 Rules", "", "Generated from `rules/` by `xxgk-lint rules docs docs/rules`; do not edit.", "",
             "| id | name | category | severity | regimes | message |", "| --- | --- | --- | --- | --- | --- |"]
    for rule in rules:
        lines.append(f"| [{rule.id}]({rule.id}.md) | {rule.name} | {rule.category} | {rule.severity} | "
                     f"{', '.join(rule.regimes)} | {rule.message.replace('|', '¦')} |")
    return "\n".join(lines) + "\n"


def render_all(rules: list[Rule]) -> dict[str, str]:
    """File name → content of the whole docs/rules folder."""
    ordered = sorted(rules, key=lambda r: r.id)
    files = {f"{rule.id}.md": rule_markdown(rule) for rule in ordered}
    files["README.md"] = index_markdown(ordered)
    return files


_PAGE = re.compile(r"[A-Z]{1,3}[0-9]{3}\.md")


def write_all(rules: list[Rule], directory: Path) -> list[Path]:
    """Write the pages that changed and delete those of rules that no longer exist."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = render_all(rules)
    for stale in directory.glob("*.md"):
        if _PAGE.fullmatch(stale.name) and stale.name not in pages:
            stale.unlink()
    written = []
    for name, content in pages.items():
        path = directory / name
        if not path.exists() or path.read_text("utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(path)
    return written
