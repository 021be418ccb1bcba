"""The table and arithmetic rules on the real samples and the examples: what they report, where,
and what they say."""

import pytest

from conftest import FIXTURES, ROOT, SAMPLES, findings, lint_path

EXAMPLES = ROOT / "examples"


def table_findings(result):
    return [f for f in findings(result) if f[0][0] in "TA"]


def diagnostics(result, rule):
    return [d for d in result.diagnostics if d.rule == rule]


def test_yongshan_total_row_and_lost_cell(rules):
    result = lint_path(SAMPLES / "yongshan-county-2020.txt", rules)
    assert table_findings(result) == [("T126", 33), ("A102", 54), ("A103", 54)]
    (lost,) = diagnostics(result, "T126")
    assert (lost.line, lost.end_line, lost.severity) == (33, 34, "error")
    assert lost.message == "表二“二、上年结转政府信息公开申请数量”行有 6 个数值，而表头有 7 列：无法确定缺少或多出的是哪一格"
    (row,) = diagnostics(result, "A102")  # （七）总计 | 0 | … : 自然人 0, the results add up to 27
    assert row.column == len("(七)总计 | ") + 1 and row.category == "arithmetic"
    assert row.message.startswith("表二“（七）总计”行“自然人”列为 0，而各项办理结果之和为 27（（一）予以公开 27 + ")
    assert row.message.endswith("相差 27")
    (column,) = diagnostics(result, "A103")
    assert column.message == "表二“（七）总计”行总计为 27，而各类申请人之和为 0（自然人 0 + 法人或其他组织合计 0），相差 27"
    assert "勾稽" not in column.citation and "〔2021〕30号" in column.citation


def test_defective_example_findings_are_those_documented(rules):
    """tests/fixtures/defective-2020.expected.md: the “/” of line 35 and the wrong （七）总计 of line 55."""
    result = lint_path(EXAMPLES / "defective-2020.txt", rules)
    assert table_findings(result) == [("T131", 35), ("A102", 55), ("A102", 55)]
    slash, natural, total = [d for d in result.diagnostics if d.rule in ("T131", "A102")]
    assert (slash.severity, slash.column, slash.end_column) == ("warning", 28, 29)
    assert slash.message == "表二“二、上年结转政府信息公开申请数量”行“科研机构”列为“/”：应填写数字，没有的填 0"
    assert "自然人”列为 11，而各项办理结果之和为 10" in natural.message and natural.message.endswith("相差 1")
    assert "总计”列为 13，而各项办理结果之和为 12" in total.message
    assert "国办公开办函〔2019〕60号" in natural.citation


@pytest.mark.parametrize("path", [EXAMPLES / "clean-2021.md", SAMPLES / "huaian-city-2024.txt",
                                  *sorted((FIXTURES / "tables").glob("report-*"))], ids=lambda p: p.name)
def test_reports_with_sound_tables_have_no_table_finding(rules, path):
    assert table_findings(lint_path(path, rules)) == []


def test_hongze_2023(rules):
    result = lint_path(SAMPLES / "hongze-district-2023.txt", rules)
    assert table_findings(result) == [("T127", 141), ("T111", 265), ("A104", 323), ("A104", 333)]
    (old,) = diagnostics(result, "T111")
    assert old.severity == "error"
    assert old.message == "表二仍使用 2019 年试行格式：（六）其他处理（单行，未分三项）（共 1 处旧格式标签）"
    (label,) = diagnostics(result, "T127")
    assert label.severity == "warning" and "“2.其他法律行政止公开”" in label.message
    review, after = diagnostics(result, "A104")
    assert review.message.startswith("表三“行政复议 总计”为 0，而该组各项之和为 11（行政复议 结果维持 10 + ")
    assert after.message.startswith("表三“复议后起诉 总计”为 0，而该组各项之和为 5")


def test_hongze_2024(rules):
    result = lint_path(SAMPLES / "hongze-district-2024.txt", rules)
    assert table_findings(result) == [("T127", 142), ("T111", 266)]


def test_damaged_conversions_say_so_once(rules):
    shanghai = lint_path(FIXTURES / "noisy" / "shanghai-stc-2024-pdf2md.md", rules)
    assert table_findings(shanghai) == [("T129", 100)]  # table 2 too damaged: nothing else about it
    (d,) = diagnostics(shanghai, "T129")
    assert d.message == "表二无法可靠读取：23 行中有 8 行无法识别或数值个数不符，未检查其数值"
    shuyang = lint_path(FIXTURES / "noisy" / "shuyang-county-2025-ocr.md", rules)
    assert table_findings(shuyang) == [("T128", 97)]  # 类别 | 数据1 … : read in the standard order


def test_missing_table_is_reported_at_its_part(lint_text):
    lines = (SAMPLES / "yongshan-county-2020.txt").read_text("utf-8").split("\n")
    without_t2 = lines[:28] + ["本年度共受理政府信息公开申请27件。"] + lines[55:]
    result = lint_text("\n".join(without_t2))
    assert [f for f in table_findings(result) if f[0].startswith("T1")] == [("T102", 28)]
    (d,) = diagnostics(result, "T102")
    assert d.message == "缺少表二（收到和处理政府信息公开申请情况）：“三、收到和处理政府信息公开申请情况”部分中没有统计表"


def test_missing_tables_not_reported_before_2019(lint_text):
    text = "某县2015年政府信息公开工作年度报告\n一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n"
    assert table_findings(lint_text(text)) == []


def test_table_rules_are_listed_with_their_categories(rules):
    ours = {r.id: r for r in rules if r.id[0] in "TA" and r.id[1:].isdigit()}
    assert {r.category for r in ours.values()} == {"table", "arithmetic"}
    assert all(set(r.regimes) <= {"2019", "2021"} for r in ours.values())
    assert all("国办公开办函" in r.citation for r in ours.values())
    assert {i for i in ours if i.startswith("A")} == {"A101", "A102", "A103", "A104"}


def test_a_row_without_label_is_unknown_and_the_row_it_replaced_missing(lint_text):
    text = (FIXTURES / "tables" / "report-2021-flat.txt").read_text("utf-8").replace(
        "四、结转下年度继续办理 | 1 | 1 |", "| 1 | 1 |")
    result = lint_text(text)
    assert [f for f in table_findings(result) if f[0].startswith("T")] == [("T121", 52), ("T123", 53)]
    (missing,) = diagnostics(result, "T121")
    assert missing.message == "表二缺少 1 行：四、结转下年度继续办理（应位于“（七）总计”之后）"


@pytest.mark.parametrize("written, fires", [("961716000", True), ("96171.6万元", False), ("9617元", True),
                                            ("96171.6", False)])
def test_fee_amount_in_wan_yuan(lint_text, written, fires):
    """本年收费金额（单位：万元）: Huai'an's 96171.6 (万元) written in 元, or with a unit, is flagged."""
    text = (SAMPLES / "huaian-city-2024.txt").read_text("utf-8").replace("\n96171.6\n", f"\n{written}\n")
    result = lint_text(text)
    assert [f for f in table_findings(result) if f[0] in ("T132", "T134")] == ([("T134", 92)] if fires else [])
