"""Broken rules, configurations and inputs (issue 8, item 2): each case ends the run with one
clear line naming the file (and the line, where the file has one at fault), exit 2, and no
traceback; inputs that cannot be linted never hang the run.

This file holds the kinds of breakage the other test files do not: tests/test_rulefile.py
(rule-file syntax and schema), tests/test_config.py (configuration keys, extends),
tests/test_text_kinds.py (patterns), tests/test_suppressions_baseline.py (baselines,
suppressions), tests/test_plugins.py (plugins) and tests/test_cli.py (usage) cover the rest.

Cases marked ``xfail(strict=True)`` are known bugs in modules owned elsewhere; each reason
names the module and the fix.  When the fix lands the case passes, strict xfail fails, and
the marker goes.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT
from linter.cli import main

REPORT = "某县2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息123条。\n"
GOOD_RULE = (ROOT / "rules" / "section" / "S201-missing-overview.yaml").read_text("utf-8") \
    .replace("S201", "X201").replace("missing-overview", "local-overview")
ERROR = "xxgk-lint: 错误 (error): "


def run(cwd: Path, *args) -> tuple[int, str, str]:
    """``xxgk-lint ARGS`` in-process from ``cwd``; an exception escaping main() fails the test
    as the traceback a user would see."""
    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    except BaseException as exc:  # noqa: BLE001 - this is what the test is about
        pytest.fail(f"traceback instead of a message: {type(exc).__name__}: {str(exc)[:300]}")
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue()


def run_process(cwd: Path, *args, timeout: float = 20, memory_mb: int = 1024) -> tuple[int, str, str]:
    """``python -m linter ARGS`` in a process of its own with a time and an address-space limit,
    for cases that could hang or eat memory."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    try:
        done = subprocess.run([sys.executable, "-m", "linter", *map(str, args)], cwd=cwd, capture_output=True,
                              text=True, timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout} s")
    return done.returncode, done.stdout, done.stderr


def assert_one_clear_error(result, *words) -> str:
    code, out, err = result
    assert code == 2, (code, err[-2000:])
    assert "Traceback" not in err, err[-2000:]
    assert err.startswith(ERROR) and len(err.strip().splitlines()) == 1, err[-2000:]
    for word in words:
        assert word in err, (word, err)
    return err


def report(tmp_path: Path, name: str = "r.txt") -> Path:
    path = tmp_path / name
    path.write_text(REPORT, encoding="utf-8")
    return path


def rule_dir(tmp_path: Path, text: str | bytes = GOOD_RULE, name: str = "X201.yaml") -> Path:
    folder = tmp_path / "local-rules"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return target


def config(tmp_path: Path, text: str | bytes, name: str = ".xxgk-lint.yaml") -> Path:
    target = tmp_path / name
    target.write_bytes(text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8"))
    return target


def billion_laughs(levels: int = 9, key: str = "x") -> str:
    """Nine anchors, each a list of nine aliases of the one before: 9**9 leaves when expanded."""
    lines = [f'{key}0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{key}{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def only_root_can_read(path: Path) -> bool:
    return os.access(path, os.R_OK)


YAML_BUGS = "linter/yamlsource.py"
BOMB_SECONDS = 8  # a loader that fails fast answers in about one second


# ---- rule files -----------------------------------------------------------------------------


def test_rule_file_not_utf8(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE.encode("gb18030"))
    err = assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)),
                                 "X201.yaml", "无法读取规则文件")
    assert "utf-8" in err


def test_unreadable_rule_file(tmp_path):
    target = rule_dir(tmp_path)
    target.chmod(0)
    try:
        if only_root_can_read(target):
            pytest.skip("running as root: a mode-000 file is still readable")
        assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)),
                               "X201.yaml", "无法读取规则文件")
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_rule_directory_that_is_a_file(tmp_path):
    target = rule_dir(tmp_path)
    assert_one_clear_error(run(tmp_path, "check", "--rules", target, report(tmp_path)), "X201.yaml", "规则目录")


@pytest.mark.parametrize("text, words", [("", ["X201.yaml:1", "文件为空"]), ("# 只有注释\n", ["X201.yaml:1", "文件为空"]),
                                         ("---\n...\n", ["X201.yaml:2:1", "映射"])],
                         ids=["empty", "comment", "empty-document"])
def test_empty_rule_file(tmp_path, text, words):
    target = rule_dir(tmp_path, text)
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)), *words)


def test_rule_file_with_two_documents(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE + "---\nid: X202\n")
    line = GOOD_RULE.count("\n") + 1
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)),
                           f"X201.yaml:{line}:", "YAML 语法错误")


def test_rule_file_with_undefined_alias(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE.replace("severity: error", "severity: *level"))
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)),
                           "X201.yaml:4:11", "undefined alias")


def test_rule_whose_check_is_not_a_mapping(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE.replace("check:\n  kind: required-section\n  part: overview",
                                                  "check: [required-section, overview]"))
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)),
                           "X201.yaml:", "check 类型错误")


def test_rule_with_a_failing_example_without_lines(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE.replace("    lines: [2]\n", ""))
    line = GOOD_RULE.splitlines().index("  fail:") + 1
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)),
                           f"X201.yaml:{line + 1}:", "lines")


def test_bad_table_identity_expression(tmp_path):
    from linter import plugins

    if "table-identity" not in plugins.check_kinds():
        pytest.skip("no table-identity check kind yet")
    text = GOOD_RULE.replace("category: section", "category: arithmetic").replace(
        "check:\n  kind: required-section\n  part: overview", "check:\n  kind: table-identity\n  identity: t2[total, _] ==")
    text = text.split("examples:")[0].replace("message: 缺少“{part}”部分（{position}）", "message: 不相符")
    target = rule_dir(tmp_path, text)
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)), "X201.yaml:")


def test_dangling_symlink_to_a_rule_file_is_no_silent_skip(tmp_path):
    target = rule_dir(tmp_path)
    (target.parent / "X202.yaml").symlink_to(tmp_path / "moved-away.yaml")
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)), "X202.yaml")


def test_fifo_in_a_rule_directory_does_not_hang(tmp_path):
    target = rule_dir(tmp_path)
    os.mkfifo(target.parent / "X202.yaml")
    started = time.monotonic()
    code, _, err = run(tmp_path, "check", "--format", "text", "--rules", target.parent, report(tmp_path))
    assert time.monotonic() - started < 60 and "Traceback" not in err
    assert code in (1, 2)


def test_rule_with_a_huge_message_loads_and_runs(tmp_path):
    """Not broken, just big: a 1 MB message is carried through, within a bound."""
    huge = "很长的说明" * 200_000
    target = rule_dir(tmp_path, GOOD_RULE.replace("message: 缺少“{part}”部分（{position}）",
                                                  f"message: 缺少“{{part}}”{huge}（{{position}}）"))
    (tmp_path / "r.txt").write_text("某县2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n正文。\n", encoding="utf-8")
    started = time.monotonic()
    code, out, err = run(tmp_path, "check", "--format", "text", "--select", "X201", "--rules", target.parent, "r.txt")
    assert time.monotonic() - started < 60
    assert code == 1 and err == "" and huge in out


def test_rule_file_with_a_control_character(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE.replace("hint: ", "hint: \x07"))
    line = GOOD_RULE.splitlines().index(next(t for t in GOOD_RULE.splitlines() if t.startswith("hint: "))) + 1
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)),
                           f"X201.yaml:{line}:7", "YAML")


def test_rule_file_yaml_bomb_fails_fast(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE + billion_laughs(key="x"))
    assert_one_clear_error(run_process(tmp_path, "check", "--rules", target.parent, report(tmp_path),
                                       timeout=BOMB_SECONDS), "X201.yaml")


def test_rule_file_nested_too_deep(tmp_path):
    target = rule_dir(tmp_path, GOOD_RULE.replace("hint: ", "colour: " + "[" * 2000 + "]" * 2000 + "\nhint: "))
    assert_one_clear_error(run(tmp_path, "check", "--rules", target.parent, report(tmp_path)), "X201.yaml")


# ---- configuration --------------------------------------------------------------------------


def test_config_option_names_a_missing_file(tmp_path):
    assert_one_clear_error(run(tmp_path, "check", "--config", "nowhere.yaml", report(tmp_path)),
                           "nowhere.yaml", "无法读取配置文件")


def test_config_option_names_a_directory(tmp_path):
    (tmp_path / "conf").mkdir()
    assert_one_clear_error(run(tmp_path, "check", "--config", "conf", report(tmp_path)), "conf", "无法读取配置文件")


def test_config_not_utf8(tmp_path):
    config(tmp_path, "# 本单位配置\nignore: [S103]\n".encode("gbk"))
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), ".xxgk-lint.yaml", "无法读取配置文件")


def test_unreadable_config(tmp_path):
    target = config(tmp_path, "ignore: [S103]\n")
    target.chmod(0)
    try:
        if only_root_can_read(target):
            pytest.skip("running as root: a mode-000 file is still readable")
        assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), ".xxgk-lint.yaml", "无法读取配置文件")
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("", ":1", "文件为空"),
        ("ignore: [S103]\n---\nselect: [S103]\n", ":2:1", "YAML 语法错误"),
        ("[ignore, S103]\n", ":1:1", "配置应为一个映射"),
        ("ignore: *rules\n", ":1:9", "undefined alias"),
        ("extends: [1]\n", ":1:10", "extends 应为"),
        ("overrides: {files: x}\n", ":1:12", "overrides 应为列表"),
        ("per-file-ignores: {'*.txt': S103}\n", ":1:29", "per-file-ignores 的值"),
        ("rule-dirs: [r.txt]\n", ":1:13", "规则目录"),
    ],
    ids=["empty", "two-documents", "a-list", "undefined-alias", "extends-not-a-path", "overrides-not-a-list",
         "per-file-ignores-not-a-list", "rule-dirs-is-a-file"],
)
def test_malformed_config(tmp_path, text, where, words):
    config(tmp_path, text)
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), f".xxgk-lint.yaml{where}", words)


def test_extends_a_directory(tmp_path):
    (tmp_path / "pack").mkdir()
    config(tmp_path, "extends: pack\n")
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), ".xxgk-lint.yaml:1:10", "extends")


def test_malformed_pyproject(tmp_path):
    config(tmp_path, '[project]\nname = "reports"\n\n[tool.xxgk-lint]\nignore = [S103]\n', name="pyproject.toml")
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), "pyproject.toml", "TOML", "line 5")


def test_pyproject_tool_table_is_an_array(tmp_path):
    config(tmp_path, '[[tool.xxgk-lint]]\nignore = ["S103"]\n', name="pyproject.toml")
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), "pyproject.toml", "映射")


def test_pyproject_tool_is_not_a_table(tmp_path):
    config(tmp_path, 'tool = "x"  # see [tool.xxgk-lint] below\n', name="pyproject.toml")
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), "pyproject.toml")


def test_config_yaml_bomb_fails_fast(tmp_path):
    config(tmp_path, billion_laughs(key="k"))
    assert_one_clear_error(run_process(tmp_path, "check", report(tmp_path), timeout=BOMB_SECONDS), ".xxgk-lint.yaml")


def test_config_nested_too_deep(tmp_path):
    config(tmp_path, "ignore: " + "[" * 1000 + "]" * 1000 + "\n")
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), ".xxgk-lint.yaml")


def test_config_with_a_control_character(tmp_path):
    config(tmp_path, "ignore: [S103]\nselect: [\x07]\n")
    assert_one_clear_error(run(tmp_path, "check", report(tmp_path)), ".xxgk-lint.yaml:2")


# ---- inputs ---------------------------------------------------------------------------------


def test_directory_without_supported_files(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.pdf").write_bytes(b"%PDF-1.4\n")
    assert_one_clear_error(run(tmp_path, "check", "reports"), "reports")


def test_symlink_loops_in_the_input_tree_are_not_followed(tmp_path):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    report(folder)
    (folder / "sub" / "up").symlink_to("..")  # a directory loop
    (folder / "loop.txt").symlink_to("loop.txt")  # a file loop
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    started = time.monotonic()
    code, out, err = run(tmp_path, "check", "--format", "text", "reports")
    assert time.monotonic() - started < 60 and code == 1 and err == ""
    assert "检查了 1 个文件" in out


def test_symlink_loop_named_on_the_command_line(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    code, out, err = run(tmp_path, "check", "--format", "text", "loop.txt")
    assert code == 1 and "Traceback" not in err and "loop.txt:1:1: error E001" in out


def test_symlink_loop_named_to_tree(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert_one_clear_error(run(tmp_path, "tree", "loop.txt"), "loop.txt")


def test_fifo_and_device_in_a_directory_do_not_hang(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    report(folder)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    code, out, err = run_process(tmp_path, "check", "--format", "text", "reports", timeout=30)
    assert code == 1 and "Traceback" not in err, err
    assert "r.txt" in out


@pytest.mark.parametrize("make", [lambda p: os.mkfifo(p), lambda p: p.symlink_to("/dev/zero")], ids=["fifo", "device"])
def test_fifo_or_device_named_on_the_command_line(tmp_path, make):
    make(tmp_path / "special.txt")
    code, out, err = run_process(tmp_path, "check", "--format", "text", "special.txt", timeout=30, memory_mb=512)
    assert code == 1 and "Traceback" not in err, err
    assert "special.txt:1:1: error E001" in out
    assert_one_clear_error(run_process(tmp_path, "tree", "special.txt", timeout=30, memory_mb=512), "special.txt")


def test_tree_of_a_directory(tmp_path):
    (tmp_path / "d.txt").mkdir()
    assert_one_clear_error(run(tmp_path, "tree", "d.txt"), "d.txt")


# ---- files we write and baselines -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["--output", "missing/out.txt"], ["--output", "."], ["--write-baseline", "missing/baseline.json"]],
    ids=["output-in-missing-folder", "output-is-a-directory", "baseline-in-missing-folder"],
)
def test_unwritable_output(tmp_path, args):
    assert_one_clear_error(run(tmp_path, "check", "--format", "text", *args, report(tmp_path)), args[1])


def test_baseline_that_is_a_directory(tmp_path):
    (tmp_path / "b.json").mkdir()
    assert_one_clear_error(run(tmp_path, "check", "--baseline", "b.json", report(tmp_path)), "b.json")


def test_baseline_not_utf8(tmp_path):
    (tmp_path / "b.json").write_bytes('{"format_version": 1, "findings": [{"path": "中"}]}'.encode("gbk"))
    assert_one_clear_error(run(tmp_path, "check", "--baseline", "b.json", report(tmp_path)), "b.json")


def test_baseline_nested_too_deep(tmp_path):
    (tmp_path / "b.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert_one_clear_error(run(tmp_path, "check", "--baseline", "b.json", report(tmp_path)), "b.json")
