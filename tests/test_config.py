"""Configuration: discovery, extends, select/ignore, severity, per-path overrides, errors."""

import json
import textwrap

import pytest

from conftest import SAMPLES
from linter.cli import main

JIANGNAN = (SAMPLES / "jiangnan-subdistrict-2017.txt").read_text("utf-8")  # S103 error at 78


def setup(tmp_path, config: str, name=".xxgk-lint.yaml", report="reports/2017/jiangnan.txt", text=JIANGNAN):
    (tmp_path / name).write_text(textwrap.dedent(config), encoding="utf-8")
    path = tmp_path / report
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(capsys, *args):
    code = main(["check", "--format", "json", *map(str, args)])
    captured = capsys.readouterr()
    data = json.loads(captured.out) if captured.out.startswith("{") else None
    return code, data, captured.err


def rules_of(data):
    """The section, numbering and test rules' findings (other rule packs evolve on their own)."""
    return [(d["rule"], d["severity"], d["line"]) for f in data["files"] for d in f["diagnostics"]
            if d["rule"][0] in "SNX"]


def test_found_by_walking_up_and_ignore(tmp_path, capsys):
    path = setup(tmp_path, "ignore: [S103, F101]\n")
    code, data, _ = lint(capsys, path)
    assert code == 0 and rules_of(data) == []


def test_select_by_category_and_severity_override(tmp_path, capsys):
    path = setup(tmp_path, "select: [section]\nseverity: {missing-fees-2007: warning}\n")
    code, data, _ = lint(capsys, path)
    assert code == 0 and rules_of(data) == [("S103", "warning", 78)]


def test_fail_level_from_config_and_command_line_wins(tmp_path, capsys):
    path = setup(tmp_path, "severity: {S103: warning, F101: warning}\nfail-level: warning\n")
    assert lint(capsys, path)[0] == 1
    assert lint(capsys, "--fail-level", "error", path)[0] == 0


def test_pyproject_table(tmp_path, capsys):
    path = setup(tmp_path, '[project]\nname = "reports"\n\n[tool.xxgk-lint]\nignore = ["S103"]\n', name="pyproject.toml")
    assert rules_of(lint(capsys, path)[1]) == []


def test_extends_a_provincial_pack(tmp_path, capsys):
    (tmp_path / "province").mkdir()
    (tmp_path / "province" / "pack.yaml").write_text("severity: {S103: info}\nignore: [N101]\n", encoding="utf-8")
    path = setup(tmp_path, "extends: province/pack.yaml\nfail-level: info\n")
    code, data, _ = lint(capsys, path)
    assert code == 1 and rules_of(data) == [("S103", "info", 78)]


def test_per_file_ignores_and_overrides(tmp_path, capsys):
    path = setup(tmp_path, """\
        per-file-ignores:
          "reports/2017/*.txt": [S103]
        overrides:
          - files: ["reports/*"]
            organ: department
    """)
    code, data, _ = lint(capsys, path)
    assert rules_of(data) == [] and data["files"][0]["organ"] == "department"


def test_default_regime_and_organ_and_command_line_wins(tmp_path, capsys):
    path = setup(tmp_path, "organ: township\n", text="一、总体情况\n没有年份。\n")
    data = lint(capsys, path)[1]
    assert data["files"][0]["organ"] == "township"
    data = lint(capsys, "--organ", "government", path)[1]
    assert data["files"][0]["organ"] == "government"


def test_explicit_config_option(tmp_path, capsys):
    path = setup(tmp_path, "ignore: [S103]\n")
    (tmp_path / "other.yaml").write_text("severity: {S103: warning, F101: warning}\n", encoding="utf-8")
    code, data, _ = lint(capsys, "--config", tmp_path / "other.yaml", path)  # the discovered file is not read
    assert code == 0 and rules_of(data) == [("S103", "warning", 78)]


def test_rule_dirs_from_config(tmp_path, capsys):
    (tmp_path / "local").mkdir()
    rule = (SAMPLES.parent.parent.parent / "rules" / "section" / "S103-missing-fees-2007.yaml").read_text("utf-8")
    (tmp_path / "local" / "X103.yaml").write_text(
        rule.replace("S103", "X103").replace("missing-fees-2007", "local-fees").replace("severity: error",
                                                                                       "severity: warning"),
        encoding="utf-8")
    path = setup(tmp_path, "rule-dirs: [local]\nselect: [X103]\n")
    assert rules_of(lint(capsys, path)[1]) == [("X103", "warning", 78)]


def test_deadlines_reach_the_document(tmp_path):
    from linter import engine

    path = setup(tmp_path, 'deadlines: {township: "02-20"}\n')
    result = engine.Runner(engine.Options()).lint_path(str(path))
    assert result.document.context["deadlines"] == {"township": "02-20"}


def test_command_line_select_and_ignore(tmp_path, capsys):
    path = setup(tmp_path, "{}\n")
    assert rules_of(lint(capsys, "--select", "S103", path)[1]) == [("S103", "error", 78)]
    assert rules_of(lint(capsys, "--ignore", "S103,N101", path)[1]) == []


@pytest.mark.parametrize(
    "config, where, words",
    [
        ("ignore: [S999]\n", ":1:10: ", "未知的规则"),
        ("select: [sections]\n", ":1:10: ", "未知的规则"),
        ("severity: {S103: fatal}\n", ":1:18: ", "severity 的值"),
        ("severity: {X1: info}\n", ":1:12: ", "未知的规则"),
        ("colour: red\n", ":1:1: ", "未知的配置项"),
        ("fail-level: always\n", ":1:13: ", "fail-level"),
        ("organ: ministry\n", ":1:8: ", "organ 应为"),
        ("deadlines: {township: 2-20}\n", ":1:23: ", "deadlines"),
        ("extends: missing.yaml\n", ":1:10: ", "extends 指向的文件不存在"),
        ("rule-dirs: [nowhere]\n", ":1:13: ", "规则目录不存在"),
        ("per-file-ignores: {'*.txt': [S998]}\n", ":1:30: ", "未知的规则"),
        ("overrides:\n  - files: ['*']\n    ignore: [S997]\n", ":3:14: ", "未知的规则"),
        ("overrides:\n  - files: ['*']\n    fail-level: info\n", ":3:5: ", "不能用"),
        ("ignore: [S103\n", ":2:1: ", "YAML 语法错误"),
    ],
)
def test_config_errors_name_file_line_column(tmp_path, capsys, config, where, words):
    path = setup(tmp_path, config)
    code, _, err = lint(capsys, path)
    assert code == 2
    assert f".xxgk-lint.yaml{where}" in err and words in err and "Traceback" not in err


def test_circular_extends(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text("extends: .xxgk-lint.yaml\n", encoding="utf-8")
    path = setup(tmp_path, "extends: a.yaml\n")
    code, _, err = lint(capsys, path)
    assert code == 2 and "circular extends" in err


def test_unknown_rule_on_command_line(tmp_path, capsys):
    path = setup(tmp_path, "{}\n")
    code, _, err = lint(capsys, "--ignore", "S999", path)
    assert code == 2 and "未知的规则" in err and "S999" in err


def test_year_on_the_command_line_wins_over_a_configured_regime(tmp_path, capsys):
    path = setup(tmp_path, 'regime: "2021"\n', text="一、总体情况\n没有年份。\n")
    assert lint(capsys, path)[1]["files"][0]["regime"] == "2021"
    assert lint(capsys, "--year", "2016", path)[1]["files"][0]["regime"] == "2007"


def test_summary_reports_have_a_configurable_deadline(tmp_path):
    from linter import engine

    path = setup(tmp_path, 'deadlines: {summary: "02-28", township: "02-20"}\n')
    result = engine.Runner(engine.Options()).lint_path(str(path))
    assert result.document.context["deadlines"] == {"summary": "02-28", "township": "02-20"}
