"""Time bounds of rule patterns (linter/patterns.py).

A user's rule may hold a pattern that backtracks catastrophically, so its patterns get a time
bound (test_text_kinds.py shows one reported as E002).  The rules shipped with xxgk-lint run
theirs without one, which is only safe while each of them finishes quickly on any text: these
tests hold them to a shape that cannot explode and run each on adversarial text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter import patterns, rulefile
from linter.builtin import RULES_DIR

FIXTURES = Path(__file__).parent / "fixtures"


def _matchers(value, seen=None):
    """Every Matcher inside a check kind, whatever attribute or container holds it."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, patterns.Matcher):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _matchers(item, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _matchers(item, seen)
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("linter."):
        for item in vars(value).values():
            yield from _matchers(item, seen)


SHIPPED = [m for path in rulefile.rule_files(RULES_DIR) for m in _matchers(rulefile.load_file(Path(path)).kind)]
SHIPPED_PATTERNS = sorted({m.label for m in SHIPPED if m.regex.pattern != m.label or set(m.label) & set("[](){}*+?|\\.^$")})


def test_shipped_rules_run_without_a_time_bound_and_a_users_with_one(tmp_path):
    assert len(SHIPPED) > 100 and all(m.timeout is None for m in SHIPPED)
    path = tmp_path / "X100.yaml"
    path.write_text("id: X100\nname: probe\ncategory: template\nseverity: warning\nregimes: ['2021']\n"
                    "message: '{match}'\ncheck:\n  kind: forbid-text\n  keywords: [单位名称]\n  patterns: ['填写.{0,5}']\n",
                    encoding="utf-8")
    keyword, pattern = rulefile.load_file(path).kind.matchers
    assert keyword.timeout is None  # a literal is searched in linear time
    assert pattern.timeout == patterns.TIMEOUT


# a quantified group that is not merely optional: the shape behind catastrophic backtracking
_REPEATED_GROUP = re.compile(r"\)(?:[*+]|\{\d*,\d*\})")


@pytest.mark.parametrize("pattern", SHIPPED_PATTERNS)
def test_shipped_pattern_repeats_no_group(pattern):
    assert not _REPEATED_GROUP.search(pattern), "a repeated group can backtrack without bound; give the rule " \
        "another shape or load it as a user's rule (with a time bound)"


def _adversarial(pattern: str) -> list[str]:
    """Long texts made of the pattern's own characters, which make a backtracking engine try
    the most paths, with and without the full stop its bounded gaps stop at."""
    literal = "".join(dict.fromkeys(c for c in pattern if c not in "[](){}*+?|\\.^$-:!=<>,0123456789"))
    body = (literal or "年") * (4000 // max(len(literal), 1))
    return [body, body + "!", "。".join([literal] * 1000), "1" * 4000, "a" * 4000 + "。",
            (FIXTURES / "hostile").joinpath("fuzz-table-cut-in-rowspan.txt").read_text("utf-8") * 20]


@pytest.mark.parametrize("pattern", SHIPPED_PATTERNS)
def test_shipped_pattern_is_quick_on_adversarial_text(pattern):
    import regex

    compiled = regex.compile(pattern)
    for text in _adversarial(pattern):  # the bound only reports a pattern gone wrong; a sound one takes ms
        list(compiled.finditer(text, timeout=patterns.TIMEOUT))
