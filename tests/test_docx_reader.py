""".docx reading: one line per paragraph and per table row, the text python-docx gives.

The reader walks paragraphs and runs itself (python-docx's XPath per run was half the cost
of a .docx); these tests hold it to python-docx's own ``Paragraph.text`` and ``_Cell.text``
on the constructs that render specially: tabs, line and page breaks, non-breaking hyphens,
hyperlinks, merged cells, several paragraphs in a cell, a table inside a cell."""

from __future__ import annotations

import io

import pytest

docx = pytest.importorskip("docx")

from docx.enum.text import WD_BREAK  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from docx.table import Table  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402

from linter.readers import docx as reader  # noqa: E402


def _build() -> bytes:
    document = docx.Document()
    document.add_paragraph("2023年青禾县政府信息公开工作年度报告")
    run = document.add_paragraph().add_run("一、总体情况")
    run.add_tab()
    run.add_text("（一）主动公开")
    run.add_break()  # a line break: a newline in the text, a space on our line
    run.add_text("续行")
    run.add_break(WD_BREAK.PAGE)  # a page break renders as nothing
    run.add_text("完")
    paragraph = document.add_paragraph("详见")
    paragraph._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>门户网站</w:t></w:r>'
                                  f'<w:r><w:noBreakHyphen/><w:t>专栏</w:t></w:r></w:hyperlink>'))
    paragraph.add_run("。")
    document.add_paragraph()  # an empty paragraph is an empty line
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "收到申请数"  # merged across: one cell
    table.cell(0, 2).text = "本年"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "其中"  # merged down: repeated below, as python-docx does
    table.cell(1, 1).text = "自然人 | 个人"
    table.cell(1, 2).text = "12"
    cell = table.cell(2, 1)
    cell.text = "法人"
    cell.add_paragraph("或其他组织")
    cell.add_table(rows=1, cols=1).cell(0, 0).text = "嵌套表格"  # not part of the cell's own text
    table.cell(2, 2).text = "3"
    document.add_paragraph("五、存在的主要问题及改进情况")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _python_docx_rendering(data: bytes) -> str:
    """The same rendering through python-docx's own text properties."""
    document = docx.Document(io.BytesIO(data))
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, document).text.replace("\n", " "))
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                cells = [c.text.replace("|", "｜").replace("\n", " ").strip() for c in reader._unmerged(row.cells)]
                lines.append(" | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def test_rendering_of_runs_breaks_hyperlinks_and_merged_cells():
    data = _build()
    assert reader.render(data).splitlines() == [
        "2023年青禾县政府信息公开工作年度报告",
        "一、总体情况\t（一）主动公开 续行完",
        "详见门户网站-专栏。",
        "",
        "收到申请数 | 本年 |",
        "其中 | 自然人 ｜ 个人 | 12 |",
        "其中 | 法人 或其他组织 | 3 |",
        "五、存在的主要问题及改进情况",
    ]
    assert reader.render(data) == _python_docx_rendering(data)


def test_line_numbers_are_paragraphs_and_rows(tmp_path):
    from linter.readers import read

    path = tmp_path / "report.docx"
    path.write_bytes(_build())
    doc = read(str(path))
    assert doc.format == "docx"
    assert doc.lines[5] == "其中 | 自然人 ｜ 个人 | 12 |"  # line 6: the second row of the table
