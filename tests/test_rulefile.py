"""Rule files are validated at load: an invalid one is an error naming the file and line."""

import textwrap

import pytest

from linter import rulefile
from linter.cli import main
from linter.errors import RuleError

GOOD = """\
id: X901
name: missing-overview-local
category: section
severity: warning
regimes: ["2021"]
citation: 某省规定
message: 缺少“{part}”部分（{position}）
hint: 增加该部分。
check:
  kind: required-section
  part: overview
"""


def write_rule(tmp_path, text, name="X901-rule.yaml"):
    folder = tmp_path / "rules" / "local"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "rules", path


def test_good_rule_loads(tmp_path):
    directory, _ = write_rule(tmp_path, GOOD)
    (rule,) = rulefile.load_dir(directory)
    assert (rule.id, rule.severity, rule.regimes, rule.kind.part) == ("X901", "warning", ("2021",), "overview")


@pytest.mark.parametrize(
    "old, new, position, words",
    [
        ("severity: warning", "severity: [warning", (5, 8), "YAML 语法错误"),  # where PyYAML notices it
        ("hint: 增加该部分。", "hint: 增加该部分。\ncolour: red", (9, 1), "未知的键 (unknown key): colour"),
        ("severity: warning", "severity: fatal", (4, 11), "严重程度"),
        ("category: section", "category: style", (3, 11), "类别"),
        ('regimes: ["2021"]', 'regimes: ["2010"]', (5, 10), "regimes"),
        ('regimes: ["2021"]', "regimes: 2021", (5, 10), "regimes 类型错误"),
        ("id: X901", "id: x-901", (1, 5), "id 取值无效"),
        ("name: missing-overview-local", "name: Missing Overview", (2, 7), "name 取值无效"),
        ("  kind: required-section", "  kind: required-sections", (10, 9), "未知的检查类型"),
        ("  part: overview", "  part: preface", (11, 9), "没有部分"),
        ("  part: overview", "  part: 3", (11, 9), "参数 part 类型错误"),
        ("  part: overview", "  part: overview\n  depth: 2", (12, 3), "没有参数 (unknown parameter): depth"),
        ("  part: overview", "", (10, 3), "缺少参数 (missing parameter): part"),
        ("message: 缺少“{part}”部分（{position}）", "message: 缺少{section}", (7, 10), "未知占位符"),
        ("message: 缺少“{part}”部分（{position}）", "message: 缺少{part", (7, 10), "message 格式错误"),
        ("hint: 增加该部分。\n", "hint: 增加该部分。\nhint: 再说一遍\n", (9, 1), "重复的键"),
        ("id: X901\n", "", (1, 1), "缺少必需的键 (missing key): id"),
        ("id: X901", "id: E003", (1, 5), "留给引擎"),
    ],
)
def test_invalid_rule_names_file_line_and_column(tmp_path, old, new, position, words):
    assert old in GOOD
    directory, path = write_rule(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RuleError) as caught:
        rulefile.load_dir(directory)
    assert str(caught.value).startswith(f"{path}:{position[0]}:{position[1]}: ")
    assert words in str(caught.value)


def test_not_a_mapping(tmp_path):
    directory, path = write_rule(tmp_path, "- just\n- a list\n")
    with pytest.raises(RuleError, match="规则文件应为一个映射"):
        rulefile.load_dir(directory)


def test_duplicate_id_with_the_national_rules(tmp_path):
    directory, path = write_rule(tmp_path, GOOD.replace("X901", "S201"))
    with pytest.raises(RuleError, match="重复"):
        rulefile.load_all([directory])


def test_cli_reports_invalid_rule_and_exits_2(tmp_path, capsys):
    directory, path = write_rule(tmp_path, GOOD.replace("severity: warning", "severity: fatal"))
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n", encoding="utf-8")
    assert main(["check", "--format", "text", "--rules", str(directory), str(report)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:4:11: severity 取值无效" in err and "Traceback" not in err


def test_extra_rule_directory_runs(tmp_path, capsys):
    directory, _ = write_rule(tmp_path, GOOD)
    report = tmp_path / "r.md"
    report.write_text("# 某县2024年政府信息公开工作年度报告\n\n## 二、主动公开政府信息情况\n", encoding="utf-8")
    assert main(["check", "--format", "text", "--rules", str(directory), str(report)]) == 1
    out = capsys.readouterr().out
    assert "r.md:3:1: warning X901 缺少“一、总体情况”部分" in out


def test_extra_rule_files_at_any_depth(tmp_path):
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "X901.yaml").write_text(GOOD, encoding="utf-8")
    deep = tmp_path / "deep" / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "X902.yml").write_text(GOOD.replace("X901", "X902").replace("-local", "-deep"), encoding="utf-8")
    assert [r.id for r in rulefile.load_dir(flat)] == ["X901"]
    assert [r.id for r in rulefile.load_dir(tmp_path / "deep")] == ["X902"]


@pytest.mark.parametrize("make, words", [(lambda p: None, "规则目录不存在"), (lambda p: p.mkdir(), "没有规则文件")])
def test_missing_or_empty_rule_directory_is_an_error(tmp_path, make, words):
    make(tmp_path / "none")
    from linter.errors import UsageError

    with pytest.raises(UsageError, match=words):
        rulefile.load_dir(tmp_path / "none")


def test_rule_for_every_regime_skips_required_section_when_regime_unknown(tmp_path):
    from linter import engine

    rule_text = GOOD.replace('regimes: ["2021"]', 'regimes: ["2007", "2019", "2021"]')
    directory, _ = write_rule(tmp_path, rule_text.replace("part: overview", "part: proactive"))
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n没有年份的报告。\n", encoding="utf-8")
    result = engine.lint_file(str(report), rulefile.load_dir(directory), engine.Overrides())
    assert result.diagnostics == []  # not an internal error


def test_example_regime_may_be_an_unquoted_year(tmp_path):
    text = GOOD + "examples:\n  pass:\n    regime: 2021\n    text: |\n      青禾县2023年政府信息公开工作年度报告\n"
    directory, _ = write_rule(tmp_path, text)
    (rule,) = rulefile.load_dir(directory)
    assert rule.examples["pass"].regime == "2021"
