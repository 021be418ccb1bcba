"""What the performance work added beside speed: the opt-in timing hook (XXGK_LINT_PROFILE,
linter/profile.py), the libyaml shortcut in yamlsource, and the caches.  No timed tests:
figures live in docs/performance.md, produced by benchmarks/run.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
CLEAN = "examples/clean-2021.md"
DEFECTIVE = "examples/defective-2020.txt"


def lint(*args, env=None, cwd=ROOT):
    """``python -m linter check ARGS`` in a fresh process (the profile hook patches modules)."""
    environment = {k: v for k, v in os.environ.items() if k != "XXGK_LINT_PROFILE"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "linter", "check", *args], capture_output=True, text=True,
                          env=environment, cwd=cwd, timeout=300)


# ---- XXGK_LINT_PROFILE ------------------------------------------------------------------------


def test_profile_prints_stages_and_rules_to_stderr_only():
    plain = lint("--format", "json", CLEAN, DEFECTIVE)
    profiled = lint("--format", "json", CLEAN, DEFECTIVE, env={"XXGK_LINT_PROFILE": "1"})
    assert profiled.returncode == plain.returncode == 1
    assert profiled.stdout == plain.stdout  # the report itself is untouched
    assert plain.stderr == ""
    err = profiled.stderr
    assert err.startswith("xxgk-lint profile")
    for stage in ("start-up: interpreter and imports before main()", "rules: YAML parse", "rules: validate and prepare",
                  "read: decode", "parse: markdown-it tokens", "parse: text blocks", "parse: section tree (outline)",
                  "facts: year, regime, organ", "tables: extract", "scopes: normalised text",
                  "output: format and write", "peak RSS"):
        assert stage in err, stage
    rules = [line.split()[1] for line in err.splitlines() if line.startswith("  rule ")]
    assert "S205" in rules and "A102" in rules  # one line per rule that ran, slowest first
    assert "×2" in next(line for line in err.splitlines() if line.startswith("  rule S205 "))


def test_profile_off_unless_set():
    for value in ("", "0"):
        assert lint("--format", "text", CLEAN, env={"XXGK_LINT_PROFILE": value}).stderr == ""


def test_profile_adds_up_the_workers():
    profiled = lint("--format", "text", "--jobs", "2", CLEAN, DEFECTIVE, "tests/fixtures/samples",
                    env={"XXGK_LINT_PROFILE": "1"})
    assert profiled.returncode == 1
    assert "parse: section tree (outline) [workers]" in profiled.stderr
    assert "rule S205 missing-problems [workers]" in profiled.stderr
