"""The pre-commit hook, run for real: a defective report blocks the commit, the fixed one passes."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


def test_hook_blocks_a_defective_report_and_passes_the_fixed_one(tmp_path):
    rev = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    if not rev:
        pytest.skip("the checkout has no commit to point pre-commit at")
    repo = tmp_path / "reports"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "ci")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: xxgk-lint\n", encoding="utf-8")
    report = repo / "jiangnan-2017.txt"
    report.write_text((SAMPLES / "jiangnan-subdistrict-2017.txt").read_text("utf-8"), encoding="utf-8")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    run = [sys.executable, "-m", "pre_commit", "run", "--files", "jiangnan-2017.txt", "--color", "never"]

    failed = subprocess.run(run, cwd=repo, capture_output=True, text=True, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "jiangnan-2017.txt:78:5: error S103" in failed.stdout

    text = report.read_text("utf-8").replace(
        "    四、因政府信息公开申请行政复议", "    四、政府信息公开的收费及减免情况\n\n    本街道未收取任何费用。\n\n    五、因政府信息公开申请行政复议")
    report.write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    passed = subprocess.run(run, cwd=repo, capture_output=True, text=True, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
