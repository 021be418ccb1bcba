"""C201/C202: the parts listed after 其中 fit their total, and their shares agree."""

import pytest

from conftest import FIXTURES, ROOT, SAMPLES, findings, lint_path

HEAD = "青禾县2022年政府信息公开工作年度报告\n一、总体情况\n"


def only(result, *rules):
    return [(d.rule, d.line, d.column, d.message) for d in result.diagnostics if d.rule in rules]


def test_real_report_whose_parts_exceed_the_total(rules):
    result = lint_path(FIXTURES / "noisy" / "shanghai-stc-2024-pdf2md.md", rules)
    assert only(result, "C201", "C202") == [
        ("C201", 66, 6, "“其中”所列 1744条、393条、21条、2条 超过了总数 2139条（各项之和 2160）")]


@pytest.mark.parametrize("name", ["huaian-city-2024.txt", "gaoping-city-2012.txt", "yongshan-county-2020.txt",
                                  "hongze-district-2024.txt", "jiangnan-subdistrict-2017.txt"])
def test_real_reports_that_add_up_are_silent(rules, name):
    """Huai'an goes on from 行政复议351件，其中… to 行政诉讼46件，其中…; Gaoping states shares."""
    assert only(lint_path(SAMPLES / name, rules), "C201", "C202") == []


def test_clean_example_is_silent(rules):
    assert only(lint_path(ROOT / "examples" / "clean-2021.md", rules), "C201", "C202") == []


@pytest.mark.parametrize(
    "body, expected",
    [
        ("全年主动公开政府信息2000条。其中，网站公开1500条，新媒体公开800条。", [("C201", 3)]),
        ("共受理申请30件，其中网上申请32件。", [("C201", 3)]),  # one part alone exceeds
        ("共受理申请30件，其中自然人申请25件，办结28件。", []),  # 办结 starts a new statement
        ("共受理申请30件，其中自然人25件、法人10件；办结28件。", [("C201", 3)]),
        ("行政复议2件，其中维持1件、尚未审结1件；行政诉讼1件。", []),  # the semicolon ends the list
        ("发布信息1046余条，其中网站1000条，新媒体300条。", []),  # 余: approximate, not added up
        ("全年主动公开政府信息2000条。其中，网站公开1500条，占80%。", [("C202", 3)]),
        ("全年主动公开政府信息8335条。其中，市直6213条，占74.5%；乡镇2122条，占25.5%。", []),
        ("全年主动公开政府信息3条。其中，网站公开1条，占33.3%。", []),
        ("全年主动公开政府信息3条。其中，网站公开1条，占33%。", []),
        ("全年主动公开政府信息3条。其中，网站公开1条，占34%。", [("C202", 3)]),
        ("其中网站公开1500条。", []),  # no total before 其中
    ],
)
def test_cases(lint_text, body, expected):
    assert [f for f in findings(lint_text(HEAD + body + "\n")) if f[0] in ("C201", "C202")] == expected


def test_share_is_reported_at_the_percentage(lint_text):
    result = lint_text(HEAD + "全年主动公开政府信息2000条。其中，网站公开1500条，占80%。\n")
    (d,) = [d for d in result.diagnostics if d.rule == "C202"]
    assert (d.line, d.column, d.end_column) == (3, 30, 34)  # 占80%
    assert d.message == "1500条“占80%”与总数 2000条 不符（应约为 75.0%）"
