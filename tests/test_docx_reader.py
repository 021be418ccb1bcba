""".docx reading: one line per paragraph and per table row, the text python-docx gives.

The reader parses the main part with lxml and walks it itself (python-docx cost more than
linting the report); these tests hold it to python-docx's own ``Paragraph.text``,
``_Row.cells`` and ``_Cell.text`` on the constructs that render specially — tabs, line and
page breaks, non-breaking hyphens, hyperlinks, merged cells (generated: any merge python-docx
can make, rows that start late), several paragraphs in a cell, a table inside a cell — and
to python-docx's verdict on packages that are not Word documents."""

from __future__ import annotations

import io

import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

docx = pytest.importorskip("docx")

from docx.enum.text import WD_BREAK  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from docx.table import Table  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402

from linter.readers import ReadProblem  # noqa: E402
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
                cells, seen = [], None
                for cell in row.cells:  # a merged cell once, as the reader gives it
                    if cell._tc is not seen:
                        seen = cell._tc
                        cells.append(cell.text.replace("|", "｜").replace("\n", " ").strip())
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


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


merges = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 4), st.integers(0, 4)), max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.integers(1, 5), cols=st.integers(1, 5), merges=merges, late=st.lists(st.integers(0, 2), max_size=5))
@example(rows=2, cols=3, merges=[(1, 0, 1, 1), (0, 2, 1, 2)], late=[])  # a continued cell after a wide one
@example(rows=2, cols=3, merges=[(0, 1, 1, 1)], late=[0, 1])  # a continued cell in a row that starts late
def test_merged_cells_as_python_docx_resolves_them(rows, cols, merges, late):
    document = docx.Document()
    table = document.add_table(rows=rows, cols=cols)
    for r in range(rows):
        for c in range(cols):
            table.cell(r, c).text = f"{r}-{c}"
    for top, left, bottom, right in merges:  # python-docx writes w:gridSpan and w:vMerge
        try:
            table.cell(min(top, rows - 1), min(left, cols - 1)).merge(table.cell(min(bottom, rows - 1), min(right, cols - 1)))
        except Exception:  # a merge across an earlier one is refused: the table stays as it was
            pass
    for row, before in zip(table._tbl.tr_lst, late):  # a row may start late: cells left out, w:gridBefore
        dropped = row.tc_lst[:before]
        if dropped:
            for tc in dropped:
                row.remove(tc)
            span = sum(tc.grid_span for tc in dropped)
            row.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="{span}"/>'))
    data = _saved(document)
    try:
        expected = _python_docx_rendering(data)
    except ValueError:  # python-docx finds no cell above a continued merge; the reader does not fail
        return
    assert reader.render(data) == expected


def _repacked(data: bytes, change) -> bytes:
    """The package with ``change(name, content)`` applied to each member (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = change(name, source.read(name))
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


MAIN = b"wordprocessingml.document.main+xml"
damages = {
    "not a zip": lambda data: b"PK\x03\x04 not really a zip",
    "no content types": lambda data: _repacked(data, lambda n, c: None if n == "[Content_Types].xml" else c),
    "no relationships": lambda data: _repacked(data, lambda n, c: None if n == "_rels/.rels" else c),
    "no main part": lambda data: _repacked(data, lambda n, c: None if n == "word/document.xml" else c),
    "broken main part": lambda data: _repacked(data, lambda n, c: c[:-40] if n == "word/document.xml" else c),
    "a macro document": lambda data: _repacked(
        data, lambda n, c: c.replace(MAIN, b"wordprocessingml.document.macroEnabled.main+xml") if n == "[Content_Types].xml" else c),
}


@pytest.mark.parametrize("damage", damages)
def test_damaged_packages_are_refused_as_python_docx_refuses_them(damage):
    data = damages[damage](_build())
    with pytest.raises(Exception) as refused:
        docx.Document(io.BytesIO(data))
    with pytest.raises(ReadProblem) as problem:
        reader.render(data)
    assert str(problem.value) == f"不是有效的 Word 文档 (not a valid .docx): {type(refused.value).__name__}"


def test_a_damaged_part_the_report_does_not_need_is_not_read():
    """python-docx parses every part; the reader only the main one, so broken styles still read."""
    data = _repacked(_build(), lambda n, c: b"<broken" if n == "word/styles.xml" else c)
    assert reader.render(data).splitlines()[0] == "2023年青禾县政府信息公开工作年度报告"


def test_without_lxml_the_reader_says_which_extra_to_install(monkeypatch):
    import builtins

    data, real = _build(), builtins.__import__

    def no_lxml(name, *args, **kwargs):
        if name == "lxml" or name.startswith("lxml."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_lxml)
    with pytest.raises(ReadProblem) as problem:
        reader.render(data)
    assert str(problem.value) == "读取 Word 文档需要 lxml：pip install 'xxgk-lint[docx]'"
