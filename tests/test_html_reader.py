"""Reports saved from a government web page (.html, .htm): rendered as text a line per
block, tables kept as HTML for the table reader, and linted like a .txt file whose line N
is line N of the rendered text."""

import re
from pathlib import Path

import pytest
import yaml
from identify import identify

from conftest import FIXTURES, ROOT, findings, lint_path

from linter import readers
from linter.readers.html import render
from linter.tables import standard, tables

PAGE = FIXTURES / "html" / "qinghe-county-2024.html"  # examples/clean-2021.md as a county site shows it
T2_COLUMNS = ["natural", "org.business", "org.research", "org.charity", "org.legal", "org.other", "total"]


def page_text() -> str:
    return PAGE.read_text("utf-8")


def rendered_lines(source: str) -> list[str]:
    return render(source).split("\n")[:-1]


def test_the_page_reads_into_the_tree_of_its_report():
    doc = readers.read(str(PAGE))
    assert doc.format == "html"
    assert (doc.title.text, doc.title.line) == ("青禾县人民政府2024年政府信息公开工作年度报告", 13)
    parts = [(s.number, s.title, s.line, s.end_line) for s in doc.sections]
    assert parts == [
        ("一、", "总体情况", 16, 27),
        ("二、", "主动公开政府信息情况", 28, 50),
        ("三、", "收到和处理政府信息公开申请情况", 51, 80),
        ("四、", "政府信息公开行政复议、行政诉讼情况", 81, 87),
        ("五、", "存在的主要问题及改进情况", 88, 90),
        ("六、", "其他需要报告的事项", 91, 102),
    ]
    assert [(s.title, s.line) for s in doc.sections[0].children] == [
        ("主动公开", 18), ("依申请公开", 20), ("政府信息管理", 22), ("政府信息公开平台建设", 24), ("监督保障", 26)]
    # line N of a diagnostic is line N of the rendered text
    assert doc.lines == rendered_lines(page_text())
    assert doc.lines[15] == "一、总体情况"
    # navigation, header and footer stay, as in a page copied by hand
    assert doc.lines[:8] == ["今天是：无障碍 | 手机版 | English", "搜索", "首页", "政务公开", "政务服务", "互动交流",
                             "走进青禾", "当前位置：首页 > 政务公开 > 政府信息公开年报"]
    assert doc.lines[-5:] == ["分享到：", "【打印】【关闭】", "网站地图 | 联系我们 | 使用帮助",
                              "主办：青禾县人民政府办公室 承办：青禾县大数据中心",
                              "网站标识码：4311250001 湘ICP备05012345号 湘公网安备 43112502000123号"]


def test_a_paragraph_broken_across_source_lines_is_one_line():
    doc = readers.read(str(PAGE))
    line = doc.lines[24]  # 县政府门户网站完成集约化平台迁移…, cut in two in the source
    assert line.startswith("县政府门户网站完成集约化平台迁移") and line.endswith("全年接待群众查阅咨询420余人次。")
    assert "规范。“青禾发布”" in line  # no space where the source line broke between Chinese characters


def test_table_2_is_read_with_its_spans_expanded():
    doc = readers.read(str(PAGE))
    assert [t.source for t in tables(doc)] == ["html"] * 7  # the page's 索引号 box, 4 pieces of table 1, tables 2 and 3
    t1, t2, t3 = standard(doc)
    assert (t1.number, t2.number, t3.number) == (1, 2, 3)
    assert not any(t.notes for t in (t1, t2, t3))
    expected = []
    for line in Path(ROOT / "examples" / "clean-2021.md").read_text("utf-8").split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[1].isdigit():
            expected.append(cells[1:])
    assert len(expected) == 25
    assert [[r.cells[c].text for c in T2_COLUMNS] for r in t2.rows] == expected
    assert [r.line for r in t2.rows] == list(range(55, 80))  # a row per line
    total = next(r for r in t2.rows if r.key == "total")
    assert [(c.line, c.column) for c in (total.cells["natural"], total.cells["total"])] == [(78, 35), (78, 96)]
    assert doc.lines[77][34:36] == "34" and doc.lines[77][95:97] == "41"
    t3_values = ["1", "0", "0", "1", "2", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]
    assert [t3.rows[0].cells[c.key].text for c in t3.spec.columns] == t3_values
    assert [[c.text for c in r.values] for r in t1.rows] == [
        ["0", "0", "0"], ["6", "3", "41"], ["3862"], ["1275"], ["37"], ["1286.45"]]


def test_extract_reads_the_page(capsys):
    import json

    from linter.cli import main

    assert main(["extract", "--format", "json", str(PAGE)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "42" in json.dumps(out, ensure_ascii=False) and "1286.45" in json.dumps(out, ensure_ascii=False)


def test_the_clean_page_has_only_web_residue(rules):
    result = lint_path(PAGE, rules)
    assert findings(result) == [("M104", 3), ("M104", 98)]  # 首页 in the navigation; 分享到： and 【打印】【关闭】
    assert {d.severity for d in result.diagnostics} == {"info"}


def test_a_defect_is_reported_at_its_rendered_line(tmp_path, rules):
    source = page_text()
    # （七）总计 自然人 34 → 35: the sums of table 2 break at that cell
    at = source.index("（七）总计")
    cell = source.index("<span style=\"font-family:宋体;font-size:10.5pt\">34</span>", at)
    source = source[:cell] + source[cell:].replace(">34<", ">35<", 1)
    # and 五、 numbered 四、 again
    source = source.replace(">五、存在的主要问题及改进情况<", ">四、存在的主要问题及改进情况<")
    path = tmp_path / "page.htm"
    path.write_text(source, encoding="utf-8")
    result = lint_path(path, rules)
    found = findings(result)
    assert ("A101", 78) in found and ("A102", 78) in found
    assert any(rule.startswith("N") and line == 88 for rule, line in found)
    doc = result.document
    assert doc.lines[77].startswith("<tr><td colspan=\"2\">（七）总计</td><td>35</td>")
    assert doc.lines[87] == "四、存在的主要问题及改进情况"
    a101 = next(d for d in result.diagnostics if d.rule == "A101")
    assert doc.lines[77][a101.column - 1:].startswith("35")


GBK_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某县人民政府</title></head>
<body><div class="nav"><a href="/">首页</a></div>
<h2>某县2023年政府信息公开工作年度报告</h2>
<p>一、总体情况</p><p>　　正文。</p>
<p>二、主动公开政府信息情况</p>
</body></html>
"""


def test_a_gbk_page_with_a_meta_charset(tmp_path, rules):
    data = GBK_PAGE.encode("gbk")
    path = tmp_path / "r.htm"
    path.write_bytes(data)
    doc = lint_path(path, rules).document
    assert doc.lines == ["首页", "某县2023年政府信息公开工作年度报告", "一、总体情况", "正文。", "二、主动公开政府信息情况"]
    assert [(s.title, s.line) for s in doc.sections] == [("总体情况", 3), ("主动公开政府信息情况", 5)]
    # a download cut inside a character: the declared GB2312 still reads it, the broken
    # character as U+FFFD (as a text file it is undecodable)
    cut = data[: data.index("正文。".encode("gbk")) + 5]
    path.write_bytes(cut)
    assert lint_path(path, rules).document.lines[-2:] == ["一、总体情况", "正文\ufffd"]
    text_copy = tmp_path / "r.txt"
    text_copy.write_bytes(cut)
    assert findings(lint_path(text_copy, rules)) == [("E001", 1)]
    # re-saved as UTF-8 with the old declaration left in: the bytes win
    path.write_bytes(GBK_PAGE.encode("utf-8"))
    assert lint_path(path, rules).document.lines[1] == "某县2023年政府信息公开工作年度报告"


def test_meta_charset_is_found_in_both_forms():
    from linter.readers.html import declared_charset

    assert declared_charset(b'<head><meta charset="GBK"><title>') == "gbk"
    assert declared_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=gb18030'>") == "gb18030"
    assert declared_charset(b"<html><body>charset=gbk</body>") is None


@pytest.mark.parametrize("cut", [0.55, 0.3])
def test_a_truncated_page_is_read_as_far_as_it_goes(tmp_path, rules, cut):
    source = page_text()
    source = source[: int(len(source) * cut)]
    path = tmp_path / "cut.html"
    path.write_text(source, encoding="utf-8")
    result = lint_path(path, rules)
    assert not [d for d in result.diagnostics if d.rule.startswith("E")]
    doc = result.document
    assert doc.title.text == "青禾县人民政府2024年政府信息公开工作年度报告"
    assert doc.sections[0].title == "总体情况"
    assert not any(re.search(r"<(?!/?(table|tr|td|th|thead)\b)", line) for line in doc.lines)  # no cut-off tag as text
    # the missing parts are reported, as for any incomplete report
    assert any(rule.startswith("S") for rule, _ in findings(result))


@pytest.mark.parametrize("source", [
    "<table><tr><td rowspan=\"x\">一、总体情况<td colspan=3>5</tr><tr><td>6",
    "<p>一、总体情况</p></div></td></table></body><p>正文<b><i>强调</b></i><li><li></ul>",
    "<![CDATA[x]]><!doctype html><?xml version='1.0'?><p>a<!-- 未闭合的注释",
    "<html><body><table><table><tr><td>二、主动公开</td></tr></table>",
    "<font><p>一、总体情况" * 5000,
    "<table><tr><td>" * 3000 + "二、主动公开",
], ids=["bad-spans-and-unclosed-cells", "stray-end-tags", "declarations", "nested-unclosed-tables",
        "deeply-nested-unclosed-tags", "deeply-nested-tables"])
def test_broken_markup_never_crashes(tmp_path, rules, source):
    path = tmp_path / "broken.html"
    path.write_text(source, encoding="utf-8")
    result = lint_path(path, rules)
    assert not [d for d in result.diagnostics if d.rule == "E002"]
    assert result.document is not None


def test_a_page_with_no_text_is_one_diagnostic(tmp_path, rules):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>报告</title><script>var a = '一、总体情况';</script></head><body>\n</body></html>",
                    encoding="utf-8")
    (d,) = lint_path(path, rules).diagnostics
    assert (d.rule, d.line) == ("E001", 1) and "没有可显示的文字" in d.message


def test_our_own_results_page_is_not_linted_as_a_report(tmp_path, rules, capsys):
    from linter.cli import main

    out = tmp_path / "results.html"
    main(["check", "--format", "html", "--output", str(out), str(ROOT / "examples" / "clean-2021.md")])
    capsys.readouterr()
    (d,) = lint_path(out, rules).diagnostics
    assert d.rule == "E001" and "检查结果页面" in d.message


def test_script_style_head_and_comments_are_not_text():
    source = """<!DOCTYPE html><html><head><title>一、总体情况</title>
<style>p { color: red } /* 二、主动公开政府信息情况 */</style>
<script>document.write("<p>三、收到和处理政府信息公开申请情况</p>");</script></head>
<body><!-- 四、政府信息公开行政复议 --><noscript>请启用脚本</noscript>
<p>正文<script>var x = "<td>1</td>";</script>第一段&nbsp;&amp;&lt;b&gt;&#x4e00;</p>
<select><option>市直部门网站</option></select>
<pre>第一行
  第二行</pre>
<p>末段<script>unclosed("""
    assert rendered_lines(source) == ["正文第一段 &<b>一", "第一行", "第二行", "末段"]


def test_blocks_lines_and_layout_tables():
    source = """<body><div>甲<span>乙</span>
<br>丙<br><br><br>丁</div>
<ul><li>一</li><li>二</ul>
<table><tr><td><p>一、总体情况</p><p>整篇报告放在一个单元格里。</p></td></tr></table>
<table><tr><td>左栏</td><td><h3>二、主动公开政府信息情况</h3>
<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table></td></tr></table>
<table>单位：件<caption>表一</caption><thead><tr><th>A &amp; B</th><th>二</th></tr></thead>
<tr><td><p>三、本年度办理结果</p><p>（一）予以公开</p></td><td rowspan=" 2 " colspan="1">5</td></tr></table>
"""
    assert rendered_lines(source) == [
        "甲乙", "丙", "", "丁", "一", "二",
        "一、总体情况", "整篇报告放在一个单元格里。",  # a one-cell frame is layout, not data
        "左栏", "二、主动公开政府信息情况",  # so is a table holding a heading or another table
        "<table>", "<tr><td>信息内容</td><td>本年制发件数</td></tr>", "<tr><td>规章</td><td>0</td></tr>", "</table>",
        "表一", "单位：件",  # caption and loose text above the table, as a browser shows them
        "<table>", "<thead>", "<tr><th>A &amp; B</th><th>二</th></tr>", "</thead>",
        "<tr><td>三、本年度办理结果（一）予以公开</td><td rowspan=\"2\">5</td></tr>", "</table>",
    ]


# ------------------------------------------------------------------ the pre-commit hook


def _selected(hook: dict, path: Path) -> bool:
    """Whether pre-commit runs ``hook`` on ``path``: its ``files`` regex, then ``types_or``
    against the tags identify gives the file (as pre_commit.commands.run.Classifier does)."""
    if not re.search(hook.get("files", ""), path.name):
        return False
    types_or = set(hook.get("types_or", []))
    return not types_or or bool(identify.tags_from_path(str(path)) & types_or)


def test_the_hook_covers_markdown_text_docx_and_html(tmp_path):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {"markdown", "plain-text", "html"} <= set(hook["types_or"])
    files = {
        "r.md": "# 报告\n".encode(), "r.markdown": "# 报告\n".encode(), "r.txt": "报告\n".encode(),
        "r.html": "<p>报告</p>\n".encode(), "R.HTM": "<p>报告</p>\n".encode(),
        "r.docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2lZ\x01\x00\x00",
        "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "r.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "notes.py": b"print(1)\n", "page.css": b"p {}\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    chosen = {name for name in files if _selected(hook, tmp_path / name)}
    assert chosen == {"r.md", "r.markdown", "r.txt", "r.html", "R.HTM", "r.docx"}
    assert all(readers.supported(Path(name)) for name in chosen)
