"""Heading detection and the section tree on small, real-looking documents."""


def tree(doc):
    return [(s.level, s.number, s.title, s.line, s.end_line, s.run_in) for s in doc.walk()]


def test_plain_text_outline_levels_and_lines(read_text):
    doc = read_text(
        "某县2023年政府信息公开工作年度报告\n"          # 1 title
        "\n"
        "一、总体情况\n"                                # 3
        "（一）主动公开情况。全年主动公开信息120条。\n"   # 4 run-in
        "（二）依申请公开\n"                            # 5
        "1.加强组织领导。\n"                            # 6 heading with trailing 。
        "1.加强组织领导，全年共召开会议3次。\n"          # 7 a sentence, not a node
        "一是加强培训，二是强化考核。\n"                 # 8 not numbering at all
        "二、主动公开政府信息情况\n"                     # 9
        "正文。\n"                                     # 10
    )
    assert doc.title.text == "某县2023年政府信息公开工作年度报告" and doc.title.line == 1
    assert tree(doc) == [
        (1, "一、", "总体情况", 3, 8, False),
        (2, "（一）", "主动公开情况", 4, 4, True),
        (2, "（二）", "依申请公开", 5, 8, False),
        (3, "1.", "加强组织领导", 6, 8, False),
        (1, "二、", "主动公开政府信息情况", 9, 10, False),
    ]
    assert [s.value for s in doc.walk()] == [1, 1, 2, 1, 2]


def test_long_numbered_line_is_a_paragraph(read_text):
    doc = read_text("一、总体情况\n（一）强化组织领导深化公开落实街道把政府信息公开工作摆上重要议事日程进一步明确分工压实责任\n")
    assert [s.title for s in doc.walk()] == ["总体情况"]


def test_flattened_and_pdf_table_rows_are_not_headings(read_text):
    doc = read_text(
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 27 | 0 | 27 |\n"   # flattened web table
        "四、结转下年度继续办理\n"                            # PDF table: label, then cells
        "103\n"
        "（三）不\n"                                         # label fragment
        "予公开\n"
        "1.属于国家秘密\n"
        "2\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\n"
    )
    assert [(s.title, s.line) for s in doc.walk()] == [
        ("收到和处理政府信息公开申请情况", 1),
        ("政府信息公开行政复议、行政诉讼情况", 9),
    ]


def test_markdown_headings_and_tables(read_text):
    doc = read_text(
        "# 某市2024年政府信息公开工作年度报告\n"     # 1 title
        "\n"
        "## 一、总体情况\n"                          # 3
        "（一）主动公开\n"                           # 4 numbered plain line under a # heading
        "\n"
        "## 二、主动公开政府信息情况\n"               # 6
        "\n"
        "| 信息内容 | 本年制发件数 |\n"
        "| --- | --- |\n"
        "| 一、规章 | 1 |\n"                          # inside a table: never a heading
        "\n"
        "```\n"
        "三、代码块里的不是标题\n"
        "```\n",
        suffix=".md",
    )
    assert doc.title.line == 1
    assert [(s.level, s.title, s.line, s.markdown) for s in doc.walk()] == [
        (1, "总体情况", 3, True),
        (2, "主动公开", 4, False),
        (1, "主动公开政府信息情况", 6, True),
    ]
    assert {b.kind for b in doc.blocks} >= {"table", "code"}
    assert doc.sections[1].blocks[0].kind == "table"


def test_title_broken_over_two_lines(read_text):
    doc = read_text("正文\n2024年上海市某委政府信息公开工作\n年度报告\n一、总体情况\n")
    assert (doc.title.line, doc.title.text) == (2, "2024年上海市某委政府信息公开工作年度报告")


def test_sentence_naming_the_report_is_not_the_title(read_text):
    doc = read_text("统计期限为2024年1月1日至12月31日。年度报告电子版可以通过网站下载年度报告\n一、总体情况\n")
    assert doc.title is None


def test_body_blocks_belong_to_the_deepest_section(read_text):
    doc = read_text("一、总体情况\n\n概述正文。\n\n（一）主动公开\n\n主动公开正文。\n")
    overview = doc.sections[0]
    assert [(b.line, b.end_line) for b in overview.blocks] == [(3, 3)]
    assert [(b.line, b.end_line) for b in overview.children[0].blocks] == [(7, 7)]


def test_run_in_title_cut_in_the_original_text(read_text):
    doc = read_text("一、总体情况\n（一）主动公开……情况。2024年，全年主动公开信息120条。\n")
    assert doc.sections[0].children[0].title == "主动公开……情况"


def test_part_heading_followed_at_once_by_pdf_table_cells(read_text):
    doc = read_text("一、总体情况\n正文。\n二、主动公开政府信息情况\n规章\n0\n三、收到和处理政府信息公开申请情况\n")
    assert [s.line for s in doc.sections] == [1, 3, 6]
