"""The generic text kinds over every scope, matched on normalised text with original positions."""

import textwrap

import pytest

from linter import engine, rulefile
from linter.errors import RuleError

REPORT = """\
青禾县2021年政府信息公开工作年度报告
本报告根据《条例》编制，统计期限自2021年1月1日起至2021年12月31日止。
一、总体情况
（一）主动公开。全年主动公开信息１２０条，
通过政府网站发布。
二、主动公开政府信息情况
第二十条第（一）项 | 本年制发件数 |
规章 | 0 |
三、收到和处理政府信息公开申请情况
全年收到申请10件。
四、政府信息公开行政复议、行政诉讼情况
无。
五、存在的主要问题及改进情况
一是解读形式单一。
（一）改进措施
下一步将丰富解读形式。
六、其他需要报告的事项
本年度未收取信息处理费。（单位名称）
"""


def rule(tmp_path, check: str, message: str = "{missing}", regimes='["2019", "2021"]'):
    text = f"""\
id: X100
name: probe
category: template
severity: warning
regimes: {regimes}
message: "{message}"
check:
{textwrap.indent(textwrap.dedent(check), "  ")}"""
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "X100.yaml").write_text(text, encoding="utf-8")
    return rulefile.load_dir(folder)


def fire(tmp_path, check, text=REPORT, message="{missing}", suffix=".txt"):
    rules = rule(tmp_path, check, message)
    path = tmp_path / f"r{suffix}"
    path.write_text(text, encoding="utf-8")
    return [(d.line, d.column, d.end_line, d.end_column, d.message)
            for d in engine.lint_file(str(path), rules, engine.Overrides()).diagnostics]


def test_forbid_text_reports_each_place_with_original_columns(tmp_path):
    found = fire(tmp_path, "kind: forbid-text\nkeywords: [(单位名称)]\n", message="{match}")
    assert found == [(18, 13, 18, 19, "（单位名称）")]  # half-width in the rule; quoted as the report writes it


def test_match_across_a_paragraph_line_break(tmp_path):
    found = fire(tmp_path, "kind: forbid-text\nkeywords: ['信息１２０条，通过']\nscope: body\n", message="{match}")
    assert found == [(4, 15, 5, 3, "信息１２０条，通过")]  # matched normalised across the line break


@pytest.mark.parametrize(
    "scope, words, fires",
    [
        ("document", "统计期限", False),
        ("title", "年度报告", False),
        ("title", "统计期限", True),
        ("intro", "统计期限", False),
        ("intro", "全年收到申请", True),
        ("headings", "改进措施", False),  # a sub-heading
        ("headings", "丰富解读", True),
        ("tables", "本年制发件数", False),
        ("tables", "全年收到申请", True),
        ("body", "全年收到申请", False),
        ("body", "本年制发件数", True),  # table text is not body text
        ("{part: problems}", "丰富解读形式", False),
        ("{part: problems, subsections: false}", "丰富解读形式", True),
        ("{part: problems}", "存在的主要问题", True),  # the part's own heading is not its text
        ("{part: requests}", "收到申请", False),
    ],
)
def test_require_text_scopes(tmp_path, scope, words, fires):
    found = fire(tmp_path, f"kind: require-text\nscope: {scope}\nkeywords: [{words}]\n")
    assert bool(found) == fires


def test_require_text_reports_at_the_part_heading(tmp_path):
    found = fire(tmp_path, "kind: require-text\nscope: {part: problems}\nkeywords: [措施]\npatterns: ['不足|短板']\n"
                 "match: all\n")
    assert found == [(13, 1, 13, 15, "不足|短板")]


def test_require_text_silent_when_part_missing(tmp_path):
    text = REPORT.replace("五、存在的主要问题及改进情况", "本部分从略")
    assert fire(tmp_path, "kind: require-text\nscope: {part: problems}\nkeywords: [不存在的词]\n", text=text) == []


def test_require_any_of(tmp_path):
    check = """\
    kind: require-any-of
    scope: {part: overview}
    min: 2
    groups:
      主动公开: [主动公开]
      依申请公开: [依申请, 收到申请]
      监督保障: [监督保障, 考核]
    """
    found = fire(tmp_path, check, message="{count}/{min} 已有 {found}，缺 {missing}")
    assert found == [(3, 1, 3, 7, "1/2 已有 主动公开，缺 依申请公开、监督保障")]
    assert fire(tmp_path, check.replace("min: 2", "min: 1")) == []


def test_regex_pattern_on_normalised_text(tmp_path):
    found = fire(tmp_path, "kind: forbid-text\npatterns: ['\\d+条']\n", message="{match}")
    assert [f[0] for f in found] == [4]


@pytest.mark.parametrize(
    "check, words",
    [
        ("kind: forbid-text\npatterns: ['(未闭合']\n", "无效的正则表达式"),
        ("kind: forbid-text\npatterns: ['\\b报告\\b']\n", "词边界"),
        ("kind: forbid-text\npatterns: ['x*']\n", "匹配空文本"),
        ("kind: forbid-text\n", "keywords 或 patterns"),
        ("kind: forbid-text\nkeywords: ['']\n", "非空字符串"),
        ("kind: forbid-text\nkeywords: [a]\nscope: everywhere\n", "无效的范围"),
        ("kind: forbid-text\nkeywords: [a]\nscope: {part: preface}\n", "没有部分"),
        ("kind: require-text\nkeywords: [a]\nmatch: some\n", "match 应为"),
        ("kind: require-any-of\ngroups: {}\n", "groups 不能为空"),
        ("kind: require-any-of\ngroups: {a: [x]}\nmin: 3\n", "min 应在"),
        ("kind: numbering\nproblems: [typo]\n", "未知的编号问题"),
    ],
)
def test_invalid_text_rules(tmp_path, check, words):
    with pytest.raises(RuleError, match=words) as caught:
        rule(tmp_path, check)
    assert "X100.yaml:" in str(caught.value)


def test_catastrophic_pattern_is_bounded_and_reported(tmp_path):
    import time

    rules = rule(tmp_path, "kind: forbid-text\npatterns: ['(a|aa)+$']\n", message="{match}")
    path = tmp_path / "r.txt"
    path.write_text("青禾县2021年政府信息公开工作年度报告\n" + "a" * 60 + "!\n", encoding="utf-8")
    started = time.monotonic()
    (d,) = engine.lint_file(str(path), rules, engine.Overrides()).diagnostics
    assert time.monotonic() - started < 5
    assert (d.rule, d.name) == ("E002", "internal-error") and "X100" in d.message and "timed out" in d.message


def test_forbid_line_patterns_are_time_bounded_too(tmp_path):
    rules = rule(tmp_path, "kind: forbid-line\npatterns: ['(a|aa)+']\n", message="{match}")
    path = tmp_path / "r.txt"
    path.write_text("青禾县2021年政府信息公开工作年度报告\n" + "a" * 60 + "!\n", encoding="utf-8")
    (d,) = engine.lint_file(str(path), rules, engine.Overrides()).diagnostics
    assert d.rule == "E002" and "timed out" in d.message
