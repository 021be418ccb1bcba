"""Numbers the text states about requests, reconsiderations and lawsuits agree with tables 2 and 3
(regulation §9 A8): rules C101–C106, kind prose-number."""

import textwrap

import pytest

from conftest import FIXTURES, ROOT, SAMPLES, findings, lint_path
from linter import rulefile
from linter.errors import RuleError

HUAIAN = SAMPLES / "huaian-city-2024.txt"


def cross(result):
    return [f for f in findings(result) if f[0].startswith("C1")]


@pytest.mark.parametrize("path", [HUAIAN, SAMPLES / "hongze-district-2023.txt", SAMPLES / "yongshan-county-2020.txt",
                                  ROOT / "examples" / "clean-2021.md", ROOT / "examples" / "defective-2020.txt",
                                  FIXTURES / "noisy" / "shuyang-county-2025-ocr.md"], ids=lambda p: p.name)
def test_text_that_agrees_with_the_tables_is_silent(rules, path):
    """Huai'an: 受理3119 · 答复3050 · 上年度结转34 · 103件顺延到下年度 · 行政复议351 · 行政诉讼46 (= 26 + 20);
    Shuyang: 受理749 (= 713 new + 36 carried over) · 共办理718 · 结转下一年31."""
    assert cross(lint_path(path, rules)) == []


# (text as published, changed, rule, line, column of the number)
CHANGES = [
    ("共受理政府信息公开申请3119 件", "共受理政府信息公开申请3118 件", "C101", 29, 26),
    ("上年度结转申请34 件", "上年度结转申请35 件", "C102", 30, 17),
    ("复3050 件（", "复3051 件（", "C103", 30, 2),
    ("另有103 件顺延", "另有104 件顺延", "C104", 30, 24),
    ("政府信息公开行政复议351", "政府信息公开行政复议352", "C105", 31, 27),
    ("政府信息公开行政诉讼46 件", "政府信息公开行政诉讼47 件", "C106", 33, 19),
]


@pytest.mark.parametrize("old, new, rule, line, column", CHANGES, ids=[c[2] for c in CHANGES])
def test_a_number_that_disagrees_is_reported_at_the_number(lint_text, old, new, rule, line, column):
    text = HUAIAN.read_text("utf-8")
    assert old in text
    result = lint_text(text.replace(old, new))
    assert cross(result) == [(rule, line)]
    (d,) = [d for d in result.diagnostics if d.rule == rule]
    assert (d.column, d.severity, d.category) == (column, "warning", "crosscheck")


def test_messages_show_the_text_and_the_table(lint_text):
    result = lint_text(HUAIAN.read_text("utf-8").replace("政府信息公开行政诉讼46 件", "政府信息公开行政诉讼47 件"))
    (d,) = [d for d in result.diagnostics if d.rule == "C106"]
    assert d.message == ("正文所述行政诉讼案件数为 47（“行政诉讼47件”），与表三不符：未经复议直接起诉 总计 26 + "
                         "复议后起诉 总计 20 = 46；或 未经复议直接起诉 总计 26；或 复议后起诉 总计 20")


def test_received_may_or_may_not_count_the_carried_over(lint_text, rules):
    """受理 749 in Shuyang is new (713) plus carried over (36); 713 alone is right too; 750 is not."""
    text = (FIXTURES / "noisy" / "shuyang-county-2025-ocr.md").read_text("utf-8")
    assert cross(lint_text(text.replace("共受理政府信息公开申请 749 件", "共受理政府信息公开申请 713 件"), ".md")) == []
    assert cross(lint_text(text.replace("共受理政府信息公开申请 749 件", "共受理政府信息公开申请 750 件"), ".md")) == [
        ("C101", 26)]


def test_real_disagreement_in_hongze_2024(rules):
    """The text says the office received 17 requests; table 2 says 95 were received."""
    result = lint_path(SAMPLES / "hongze-district-2024.txt", rules)
    assert cross(result) == [("C101", 25)]
    (d,) = [d for d in result.diagnostics if d.rule == "C101"]
    assert d.message == ("正文所述收到（受理、新收）的申请数量为 17（“受理政府信息公开申请17件”），"
                         "与表二不符：一、本年新收政府信息公开申请数量·总计 95")


def test_silent_without_a_readable_table(rules):
    """Shanghai STC: table 2 cannot be read, table 3 not recognised — its numbers are not checked."""
    assert cross(lint_path(FIXTURES / "noisy" / "shanghai-stc-2024-pdf2md.md", rules)) == []


def test_numbers_inside_tables_are_not_prose(lint_text):
    """A note inside a table taken from a PDF reads like a sentence of the body, but is not one."""
    text = (FIXTURES / "tables" / "report-2021-pdf.txt").read_text("utf-8")
    assert "\n- 4 -\n" in text
    result = lint_text(text.replace("\n- 4 -\n", "\n- 4 -\n上年结转申请9件\n"))
    assert cross(result) == [] and [f for f in findings(result) if f[0][0] in "TA"] == []


RULE = """\
id: X401
name: local-cross
category: crosscheck
severity: warning
regimes: ["2021"]
message: "{number} {expected}"
check:
  kind: prose-number
  patterns: [PATTERN]
  accept: ACCEPT
"""


@pytest.mark.parametrize("pattern, accept, words", [
    ("'收到(\\d+)件'", "value == t2[new, total]", "数字分组"),
    ("'收到(?P<n>\\d+)件'", "t2[new, total] == 1", "没有用到 value"),
    ("'收到(?P<n>\\d+)件'", "value == t2[received, total]", "没有行键"),
    ("'收到(?P<n>\\d+)件'", "value ==", "表达式不完整"),
])
def test_bad_cross_check_rules_fail_at_load(tmp_path, pattern, accept, words):
    folder = tmp_path / "rules" / "local"
    folder.mkdir(parents=True)
    path = folder / "X401.yaml"
    path.write_text(textwrap.dedent(RULE).replace("PATTERN", pattern).replace("ACCEPT", accept), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        rulefile.load_dir(tmp_path / "rules")
    assert str(caught.value).startswith(str(path)) and words in str(caught.value)


def test_value_is_only_for_cross_checks(tmp_path):
    folder = tmp_path / "rules" / "local"
    folder.mkdir(parents=True)
    (folder / "X402.yaml").write_text(textwrap.dedent("""\
        id: X402
        name: local-identity
        category: arithmetic
        severity: error
        regimes: ["2021"]
        message: "{left}"
        check:
          kind: table-identity
          identity: value == t2[new, total]
        """), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        rulefile.load_dir(tmp_path / "rules")
    assert ":9:" in str(caught.value) and "value 只能用在正文核对规则中" in str(caught.value)
