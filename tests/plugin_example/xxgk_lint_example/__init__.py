"""An example xxgk-lint plugin: the hook implementations xxgk-lint finds through the
entry point ``example = "xxgk_lint_example"`` of the group ``xxgk_lint``.

It adds a check kind (``min-length``), a rule directory (rule X901) and an output
format (``--format csv``).  See docs/plugins.md of xxgk-lint.
"""

from __future__ import annotations

from pathlib import Path

from linter.hookspecs import hookimpl

RULES_DIR = Path(__file__).resolve().parent / "rules"


@hookimpl
def xxgk_lint_check_kinds():
    from xxgk_lint_example.min_length import MinLength

    return [MinLength]


@hookimpl
def xxgk_lint_formatters():
    from xxgk_lint_example.csv_format import CsvFormatter

    return [CsvFormatter]


@hookimpl
def xxgk_lint_rule_dirs():
    return [str(RULES_DIR)]
