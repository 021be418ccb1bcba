"""The examples in docs/guide.md, docs/ci.md and docs/pre-commit.md are real.

* docs/examples/*.yml|yaml (the GitHub workflow, the GitLab job, the pre-commit configurations)
  parse, have the structure their platform needs, are embedded verbatim in the docs, and every
  ``xxgk-lint …`` command in them is accepted by the command line parser; the CI commands are
  run on a copy of the bundled examples and their output files are checked.
* Every ``console`` block of the three pages is run, command by command, in a fresh folder holding
  copies of examples/ and tests/fixtures/, and its output must be what the page shows (a line
  ``…`` stands for any number of lines left out). A block ```` ```yaml file=NAME ```` writes NAME
  into the folder of the next console block, as the reader would save it.

``xxgk-lint`` commands run through ``linter.cli.main`` in this process (output piped into a shell
filter, or followed by ``; echo "… $?"``, is handled here too); any other command line runs in bash.
That keeps the file at a few seconds instead of starting Python for every command.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from linter.cli import build_parser

DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
PAGES = ("guide.md", "ci.md", "pre-commit.md")
WIDTH = "120"  # COLUMNS for rich output (tree, explain, --format rich)

# The placeholders of the example files and what the tests put in their place.
REPO_PLACEHOLDER = "git.example.invalid/CHANGE-ME/xxgk-lint"


def _text(path: Path) -> str:
    return path.read_text("utf-8")


def _yaml(name: str):
    return yaml.safe_load(_text(EXAMPLES / name))


def _lint_commands(text: str) -> list[str]:
    """Every ``xxgk-lint …`` command line of a YAML file, a shell script line or an entry."""
    found = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip().lstrip("-").strip()
        if line.startswith("run:"):
            line = line[4:].strip()
        if line.startswith("xxgk-lint "):
            found.append(line.replace(REPO_PLACEHOLDER, "example.org/xxgk-lint"))
    return found


def _parse(command: str):
    words = shlex.split(command)
    assert words[0] == "xxgk-lint", command
    return build_parser().parse_args(words[1:])


# --- the example files --------------------------------------------------------------------------

@pytest.mark.parametrize("name, page", [
    ("github-workflow.yml", "ci.md"),
    ("gitlab-ci.yml", "ci.md"),
    ("pre-commit-config.yaml", "pre-commit.md"),
    ("pre-commit-config-reports-folder.yaml", "pre-commit.md"),
])
def test_example_files_are_embedded_verbatim(name, page):
    text = _text(EXAMPLES / name)
    assert f"```yaml\n{text}```" in _text(DOCS / page), f"docs/{page} must embed docs/examples/{name} verbatim"


def test_every_example_file_is_embedded_somewhere():
    pages = "".join(_text(DOCS / page) for page in PAGES)
    for path in EXAMPLES.iterdir():
        assert _text(path) in pages, path.name


def _pip_requirement(command: str, env: dict) -> str:
    from packaging.requirements import Requirement

    words = shlex.split(command.replace("$XXGK_LINT", env["XXGK_LINT"]))
    assert words[:2] == ["pip", "install"], command
    requirement = Requirement(words[2])
    assert requirement.name == "xxgk-lint" and requirement.url.startswith("git+https://"), command
    assert REPO_PLACEHOLDER in requirement.url, "the placeholder must stay clearly marked"
    return requirement.url


def test_github_workflow_structure():
    workflow = _yaml("github-workflow.yml")
    assert set(workflow) >= {"name", True, "jobs"}  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in workflow[True] and "push" in workflow[True]
    assert "CHANGE-ME" in workflow["env"]["XXGK_LINT"]
    jobs = workflow["jobs"]
    assert set(jobs) == {"lint", "code-scanning"}
    for job in jobs.values():
        assert job["runs-on"] == "ubuntu-latest"
        steps = job["steps"]
        assert all(("uses" in step) != ("run" in step) for step in steps), "a step has uses or run"
        uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
        assert uses[:2] == ["actions/checkout", "actions/setup-python"]
        installs = [step["run"] for step in steps if step.get("run", "").startswith("pip install")]
        assert len(installs) == 1
        _pip_requirement(installs[0], workflow["env"])
    runs = [step["run"] for step in jobs["lint"]["steps"] if "run" in step]
    assert any("--format github" in run for run in runs)

    scanning = jobs["code-scanning"]
    assert scanning["permissions"]["security-events"] == "write"
    upload = [step for step in scanning["steps"] if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(upload) == 1
    sarif = upload[0]["with"]["sarif_file"]
    (lint,) = [step["run"] for step in scanning["steps"] if "--format sarif" in step.get("run", "")]
    args = _parse(lint)
    assert args.output == sarif and args.exit_zero


def test_gitlab_job_structure():
    config = _yaml("gitlab-ci.yml")
    (job,) = config.values()
    assert job["image"].startswith("python:")
    assert "CHANGE-ME" in job["variables"]["XXGK_LINT"]
    _pip_requirement(job["before_script"][0], job["variables"])
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always", "reports must be kept when the gate fails"
    written = {}
    for command in job["script"]:
        args = _parse(command)
        if args.output:
            assert args.exit_zero, "a report-writing run must not stop the script before the gate"
            written[args.format] = args.output
    assert written == {"gitlab": reports["codequality"], "junit": reports["junit"]}
    assert reports["codequality"] == "gl-code-quality-report.json"
    gate = _parse(job["script"][-1])
    assert not gate.exit_zero and not gate.output, "the last run is the gate"


def test_pre_commit_configs_are_valid():
    hooks = yaml.safe_load(_text(ROOT / ".pre-commit-hooks.yaml"))
    (hook,) = hooks
    for name in ("pre-commit-config.yaml", "pre-commit-config-reports-folder.yaml"):
        check = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(EXAMPLES / name)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        (repo,) = _yaml(name)["repos"]
        assert REPO_PLACEHOLDER in repo["repo"] and repo["rev"]
        (used,) = repo["hooks"]
        assert used["id"] == hook["id"]
        # what pre-commit runs: the hook's entry, the args, then the staged file names
        args = _parse(" ".join([hook["entry"], *map(shlex.quote, used.get("args", [])), "reports/a.md"]))
        assert args.command == "check" and args.paths == ["reports/a.md"]
    assert _parse(hook["entry"] + " x.md").format == "text"


def test_pre_commit_folder_override_selects_the_reports_only():
    """The override's `files` pattern (which replaces the hook's) keeps to reports/ and to the
    suffixes the hook takes, each of which xxgk-lint reads (anything else would be an E001)."""
    from linter import plugins

    (hook,) = yaml.safe_load(_text(ROOT / ".pre-commit-hooks.yaml"))
    used = _yaml("pre-commit-config-reports-folder.yaml")["repos"][0]["hooks"][0]
    pattern, hooks_own = re.compile(used["files"]), re.compile(hook["files"])
    readable = set(plugins.readers())
    for suffix in readable | {".DOCX", ".Md"}:
        wanted = hooks_own.search(f"a{suffix}") is not None
        assert (pattern.search(f"reports/2024年度报告{suffix}") is not None) == wanted, suffix
        assert not pattern.search(f"README{suffix}") and not pattern.search(f"docs/notes{suffix}")
    for other in ("reports/a.pdf", "reports/a.doc", "reports/a.docx.bak", "reports/a.md/x"):
        assert not pattern.search(other), other
    (alternatives,) = re.findall(r"\\.\((.*)\)\$", used["files"])
    suffixes = {"." + s for s in alternatives.replace("html?", "html|htm").split("|")}
    assert suffixes <= readable and {".md", ".txt", ".html", ".docx"} <= suffixes


def test_pre_commit_page_shows_the_hook_definition():
    hooks = _text(ROOT / ".pre-commit-hooks.yaml")
    assert f"```yaml\n{hooks}```" in _text(DOCS / "pre-commit.md"), ".pre-commit-hooks.yaml changed: update docs/pre-commit.md"


@pytest.fixture(scope="module")
def reports_folder(tmp_path_factory):
    """A repository of reports as the CI examples expect it: reports/ with the bundled examples."""
    folder = tmp_path_factory.mktemp("ci")
    shutil.copytree(ROOT / "examples", folder / "reports")
    return folder


def test_ci_commands_run_and_write_what_the_platforms_read(reports_folder):
    workflow = _text(EXAMPLES / "github-workflow.yml")
    gitlab = _text(EXAMPLES / "gitlab-ci.yml")
    commands = _lint_commands(workflow) + _lint_commands(gitlab)
    assert len(commands) == 5
    for command in commands:
        assert _parse(command).jobs >= 1
    # --jobs 0 is parsed above like every option; here one process is enough for two reports
    # (a worker per CPU would only add its start-up time; tests/test_switches.py covers --jobs)
    runs = {command: lint_in_process(reports_folder, command.replace("--jobs 0", "--jobs 1")) for command in commands}
    for command, (code, _, err) in runs.items():
        gate = "--exit-zero" not in command
        assert code == (1 if gate else 0), (command, err)
        assert err == "", err
    github = next(out for command, (_, out, _) in runs.items() if "--format github" in command)
    assert "::error file=reports/defective-2020.txt,line=62,col=1" in github
    assert "reports/defective-2020.txt:62:1: error S205" in github

    sarif = json.loads((reports_folder / "xxgk-lint.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"reports/defective-2020.txt"}
    quality = json.loads((reports_folder / "gl-code-quality-report.json").read_text("utf-8"))
    assert {issue["location"]["path"] for issue in quality} == {"reports/defective-2020.txt"}
    assert all(issue["severity"] in {"info", "minor", "major", "critical", "blocker"} for issue in quality)
    junit = ET.parse(reports_folder / "xxgk-lint-junit.xml").getroot()
    assert junit.tag == "testsuites" and len(junit.findall("testsuite")) == 2


# --- console blocks -----------------------------------------------------------------------------

@dataclass
class Command:
    line: str                     # without the leading "$ "
    shown: list[str]              # the output lines the page shows


@dataclass
class Block:
    page: str
    number: int                   # 1-based, among the page's console blocks
    commands: list[Command]
    files: dict[str, str] = field(default_factory=dict)   # written before the block runs

    @property
    def id(self) -> str:
        return f"{self.page}#{self.number}"


_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.S | re.M)


def console_blocks(page: str) -> list[Block]:
    blocks, files = [], {}
    for info, body in _FENCE.findall(_text(DOCS / page)):
        words = info.split()
        if words[1:] and words[1].startswith("file="):
            files[words[1][len("file="):]] = body
        elif words[:1] == ["console"]:
            commands = []
            for line in body.rstrip("\n").split("\n"):
                if line.startswith("$ "):
                    commands.append(Command(line[2:], []))
                else:
                    assert commands, f"{page}: a console block starts with a $ command"
                    commands[-1].shown.append(line)
            blocks.append(Block(page, len(blocks) + 1, commands, files))
            files = {}
    return blocks


def _env() -> dict:
    """xxgk-lint of this checkout first on PATH; a fixed width for rich; no colours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XXGK_LINT")}
    env.update(PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
               COLUMNS=WIDTH, LINES="50", NO_COLOR="1", TERM="dumb", PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    return env


_SIMPLE = re.compile(r"(xxgk-lint [^|;&<>$`]*?)\s*(?:\|\s*(?P<filter>[^;&<>`]+)|;\s*echo \"(?P<echo>[^\"$]*)\$\?\")?")


@contextlib.contextmanager
def _inside(folder: Path):
    """The working folder and the environment of a command run in this process."""
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(_env())
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def lint_in_process(folder: Path, command: str) -> tuple[int, str, str]:
    """``xxgk-lint …`` through ``linter.cli.main`` in this process: the same code as the console
    script without starting Python and loading the rules each time (a few times faster)."""
    from linter.cli import main

    out, err = io.StringIO(), io.StringIO()
    with _inside(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(shlex.split(command)[1:])
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def run_command(folder: Path, line: str) -> str:
    """One console line; its standard output and error as the reader sees them."""
    simple = _SIMPLE.fullmatch(line)
    if simple is None:  # shell tools (iconv, sed, tail …) and anything unusual: a real shell
        run = subprocess.run(["bash", "-c", line], cwd=folder, env=_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=120)
        return run.stdout
    code, out, err = lint_in_process(folder, simple.group(1))
    if simple["filter"]:
        out = subprocess.run(["bash", "-c", simple["filter"]], cwd=folder, env=_env(), input=out,
                             capture_output=True, text=True, timeout=120).stdout
    elif simple["echo"] is not None:
        out += err + f"{simple['echo']}{code}\n"
        err = ""
    return out + err


def run_block(block: Block, root: Path) -> list[str]:
    """Run a block's commands in a fresh folder; the output of each."""
    folder = root / f"{block.page}-{block.number}"
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copytree(ROOT / "tests" / "fixtures", folder / "tests" / "fixtures",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in block.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return [run_command(folder, command.line) for command in block.commands]


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(shown: list[str], real: list[str]) -> bool:
    """The shown lines are the real ones, where a line `…` stands for any number of lines."""
    pattern = "".join(".*?" if line.strip() == "…" else re.escape(line) + "\n" for line in _lines("\n".join(shown)))
    return re.fullmatch(pattern, "".join(line + "\n" for line in real), flags=re.S) is not None


ALL_BLOCKS = [block for page in PAGES for block in console_blocks(page)]


@pytest.fixture(scope="module")
def block_outputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("console")
    return {block.id: run_block(block, root) for block in ALL_BLOCKS}


def test_the_guide_has_console_examples_of_every_everyday_command():
    commands = [command.line for block in console_blocks("guide.md") for command in block.commands]
    lint = [shlex.split(line.split("|")[0].split(";")[0])[1:] for line in commands if line.startswith("xxgk-lint ")]
    lint = [words for words in lint if not words[0].startswith("-")]  # --version, --help
    used = {words[0] for words in lint}
    assert used >= {"check", "tree", "explain", "extract", "new"}, used
    assert any("--published" in words for words in lint)
    assert any(words[:3] == ["check", "--format", "html"] for words in lint)
    for words in lint:
        build_parser().parse_args(words)


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=lambda block: block.id)
def test_console_block_shows_real_output(block, block_outputs):
    assert any(command.line.startswith("xxgk-lint ") for command in block.commands), block.id
    for command, real in zip(block.commands, block_outputs[block.id]):
        assert matches(command.shown, _lines(real)), (
            f"{block.id}: `$ {command.line}` prints\n{real}\nbut the page shows\n" + "\n".join(command.shown))


def test_matches():
    assert matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "…"], ["a", "b"])
    assert matches([], [])
    assert not matches(["a", "c"], ["a", "b", "c"])
    assert not matches(["a"], ["a", "b"])


def test_pre_commit_page_shows_what_the_hook_prints(reports_folder):
    """The sample run of the hook in docs/pre-commit.md: its findings and summary are what the
    hook's command (entry + args of the example + the two reports) prints today."""
    page = _text(DOCS / "pre-commit.md")
    sample = page.split("```text\n$ pre-commit run --all-files\n", 1)[1].split("```", 1)[0]
    shown = [line for line in sample.splitlines() if line.startswith("reports/") or line.startswith("检查了")]
    (hook,) = yaml.safe_load(_text(ROOT / ".pre-commit-hooks.yaml"))
    args = _yaml("pre-commit-config.yaml")["repos"][0]["hooks"][0]["args"]
    command = " ".join([hook["entry"], *args, "reports/clean-2021.md", "reports/defective-2020.txt"])
    assert f"```sh\n{command}\n```" in page, "the page spells out the command the hook runs"
    code, out, err = lint_in_process(reports_folder, command)
    assert code == 1 and err == ""
    assert shown == _lines(out)

