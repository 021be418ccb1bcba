"""Fuzz entry point: bytes → decode → reader → every rule → tree and JSON output.

Run with atheris (libFuzzer), see docs/fuzzing.md:

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/make_corpus.py fuzz/corpus          # seed corpus from the samples
    .venv/bin/python fuzz/fuzz_lint.py -max_total_time=3600 -timeout=30 -rss_limit_mb=2048 fuzz/corpus

Each input is written to a file and linted by engine.lint_file, as ``check`` does.  Anything
that escapes is a bug: an exception in the reader, the outline, the facts, a rule's check kind
(engine.run_rule is wrapped so that a crash, which ``check`` turns into an E002 internal-error
diagnostic, is raised again with its traceback), the tree printer or the JSON formatter; and a
diagnostic outside the document (line not in 1..number of lines, column < 1).  A file refused
as unreadable (E001: binary, undecodable, empty) is the expected outcome, not a bug.

The first byte of the input chooses the reader (even: .txt, odd: .md); the rest is the file.
``python fuzz/fuzz_lint.py FILE...`` without atheris installed replays inputs (crash files).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:
    import atheris
except ImportError:  # replay mode: no instrumentation
    atheris = None


def _load():
    """Import everything a run touches (plugins load lazily) and the rules."""
    global engine, JsonFormatter, print_tree, RULES
    from linter import engine, plugins, rulefile
    from linter.formatters.json import JsonFormatter
    from linter.tree import print_tree

    RULES = rulefile.load_all()
    plugins.readers()
    plugins.formatters()
    import linter.readers.markdown as markdown

    markdown._parser()


if atheris:
    with atheris.instrument_imports(include=["linter", "markdown_it", "lark"]):
        _load()
else:
    _load()

SUFFIXES = (".txt", ".md")
_FOLDER = Path(tempfile.mkdtemp(prefix="xxgk-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
_run_rule = engine.run_rule


def _strict_run_rule(rule, doc):
    """engine.run_rule, but a crash is raised again with its traceback instead of becoming
    an E002 internal-error diagnostic (the check runs once more to raise it)."""
    diagnostics = _run_rule(rule, doc)
    if any(d.rule == engine.INTERNAL_ERROR[0] for d in diagnostics):
        list(rule.kind.check(doc))
        raise AssertionError(f"{rule.id} reported an internal error the second run did not raise: {diagnostics}")
    return diagnostics


engine.run_rule = _strict_run_rule


def lint_bytes(data: bytes, suffix: str = ".txt", render: bool = True):
    """engine.lint_file on a file holding ``data`` (read, decode, parse, facts, every rule,
    suppressions), with rule crashes left to escape; then the position check, the tree and JSON."""
    path = _FOLDER / f"input{suffix}"
    path.write_bytes(data)
    result = engine.lint_file(str(path), RULES, engine.Overrides())
    doc = result.document
    lines = len(doc.lines) if doc else 1
    for d in result.diagnostics:
        if not (1 <= d.line <= d.end_line <= max(1, lines) and d.column >= 1):
            raise AssertionError(f"diagnostic outside the document ({lines} lines): {d}")
    if render and doc:
        from rich.console import Console

        print_tree(doc, Console(file=io.StringIO(), width=100, highlight=False))
        JsonFormatter().render([result], io.StringIO())
    return result


def test_one_input(data: bytes) -> None:
    if not data:
        return
    lint_bytes(data[1:], SUFFIXES[data[0] % 2])


def main() -> None:
    if atheris is None:
        for name in sys.argv[1:]:
            data = Path(name).read_bytes()
            result = lint_bytes(data[1:], SUFFIXES[data[0] % 2])
            print(name, f"{len(result.diagnostics)} diagnostics", "(unreadable)" if result.document is None else "")
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
