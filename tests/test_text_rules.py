"""The regulation's text requirements (issue 5): period, year, fees, deadlines, content and
template residue — on the real samples (exact lines) and on small reports for each kind."""

import datetime
from collections import Counter

import pytest

from conftest import FIXTURES, ROOT, SAMPLES, findings, lint_path

MINE = ("P1", "Y1", "F1", "D1", "M1", "S4")


def mine(result):
    return [f for f in findings(result) if f[0][:2] in MINE]


# ---- the real samples -----------------------------------------------------------------------

SAMPLE_FINDINGS = {
    "fengxian-county-2017.txt": [
        ("M104", 3),  # 文章正文 … 索引号/生成日期/公开范围 (lines 3–8)
        ("M104", 11),  # 发布时间 … 分享: 来源: (lines 11–15)
        ("P102", 17),  # 统计时限为201711日至1231日
        ("S401", 65),  # part 五 names 行政复议 only
        ("M104", 73),  # 首页 评论 分享 Top
    ],
    "jiangnan-subdistrict-2017.txt": [
        ("F101", 1),  # no fee statement anywhere
        ("M104", 2),  # 时间:2018-01-03 18:35
        ("P102", 38),  # 统计数据时限由20171月1日至12月31日
        ("D104", 250), ("D106", 250),  # 20171231日印发: inside the report year, and damaged
        ("M104", 254),  # 附件下载 扫一扫… 相关解读 …
    ],
    "gaoping-city-2012.txt": [("M104", 7)],  # 发布时间: 2017-12-29; signed 2013年3月1日, on time
    "yongshan-county-2020.txt": [("P101", 1), ("F103", 68)],  # no period stated; section 六 “无”
    # the 2021-format reports: no 工作考核/社会评议/责任追究 (at most one), no recommended 六 items
    "huaian-city-2024.txt": [("S403", 3), ("S407", 392)],
    "hongze-district-2023.txt": [("S403", 3), ("S407", 347)],
    "hongze-district-2024.txt": [("S403", 3), ("S407", 351)],
}


@pytest.mark.parametrize("name", SAMPLE_FINDINGS)
def test_sample_findings(name, rules):
    assert mine(lint_path(SAMPLES / name, rules)) == SAMPLE_FINDINGS[name]


def test_damaged_periods_are_reported_with_their_reading(rules):
    result = lint_path(SAMPLES / "fengxian-county-2017.txt", rules)
    (d,) = [d for d in result.diagnostics if d.rule == "P102"]
    assert "“201711日至1231日”" in d.message and "2017年1月1日至2017年12月31日" in d.message
    assert (d.line, d.column, d.end_column) == (17, 161, 161 + len("201711日至1231日"))
    assert d.severity == "warning" and d.category == "period"


def test_review_part_naming_only_reconsideration(rules):
    result = lint_path(SAMPLES / "fengxian-county-2017.txt", rules)
    (d,) = [d for d in result.diagnostics if d.rule == "S401"]
    assert "诉讼" in d.message and "第五十条" in d.citation


def test_gaoping_is_late_when_given_its_web_posting_date(rules):
    result = lint_path(SAMPLES / "gaoping-city-2012.txt", rules, published=datetime.date(2017, 12, 29))
    late = [d for d in result.diagnostics if d.rule.startswith("D")]
    assert [(d.rule, d.line) for d in late] == [("D101", 5)]
    assert late[0].severity == "error" and "2013年3月31日" in late[0].message and "2017年12月29日" in late[0].message
    assert ("S106", 105) in findings(result)  # no 其他需要报告的事项


def test_defective_example(rules):
    result = lint_path(ROOT / "examples" / "defective-2020.txt", rules)
    assert mine(result) == [("P103", 3), ("M101", 65)]


def test_clean_example_has_no_warning_or_error(rules):
    result = lint_path(ROOT / "examples" / "clean-2021.md", rules)
    assert [d for d in result.diagnostics if d.severity != "info"] == []
    assert mine(result) == []


# Every mask in the compilation, by line: 20**, *月*日, ***个, **%, xxx … (masks a few
# characters apart are one finding); http://xxx (line 172) and www.xiexiebang.com are not masks.
COMPILATION_M101 = {
    8: 1, 50: 2, 60: 1, 64: 1, 73: 3, 75: 1, 76: 6, 78: 10, 85: 3, 88: 4, 89: 3, 90: 3, 92: 1, 94: 2, 96: 2,
    97: 1, 98: 2, 100: 1, 101: 2, 103: 1, 105: 2, 107: 2, 108: 6, 110: 1, 111: 4, 112: 1, 113: 6, 118: 1,
    119: 1, 123: 2, 125: 2, 127: 1, 133: 1,
    155: 6, 157: 1, 158: 3, 160: 1, 162: 4, 164: 1, 165: 1, 170: 6, 172: 3, 174: 2, 176: 3, 178: 3, 179: 1,
    182: 21, 183: 18, 184: 2, 185: 3, 188: 3,
}


def test_compilation_placeholders(rules):
    result = lint_path(SAMPLES / "compilation-with-templates.txt", rules)
    assert Counter(line for rule, line in findings(result) if rule == "M101") == COMPILATION_M101
    assert [line for rule, line in findings(result) if rule == "M102"] == [191]  # 二〇〇九年一月 日
    assert [line for rule, line in findings(result) if rule == "M103"] == [182, 183, 187, 189, 190]  # 一是……。
    texts = {(d.line, d.message.split("“")[1].rstrip("”")) for d in result.diagnostics if d.rule == "M101"}
    for expected in [(8, "**"), (73, "20**年*月*日"), (78, "***个"), (111, "**%"), (113, "**.*%"), (125, "20**"),
                     (162, "Xx"), (172, "xxx、xxx共xx")]:
        assert expected in texts
    (d,) = [d for d in result.diagnostics if d.rule == "M101" and d.line == 8]
    assert d.column == len("(三)市政府办公室信息科戴向波科长就当前政务信息报送需求注意的几个问题谈了体会。一是要树立“依工作报信息,"
                           "用信息促工作”的理念,围绕市委、市政府“一") + 1


def test_noisy_conversions_get_no_template_findings(rules):
    for path in sorted((FIXTURES / "noisy").iterdir()):
        assert [f for f in findings(lint_path(path, rules)) if f[0] in ("M101", "M102", "M103")] == []


# ---- small reports, one kind at a time --------------------------------------------------------

HEAD_2021 = "青禾县人民政府2022年政府信息公开工作年度报告\n"


@pytest.mark.parametrize(
    "line",
    [
        "详见 http://xxgk.qinghe.gov.cn/xxx/ 或来信 xxgk@qinghe.gov.cn。",
        "**一、总体情况**",
        "本年度**共收到申请12件**，均已答复。",
        "* 全年主动公开政府信息486条",
        "***",
        "* * *",
        "Xbox 与 XXL 不是占位符，3×4 也不是。",
        "转义的 \\*号 不算。",
        "**注：**本表数据截至年底。",
    ],
)
def test_what_is_not_a_placeholder(lint_text, line):
    for suffix in (".md", ".txt"):
        result = lint_text(HEAD_2021 + "一、总体情况\n\n" + line + "\n", suffix=suffix)
        assert [f for f in findings(result) if f[0] == "M101"] == [], (suffix, line)


@pytest.mark.parametrize(
    "line, match",
    [
        ("全年公开信息***条。", "***条"),
        ("签订于20**年*月*日。", "20**年*月*日"),
        ("答复率**%。", "**%"),
        ("确定ＸＸＸ部门负责。", "XXX"),
        ("××县人民政府", "××"),
        ("按照**县政府办公室《**县政府信息公开考评办法》", "**县"),
    ],
)
def test_what_is_a_placeholder(lint_text, line, match):
    result = lint_text(HEAD_2021 + "一、总体情况\n" + line + "\n")
    found = [d for d in result.diagnostics if d.rule == "M101"]
    assert found and found[0].line == 3 and f"“{match}”" in found[0].message


PERIOD_2017 = "临河县2017年政府信息公开工作年度报告\n{}\n一、概述\n2017年，我县认真贯彻落实《条例》。\n"


@pytest.mark.parametrize(
    "sentence, rules_fired",
    [
        ("本报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。", []),
        ("本报告统计期限为二〇一七年一月一日至十二月三十一日。", []),
        ("本报告数据统计时限为2017年全年。", []),
        ("本报告所列数据统计期间：2017.1.1-2017.12.31。", []),
        ("本报告统计时限为2017年度。", []),
        ("统计周期为2017年1-12月。", []),
        ("报告所列数据的时间范围为2017年1月1日到2017年12月31日。", []),
        ("本报告中所列数据的统计期限自2016年1月1日起至2016年12月31日止。", ["P103"]),
        ("本报告中所列数据的统计期限自2017年1月1日起至2017年11月30日止。", ["P104"]),
        ("本报告数据统计时限为20171月1日至201712月31日。", ["P102"]),
        ("本报告统计期限自2017年2月30日起。", ["P102"]),
        ("本报告由临河县人民政府办公室编制。", ["P101"]),
        ("本报告统计期限详见附表。2017年1月1日起施行的办法……", ["P101"]),  # the date is in another sentence
    ],
)
def test_period_rules(lint_text, sentence, rules_fired):
    result = lint_text(PERIOD_2017.format(sentence))
    assert [rule for rule, _ in findings(result) if rule.startswith("P")] == rules_fired


def test_period_of_2008_may_start_on_may_first(lint_text):
    text = "临河县2008年政府信息公开工作年度报告\n统计期限自2008年5月1日至2008年12月31日。\n一、概述\n"
    assert [r for r, _ in findings(lint_text(text)) if r.startswith("P")] == []
    text = text.replace("2008年", "2009年").replace("2009年政府", "2009年政府")
    assert [r for r, _ in findings(lint_text(text)) if r.startswith("P")] == ["P104"]


SIGNED = "{organ}{year}年政府信息公开工作年度报告\n一、总体情况\n{year}年，全面推进政府信息公开工作。\n{organ}\n{signed}\n"


@pytest.mark.parametrize(
    "organ, year, signed, overrides, expected",
    [
        ("青禾县财政局", 2020, "2021年2月1日", {}, [("D101", 5)]),  # departments: 1月31日 (Art. 49)
        ("青禾县财政局", 2020, "2021年1月31日", {}, []),
        ("青禾县人民政府", 2020, "2021年3月31日", {}, []),  # governments: 3月31日
        ("青禾县人民政府", 2020, "2021年4月1日", {}, [("D101", 5)]),
        ("青禾县财政局", 2016, "2017年3月31日", {}, []),  # 2007: every organ by 3月31日 (Art. 31)
        ("青禾县石桥镇人民政府", 2016, "2017年4月1日", {}, [("D101", 5)]),
        ("青禾县石桥镇人民政府", 2020, "2021年3月20日", {}, []),  # township: no statutory date
        ("青禾县石桥镇人民政府", 2020, "2021年3月20日", {"deadlines": {"township": "02-20"}}, [("D102", 5)]),
        ("青禾县石桥镇人民政府", 2020, "2021年2月20日", {"deadlines": {"township": "02-20"}}, []),
        ("青禾县石桥镇人民政府", 2020, "2021年3月20日", {"published": datetime.date(2021, 3, 20)}, [("D103", 1)]),
        ("青禾县财政局", 2020, "2021年3月20日", {"deadlines": {"department": "01-28"}}, [("D101", 5)]),  # not twice
        ("青禾县财政局", 2020, "2021年1月30日", {"deadlines": {"department": "01-28"}}, [("D102", 5)]),
        ("青禾县财政局", 2020, "2020年12月30日", {}, [("D104", 5)]),
        ("青禾县财政局", 2020, "2099年1月30日", {}, [("D105", 5)]),
        ("青禾县财政局", 2020, "2021130日", {}, [("D106", 5)]),  # 2021年1月30日, 年/月 lost
        ("青禾县财政局", 2020, "20**年*月*日", {}, [("M101", 5)]),
    ],
)
def test_deadline_and_signature_date(lint_text, organ, year, signed, overrides, expected):
    result = lint_text(SIGNED.format(organ=organ, year=year, signed=signed), **overrides)
    assert [f for f in findings(result) if f[0][0] in "DM"] == expected


def test_published_date_wins_over_the_signature(lint_text):
    text = SIGNED.format(organ="青禾县财政局", year=2020, signed="2021年1月20日")
    result = lint_text(text, published=datetime.date(2021, 2, 3))
    (d,) = [d for d in result.diagnostics if d.rule == "D101"]
    assert d.line == 1 and "发布日期2021年2月3日" in d.message and "2021年1月31日" in d.message


def test_summary_reports_have_no_statutory_deadline(lint_text):
    text = ("青禾县2020年政府信息公开工作年度报告\n本报告由县政府办公室汇总全县各级行政机关年度报告编制。\n一、总体情况\n"
            "2020年，全县推进政府信息公开工作。\n青禾县人民政府办公室\n2021年4月20日\n")
    assert [f for f in findings(lint_text(text)) if f[0][0] == "D"] == [("D107", 2)]
    result = lint_text(text, deadlines={"summary": "03-31"})
    assert [f for f in findings(result) if f[0][0] == "D"] == [("D107", 2), ("D102", 6)]


def test_year_rules(lint_text):
    copied = ("临河县2017年政府信息公开工作年度报告\n现将2016年政府信息公开工作年度报告公布如下。\n一、概述\n"
              "2016年，我县推进公开工作。2016年，全县公开信息100条。\n二、主动公开政府信息情况\n2017年，我县通过网站公开信息。\n")
    assert [f for f in findings(lint_text(copied)) if f[0][0] == "Y"] == [("Y101", 2), ("Y102", 4)]
    cites = "青禾县2020年政府信息公开工作年度报告\n本报告依据《条例》（国务院令第492号）和国办公开办函〔2021〕30号编制。\n"
    assert [f for f in findings(lint_text(cites)) if f[0][0] == "Y"] == [("Y103", 2), ("Y105", 2)]


def test_fee_rules(lint_text):
    parts = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n" \
            "五、存在的主要问题及改进情况\n存在解读形式单一的问题，下一步将加以改进。\n六、其他需要报告的事项\n{}\n"
    for year, nil, rule in ((2022, "无。", "F102"), (2020, "无。", "F103")):
        text = f"青禾县财政局{year}年政府信息公开工作年度报告\n" + parts.format(nil)
        assert [r for r, _ in findings(lint_text(text)) if r[0] == "F"] == [rule]
        text = f"青禾县财政局{year}年政府信息公开工作年度报告\n" + parts.format("本年度未收取信息处理费。")
        assert [r for r, _ in findings(lint_text(text)) if r[0] == "F"] == []


def test_outdated_structure_in_a_2019_report(lint_text):
    text = ("青禾县2020年政府信息公开工作年度报告\n一、概述\n（一）依申请公开政府信息情况\n二、主动公开政府信息情况\n"
            "三、依申请公开政府信息情况\n四、政府信息公开的收费及减免情况\n五、咨询处理情况\n")
    assert [f for f in findings(lint_text(text)) if f[0] == "S406"] == [("S406", 2), ("S406", 5), ("S406", 6),
                                                                       ("S406", 7)]


def test_web_residue_only_as_whole_lines(lint_text):
    text = HEAD_2021 + "一、总体情况\n在网站首页开设专栏，提供打印、分享功能。\n分享到：\n\n扫一扫在手机打开当前页\n【打印】【关闭】\n"
    result = lint_text(text)
    (d,) = [d for d in result.diagnostics if d.rule == "M104"]
    assert (d.line, d.end_line, d.severity) == (4, 7, "info") and "共 3 行" in d.message


def test_a_data_date_at_the_end_is_no_signature(lint_text):
    text = SIGNED.format(organ="青禾县财政局", year=2020, signed="注：表中数据截至2020年12月31日")
    assert [f for f in findings(lint_text(text)) if f[0][0] == "D"] == []


FEE_TABLE = """\
# 青禾县财政局2022年政府信息公开工作年度报告

## 三、收到和处理政府信息公开申请情况

| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 三、本年度办理结果 （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 三、本年度办理结果 （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | {lapsed} | 0 | 0 | 0 | 0 | 0 | {lapsed} |
| 三、本年度办理结果 （七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

## 六、其他需要报告的事项

{six}
"""


@pytest.mark.parametrize(
    "lapsed, six, expected",
    [
        (2, "本年度未收取信息处理费。", [("F104", 16)]),
        (2, "全年收取信息处理费0元。", [("F104", 16)]),
        (0, "本年度未收取信息处理费。", []),
        (2, "本年度发出收费通知2件，申请人均未缴费，未收取信息处理费。", []),
        (2, "全年收取信息处理费3940元。", []),
    ],
)
def test_fee_statement_against_table_two(lint_text, lapsed, six, expected):
    result = lint_text(FEE_TABLE.format(lapsed=lapsed, six=six), suffix=".md")
    assert [f for f in findings(result) if f[0] == "F104"] == expected
    for d in result.diagnostics:
        if d.rule == "F104":
            assert f"表二有 {lapsed} 件申请" in d.message and d.severity == "warning"


def test_guiding_every_organ_does_not_make_a_summary_report(lint_text):
    text = ("青禾县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n2020年，县政府指导全县各级行政机关做好政务公开。\n"
            "青禾县人民政府\n2021年4月2日\n")
    assert [f for f in findings(lint_text(text)) if f[0][0] == "D"] == [("D101", 5)]


def test_year_citations_in_titles_and_full_citations(lint_text):
    text = ("临河县2018年政府信息公开工作年度报告\n根据《关于做好2017年政府信息公开工作年度报告有关事项的通知》，"
            "现将2018年政府信息公开工作年度报告公布如下。\n一、概述\n")
    assert [f for f in findings(lint_text(text)) if f[0][0] == "Y"] == []
    text = "青禾县2020年政府信息公开工作年度报告\n依据《条例》（国务院令第711号修订，原国务院令第492号）编制。\n"
    assert [f for f in findings(lint_text(text)) if f[0][0] == "Y"] == []


def test_a_bracketed_slot_is_one_finding(lint_text):
    text = HEAD_2021 + "一、总体情况\n请与（单位名称）联系（地址：（此处填写地址））。【请填写电话】\n二〇二三年三月  日\n"
    result = lint_text(text)
    assert [(d.line, d.column, d.message) for d in result.diagnostics if d.rule == "M102"] == [
        (3, 3, "未填写的模板内容：“（单位名称）”"), (3, 15, "未填写的模板内容：“（此处填写地址）”"),
        (3, 25, "未填写的模板内容：“【请填写电话】”"), (4, 1, "未填写的模板内容：“二〇二三年三月  日”")]  # as written


@pytest.mark.parametrize(
    "body, fired",
    [
        ("2016年度，我县无因政府信息公开提起的行政复议。", True),
        ("全年未发生行政诉讼案件。", True),
        ("无。", False),  # answers the heading as a whole
        ("全年未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。", False),
    ],
)
def test_review_part_names_both_or_neither(lint_text, body, fired):
    text = ("临河县2016年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n"
            f"三、因政府信息公开申请行政复议和提起行政诉讼的情况\n{body}\n")
    assert [f for f in findings(lint_text(text)) if f[0] == "S401"] == ([("S401", 4)] if fired else [])
