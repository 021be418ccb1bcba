"""Every required-section rule fires at the exact line where its part should be, and stays
silent on complete reports."""

import pytest

from conftest import FIXTURES, ROOT, SAMPLES, findings

CLEAN_2007 = FIXTURES / "rules" / "clean-2007.txt"
YONGSHAN = SAMPLES / "yongshan-county-2020.txt"
CLEAN_2021 = ROOT / "examples" / "clean-2021.md"


def without_heading(path, line, suffix):
    """The report with the heading on ``line`` turned into body text (line numbers kept)."""
    lines = path.read_text("utf-8").split("\n")
    lines[line - 1] = "本部分从略。"
    return "\n".join(lines), suffix


# (report, heading line removed, rule expected, line it is reported at)
CASES = [
    (CLEAN_2007, 17, "S101", 21),
    (CLEAN_2007, 21, "S102", 25),
    (CLEAN_2007, 25, "S103", 29),
    (CLEAN_2007, 29, "S104", 33),
    (CLEAN_2007, 33, "S105", 37),
    (CLEAN_2007, 37, "S106", 42),  # the last part: reported at the end of the report
    (YONGSHAN, 1, "S201", 9),  # its run-in items (一)…(五) are not parts
    (YONGSHAN, 9, "S202", 28),
    (YONGSHAN, 28, "S203", 56),
    (YONGSHAN, 56, "S204", 61),
    (YONGSHAN, 61, "S205", 68),
    (YONGSHAN, 68, "S206", 69),
    (CLEAN_2021, 29, "S202", 57),
    (CLEAN_2021, 101, "S206", 113),
]


@pytest.mark.parametrize("path, line, rule, expected", CASES, ids=lambda v: getattr(v, "name", str(v)))
def test_rule_fires_where_the_part_belongs(lint_text, path, line, rule, expected):
    result = lint_text(*without_heading(path, line, path.suffix))
    assert [f for f in findings(result) if f[0][0] == "S"] == [(rule, expected)]  # (N101: the numbers now skip)


@pytest.mark.parametrize("path", [CLEAN_2007, YONGSHAN, CLEAN_2021], ids=lambda p: p.name)
def test_complete_reports_are_silent(lint_text, path):
    assert [f for f in findings(lint_text(path.read_text("utf-8"), path.suffix)) if f[0][0] in "SN"] == []


def test_aliases_of_the_2007_parts(lint_text):
    text = CLEAN_2007.read_text("utf-8")
    for standard, alias in [
        ("四、政府信息公开的收费及减免情况", "四、政府信息公开支出和收费情况"),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、复议、诉讼和申诉的情况"),
        ("六、政府信息公开工作存在的主要问题及改进情况", "六、存在问题及工作打算"),
        ("七、其他需要报告的事项", "七、其它需要报告的事项"),
    ]:
        text = text.replace(standard, alias)
    assert [f for f in findings(lint_text(text)) if f[0][0] == "S"] == []


def test_2007_fee_topic_as_a_sub_heading_counts(lint_text):
    text = CLEAN_2007.read_text("utf-8").replace("四、政府信息公开的收费及减免情况", "（四）依申请收费及减免情况")
    assert findings(lint_text(text), "S103") == []


def test_2019_part_must_be_top_level(lint_text):
    """A run-in item of 总体情况 named 依申请公开 does not stand for part 三."""
    text = YONGSHAN.read_text("utf-8").replace("三、收到和处理政府信息公开申请情况", "本部分从略。")
    assert findings(lint_text(text), "S203") == [("S203", 56)]


def test_messages_name_the_part_and_where(lint_text):
    result = lint_text(*without_heading(YONGSHAN, 68, ".txt"))
    (d,) = [d for d in result.diagnostics if d.rule == "S206"]
    assert d.message == "缺少“六、其他需要报告的事项”部分（应位于报告末尾）"
    assert "第五十条" in d.citation and d.hint


def test_year_unknown_fires_and_regime_rules_do_not_run(lint_text):
    result = lint_text("一、总体情况\n本单位认真贯彻落实条例。\n")
    assert findings(result, "Y001") == [("Y001", 1)] and all(r[0] not in "SN" for r, _ in findings(result))
    assert result.facts.regime is None


def test_year_unknown_silent_when_year_found(lint_text):
    assert findings(lint_text("一、总体情况\n2023年，本单位认真贯彻落实条例。\n"), "Y001") == []


def test_year_option_selects_regime(lint_text):
    result = lint_text("一、总体情况\n本单位认真贯彻落实条例。\n", year=2015)
    assert result.facts.regime == "2007"
    assert [r for r, _ in findings(result) if r[0] == "S"] == ["S101", "S102", "S103", "S104", "S105", "S106"]


def test_run_in_part_counts(lint_text):
    """六、其他需要报告的事项。无。 is part 六 with its body on the same line."""
    text = YONGSHAN.read_text("utf-8").replace("六、其他需要报告的事项\n无", "六、其他需要报告的事项。本年度无其他需要报告的事项。")
    assert "本年度无其他" in text
    assert [f for f in findings(lint_text(text)) if f[0][0] == "S"] == []


def test_title_without_year_and_year_before_2008(lint_text):
    result = lint_text("# 某某县人民政府政府信息公开工作年度报告\n\n## 一、总体情况\n\n本单位认真贯彻落实条例。\n", ".md")
    (d,) = [d for d in result.diagnostics if d.rule == "Y001"]
    assert (d.rule, d.line) == ("Y001", 1) and "没有可识别的年份" in d.message
    result = lint_text("青禾县2006年政府信息公开工作年度报告\n一、总体情况\n")
    (d,) = [d for d in result.diagnostics if d.rule == "Y001"]
    assert (result.facts.year, result.facts.regime) == (2006, None)
    assert (d.rule, d.line) == ("Y001", 1) and "早于《条例》施行" in d.message


def test_number_in_title_without_nian_is_not_the_year(lint_text):
    result = lint_text("第2023号文件 政府信息公开工作年度报告\n一、总体情况\n2019年，本单位……\n")
    assert (result.facts.year, result.facts.year_source) == (2019, "body")
