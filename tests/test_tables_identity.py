"""Identities are data: the expression language (grammars/identity.lark), its interpreter, and
rule files whose identity is malformed failing at load with file and line."""

import textwrap

import pytest

from conftest import FIXTURES, SAMPLES, lint_path
from linter import readers, rulefile
from linter.errors import RuleError
from linter.grammars.identity import IdentityError, Ref, parse
from linter.tables import standard_table
from linter.tables.evaluate import failures

A1 = "t2[total, _] + t2[carry_forward, _] == t2[new, _] + t2[carried, _]"


def test_parse_builds_the_tree():
    (identity,) = parse(A1)
    assert identity.op == "==" and identity.axis() == ("column", 2)
    assert identity.at() == Ref(2, "total", "_", 1, 1)
    assert [(r.row, r.column) for r in identity.refs()] == [("total", "_"), ("carry_forward", "_"), ("new", "_"),
                                                            ("carried", "_")]


def test_several_identities_one_per_line():
    identities = parse("t3[cases, review.total] == t3[cases, review.upheld] + 1\n\n"
                       "t2[_, total] >= sum(t2[_, org.*]) - 2\n")
    assert [(i.line, i.op, i.axis()) for i in identities] == [(1, "==", None), (3, ">=", ("row", 2))]


@pytest.mark.parametrize("text, words, where", [
    ("t2[total, _] == t2[new, _] +", "表达式不完整", (1, 29)),
    ("t2[total] == 1", "无法解析", (1, 9)),
    ("t4[total, _] == 1", "无法解析", (1, 1)),
    ("t2[total, _] = 1", "无法解析", (1, 14)),
    ("__import__('os') == 1", "无法解析", (1, 1)),
    ("t2[other*, _] == 1", "sum()", (1, 1)),
    ("t2[_, _] == 1", "不能同时", (1, 1)),
    ("t2[_, total] == t3[cases, _]", "同一张表", (1, 1)),
    ("1 == 1\nt2[total, _] == (t2[new, _]", "表达式不完整", (2, 29)),
])
def test_malformed_identities(text, words, where):
    with pytest.raises(IdentityError) as caught:
        parse(text)
    assert words in str(caught.value)
    assert (caught.value.line, caught.value.column)[: len(where)] == where or caught.value.line == where[0]


RULE = """\
id: X301
name: local-balance
category: arithmetic
severity: error
regimes: ["2019", "2021"]
message: "{table}“{column}”列：{left_terms} = {left}，{right_terms} = {right}"
check:
  kind: table-identity
  identity: |
    IDENTITY
"""


def write_rule(tmp_path, identity):
    folder = tmp_path / "rules" / "local"
    folder.mkdir(parents=True)
    path = folder / "X301.yaml"
    path.write_text(textwrap.dedent(RULE).replace("IDENTITY", identity), encoding="utf-8")
    return tmp_path / "rules", path


@pytest.mark.parametrize("identity, words", [
    ("t2[total, _] == t2[new, _] +", "恒等式有误 (bad identity)，第 1 行第 29 列：表达式不完整"),
    ("t2[total, _] == t2[received, _]", "表2没有行键 (no such row key) “received”"),
    ("t3[cases, review.*] == 1", "带 * 的键只能用在 sum() 中"),
    ("t2[_, total] == sum(t2[_, company.*])", "表2没有列键 (no such column key) “company.*”"),
])
def test_a_bad_identity_is_a_rule_error_with_file_and_line(tmp_path, identity, words):
    directory, path = write_rule(tmp_path, identity)
    with pytest.raises(RuleError) as caught:
        rulefile.load_dir(directory)
    assert str(caught.value).startswith(f"{path}:9:")  # the line of `identity:`
    assert words in str(caught.value)


def test_a_good_identity_from_a_rule_directory_runs(tmp_path):
    directory, _ = write_rule(tmp_path, "t2[_, total] == t2[_, natural] + sum(t2[_, org.*])")
    (rule,) = rulefile.load_dir(directory)
    result = lint_path(SAMPLES / "yongshan-county-2020.txt", [rule])
    assert [(d.rule, d.line, d.column) for d in result.diagnostics] == [("X301", 54, 33)]
    assert result.diagnostics[0].message == "表二“总计”列：总计 27 = 27，自然人 0 + 法人或其他组织合计 0 = 0"


def test_placeholders_count_as_zero_and_words_leave_a_column_unchecked(tmp_path):
    text = (FIXTURES / "tables" / "report-2021-flat.txt").read_text("utf-8")
    broken = text.replace("（七）总计 | 21 | 3 |", "（七）总计 | 暂无 | 3 |").replace(
        "四、结转下年度继续办理 | 1 | 1 |", "四、结转下年度继续办理 | 1 | / |")
    path = tmp_path / "r.txt"
    path.write_text(broken, encoding="utf-8")
    doc = readers.read(str(path))
    (identity,) = parse(A1)
    found = list(failures(identity, lambda n: standard_table(doc, n)))
    # 自然人: 暂无 is no number, not checked; 商业企业: 3 + “/”(0) = 3 but 3 + 1 = 4 were received
    assert [(f.each, f.left, f.right) for f in found] == [("org.business", 3, 4)]
    assert found[0].left_terms == "（七）总计 3 + 四、结转下年度继续办理 0"
    assert found[0].right_terms == "一、本年新收政府信息公开申请数量 3 + 二、上年结转政府信息公开申请数量 1"
    assert (found[0].cell.line, found[0].cell.text) == (52, "3")


def test_a_missing_row_leaves_the_identity_unchecked():
    doc = readers.read(str(SAMPLES / "yongshan-county-2020.txt"))
    (identity,) = parse(A1)  # 二、上年结转 lost a cell: its values are not placed, A1 is not evaluated
    assert list(failures(identity, lambda n: standard_table(doc, n))) == []
