"""The real reports of shared/samples, as published (with their scraping damage)."""

import pytest

from conftest import FIXTURES, SAMPLES, findings, lint_path

PARTS = {
    "yongshan-county-2020.txt": [("一、", "总体情况", 1), ("二、", "主动公开政府信息情况", 9),
                                 ("三、", "收到和处理政府信息公开申请情况", 28),
                                 ("四、", "政府信息公开行政复议、行政诉讼情况", 56),
                                 ("五、", "存在的主要问题及改进情况", 61), ("六、", "其他需要报告的事项", 68)],
    "gaoping-city-2012.txt": [("一、", "概述", 15), ("二、", "主动公开政府信息情况", 37),
                              ("三、", "2012年政府信息公开重点工作完成情况", 69), ("四、", "依申请公开政府信息情况", 75),
                              ("五、", "咨询处理情况", 79), ("六、", "申请行政复议、提起行政诉讼和申诉的情况", 83),
                              ("七、", "政府信息公开支出和收费情况", 87), ("八、", "存在的主要问题及改进措施", 91)],
    "fengxian-county-2017.txt": [("一、", "概述", 19), ("二、", "主动公开政府信息情况", 53),
                                 ("三、", "依申请公开政府信息情况", 57), ("四、", "政府信息公开的收费及减免情况", 61),
                                 ("五、", "因政府信息公开申请行政复议和提起行政诉讼的情况", 65),
                                 ("六、", "存在的主要问题及改进措施", 69)],
    "jiangnan-subdistrict-2017.txt": [("一、", "概述", 40), ("二、", "主动公开政府信息的情况", 50),
                                      ("三、", "政府信息依申请公开办理情况", 68),
                                      ("四、", "因政府信息公开申请行政复议、提起行政诉讼的情况", 78),
                                      ("五、", "政府信息公开工作存在的主要问题及改进措施", 82),
                                      ("六、", "其他需要报告的事项", 94)],
}
STANDARD = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
PDF_PARTS = {  # text taken from PDFs: every table cell on a line of its own
    "huaian-city-2024.txt": [10, 61, 93, 332, 379, 392],
    "hongze-district-2023.txt": [11, 40, 72, 289, 334, 347],
    "hongze-district-2024.txt": [10, 41, 73, 290, 335, 351],
}
FACTS = {
    "yongshan-county-2020.txt": (2020, "2019", None),
    "gaoping-city-2012.txt": (2012, "2007", "government"),
    "fengxian-county-2017.txt": (2017, "2007", "government"),
    "jiangnan-subdistrict-2017.txt": (2017, "2007", "township"),
    "huaian-city-2024.txt": (2024, "2021", "government"),
    "hongze-district-2023.txt": (2023, "2021", "government"),
    "hongze-district-2024.txt": (2024, "2021", "government"),
    "compilation-with-templates.txt": (2011, "2007", None),
}
# Required-section findings with their lines: (rule, line).
SECTION_FINDINGS = {
    "yongshan-county-2020.txt": [],
    "huaian-city-2024.txt": [],
    "hongze-district-2023.txt": [],
    "hongze-district-2024.txt": [],
    "gaoping-city-2012.txt": [("S106", 105)],  # no 其他需要报告的事项: at the end of the report
    "fengxian-county-2017.txt": [("S106", 76)],
    "jiangnan-subdistrict-2017.txt": [("S103", 78)],  # no 收费及减免: before the 复议诉讼 part
}


@pytest.mark.parametrize("name", PARTS)
def test_top_level_parts(name, rules):
    doc = lint_path(SAMPLES / name, rules).document
    assert [(s.number, s.title, s.line) for s in doc.sections] == PARTS[name]


@pytest.mark.parametrize("name", PDF_PARTS)
def test_pdf_text_parts_ignore_table_row_labels(name, rules):
    doc = lint_path(SAMPLES / name, rules).document
    assert [(s.title, s.line) for s in doc.sections] == list(zip(STANDARD, PDF_PARTS[name]))
    overview = doc.sections[0]
    assert [c.title for c in overview.children] == ["主动公开情况", "依申请公开情况", "政府信息管理情况",
                                                     "政府信息公开平台建设情况", "政府信息公开监督保障情况"]
    assert all(not s.children for s in doc.sections[1:4])  # table labels such as 四、结转下年度继续办理


@pytest.mark.parametrize("name", FACTS)
def test_report_facts(name, rules):
    facts = lint_path(SAMPLES / name, rules).facts
    assert (facts.year, facts.regime, facts.organ) == FACTS[name]


def test_titles(rules):
    titles = {name: lint_path(SAMPLES / name, rules).document.title for name in FACTS}
    assert (titles["gaoping-city-2012.txt"].line, titles["gaoping-city-2012.txt"].text) == (
        5, "高平市2012年政府信息公开工作年度报告")
    assert titles["huaian-city-2024.txt"].line == 3
    assert titles["yongshan-county-2020.txt"] is None  # published without a title line
    assert lint_path(SAMPLES / "yongshan-county-2020.txt", rules).facts.year_source == "body"


@pytest.mark.parametrize("name", SECTION_FINDINGS)
def test_required_section_findings(name, rules):
    result = lint_path(SAMPLES / name, rules)
    assert [f for f in findings(result) if f[0][:2] in ("S1", "S2", "S3")] == SECTION_FINDINGS[name]


def test_missing_fee_part_message_names_part_and_article(rules):
    result = lint_path(SAMPLES / "jiangnan-subdistrict-2017.txt", rules)
    (d,) = [d for d in result.diagnostics if d.rule == "S103"]
    assert "政府信息公开的收费及减免情况" in d.message and "第 78 行" in d.message
    assert "第三十二条" in d.citation and d.severity == "error" and d.category == "section"
    assert (d.column, d.end_column) == (5, len("    四、因政府信息公开申请行政复议、提起行政诉讼的情况") + 1)


@pytest.mark.parametrize("path", sorted((FIXTURES / "noisy").iterdir()), ids=lambda p: p.name)
def test_noisy_conversions_do_not_crash_or_flood(path, rules):
    result = lint_path(path, rules)
    assert result.facts.year in (2024, 2025) and result.facts.regime == "2021"
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert len(errors) <= 2 and len(result.diagnostics) <= 16
