"""Shared helpers: lint a file or a text the way the CLI does."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import engine, readers, rulefile

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rules():
    return rulefile.load_all()


def lint_path(path, rules, **overrides):
    return engine.lint_file(str(path), rules, engine.Overrides(**overrides))


@pytest.fixture
def lint_text(tmp_path, rules):
    """Lint ``text`` written to a file with the given suffix; returns the FileResult."""

    def run(text: str, suffix: str = ".txt", **overrides):
        path = tmp_path / f"report{suffix}"
        path.write_text(text, encoding="utf-8")
        return lint_path(path, rules, **overrides)

    return run


@pytest.fixture
def read_text(tmp_path):
    """Parse ``text`` into a Document (no rules)."""

    def run(text: str, suffix: str = ".txt"):
        path = tmp_path / f"doc{suffix}"
        path.write_text(text, encoding="utf-8")
        return readers.read(str(path))

    return run


def findings(result, rule=None):
    """(rule, line) pairs of a FileResult, optionally for one rule."""
    return [(d.rule, d.line) for d in result.diagnostics if rule is None or d.rule == rule]


def run_cli(capsys, *args):
    """(exit code, stdout, stderr) of the CLI in-process; argparse's own exits included."""
    from linter.cli import main

    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def per_character(doc, first: int, last: int) -> list[tuple[str, tuple[int, int]]]:
    """Every kept character of lines first..last with its source (line, column): the
    definition the runs of a text scope's segment stand for (tests of scopes.py's shortcuts)."""
    import unicodedata

    out = []
    for number in range(first, last + 1):
        for column, original in enumerate(doc.lines[number - 1], start=1):
            for char in unicodedata.normalize("NFKC", original):
                if not (char.isspace() or char in "\u200b\ufeff"):
                    out.append((char, (number, column)))
    return out
