"""``xxgk-lint rules check``: every rule proves itself on its own examples — it fires at the
lines its failing example names and stays silent on its passing one."""

from __future__ import annotations

from datetime import date

from linter import engine, plugins
from linter.rulefile import Example, Rule

_SUFFIX = {"text": ".txt", "markdown": ".md"}


def run_example(rule: Rule, name: str, example: Example) -> list[int]:
    """Lines at which ``rule`` fires on ``example`` (read from memory, no file written)."""
    reader = plugins.readers()[_SUFFIX[example.format]]
    doc = reader.read(f"<{rule.id} {name}>", example.text)
    doc.facts = engine.resolve_facts(doc, engine.Overrides(example.year, example.regime, example.organ))
    doc.context = {"published": date.fromisoformat(example.published) if example.published else None,
                   "deadlines": dict(example.deadlines or {})}
    if not rule.applies(doc.facts.regime, doc.facts.organ):
        return []
    diagnostics = engine.run_rule(rule, doc)
    crashed = [d for d in diagnostics if d.rule == engine.INTERNAL_ERROR[0]]
    if crashed:
        raise RuntimeError(crashed[0].message)
    return sorted({d.line for d in diagnostics})


def check(rule: Rule) -> list[str]:
    """Problems of one rule (empty when it proves itself)."""
    problems = [f"缺少 {name} 示例 (no {name} example)" for name in ("fail", "pass") if name not in rule.examples]
    for name, example in rule.examples.items():
        try:
            lines = run_example(rule, name, example)
        except RuntimeError as exc:
            problems.append(f"{name} 示例运行出错 (crashed): {exc}")
            continue
        if name == "fail" and lines != sorted(example.lines):
            problems.append(f"fail 示例应在第 {list(example.lines)} 行报告，实际 (fired at) {lines}")
        if name == "pass" and lines:
            problems.append(f"pass 示例不应报告，实际在第 {lines} 行报告 (fired on the passing example)")
    return problems
