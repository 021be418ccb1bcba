"""The wheel carries the YAML rules; README's commands are the ones CI runs."""

import os
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_ships_rules_and_runs_from_elsewhere(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("xxgk_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "linter/rules/sections.yaml" in names
    assert "linter/rules/section/S103-missing-fees-2007.yaml" in names
    assert "linter/grammars/numbering.lark" in names
    assert any(n.endswith("entry_points.txt") for n in names)

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True)
    sample = ROOT / "tests" / "fixtures" / "samples" / "jiangnan-subdistrict-2017.txt"
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "text", str(sample)],
                         capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 1, run.stderr
    assert ":78:5: error S103" in run.stdout
    where = subprocess.run([sys.executable, "-c", "import linter.builtin as b; print(b.RULES_DIR)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env).stdout.strip()
    assert where == str(target / "linter" / "rules")


def test_ci_runs_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8").splitlines()
    commands = [line for line in readme[:8] if line.startswith("python3 -m venv")]
    assert len(commands) == 2 and "xxgk-lint check examples/" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text("utf-8")


def test_readme_sample_output_is_current():
    """The text sample in README.md is what the linter prints today."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("```console\n$ xxgk-lint check --format text ", 1)[1].split("```", 1)[0]
    args, expected = block.split("\n", 1)
    run = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "text", *args.split()],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.stdout == expected
