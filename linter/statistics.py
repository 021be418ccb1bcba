"""``--statistics``: how many findings each rule produced, instead of the findings."""

from __future__ import annotations

from collections import Counter

from linter.diagnostic import severity_rank


def counts(results) -> list[tuple[int, str, str, str]]:
    """(count, rule, name, severity), most frequent first."""
    found = Counter((d.rule, d.name, d.severity) for r in results for d in r.diagnostics)
    return sorted(((n, *key) for key, n in found.items()), key=lambda row: (-row[0], severity_rank(row[3]), row[1]))


def render(results, stream, rich: bool = False) -> None:
    rows = counts(results)
    if rich:
        from rich.console import Console
        from rich.table import Table

        table = Table("数量 count", "规则 rule", "名称 name", "级别 severity")
        for count, rule, name, severity in rows:
            table.add_row(str(count), rule, name, severity)
        Console(file=stream).print(table)
        return
    for count, rule, name, severity in rows:
        stream.write(f"{count:>6}  {rule:<5} {name} [{severity}]\n")
