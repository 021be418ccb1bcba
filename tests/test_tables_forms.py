"""Synthetic reports of both formats (2019, 2021) in the four forms a standard table takes
(tests/fixtures/tables, written by make.py): every cell read in place, no table finding
on the clean reports, and each defect reported at the line where it stands."""

import sys

import pytest

from conftest import FIXTURES, findings

sys.path.insert(0, str(FIXTURES / "tables"))
import make  # noqa: E402  (the data the fixtures were written from)

from linter import readers  # noqa: E402
from linter.tables import standard, tables  # noqa: E402

FORMS = ["pipe.md", "html.md", "flat.txt", "pdf.txt"]
CASES = [(version, form) for version in ("2019", "2021") for form in FORMS]
TABLE_RULES = ("T", "A")
T2_COLUMNS = ["natural", "org.business", "org.research", "org.charity", "org.legal", "org.other", "total"]


def path(version, form):
    return FIXTURES / "tables" / f"report-{version}-{form}"


def table_findings(result):
    return [f for f in findings(result) if f[0].startswith(TABLE_RULES)]


def expected_t2(version):
    return [[str(v) for v in values] for _, _, values in make.t2_rows(version)]


@pytest.mark.parametrize("version, form", CASES)
def test_fixtures_are_current(version, form):
    """The fixture files are what make.py writes (run it after changing the data)."""
    assert path(version, form).read_text("utf-8") == make.FORMS[form](version)


@pytest.mark.parametrize("version, form", CASES)
def test_every_cell_is_read_in_place(version, form):
    doc = readers.read(str(path(version, form)))
    source = {"pipe.md": "pipe", "html.md": "html", "flat.txt": "flat", "pdf.txt": "pdf"}[form]
    assert {t.source for t in tables(doc)} == {source}
    t1, t2, t3 = standard(doc)
    assert (t1.version, t2.version, t3.version) == (version, version, None)
    got1 = [[c.text for c in r.values] for r in t1.rows]
    assert got1 == [values for _, _, rows in make.T1[version] for _, values in rows]
    assert [[r.cells[c].text for c in T2_COLUMNS] for r in t2.rows] == expected_t2(version)
    assert [t3.rows[0].cells[c.key].text for c in t3.spec.columns] == [str(v) for v in make.T3]
    assert not any(t.notes for t in (t1, t2, t3))


@pytest.mark.parametrize("version, form", CASES)
def test_clean_reports_have_no_table_finding(lint_text, version, form):
    p = path(version, form)
    assert table_findings(lint_text(p.read_text("utf-8"), p.suffix)) == []


# ------------------------------------------------------------------ defects, written into each form

def _label_line(lines, form, label):
    """Index of the line that ends ``label`` (PDF: its last fragment)."""
    if form == "pdf.txt":
        last = make.split(label, 14)[-1]
        return next(i for i, text in enumerate(lines) if text == last and make.split(label, 14)[0] in
                    "".join(lines[max(0, i - 3): i + 1]))
    return next(i for i, text in enumerate(lines) if label in text)


def set_value(text, form, label, index, new):
    """The report with value ``index`` of the row ``label`` replaced; returns (text, line)."""
    lines = text.split("\n")
    at = _label_line(lines, form, label)
    if form == "pdf.txt":
        lines[at + 1 + index] = new
        return "\n".join(lines), at + 2 + index
    if form == "html.md":
        cells = lines[at].split("<td")
        values = [i for i, c in enumerate(cells) if c.startswith(">") and c[1:].split("<")[0].lstrip("-").isdigit()]
        head, _, tail = cells[values[index]].partition("</td>")
        cells[values[index]] = f">{new}</td>{tail}"
        lines[at] = "<td".join(cells)
        return "\n".join(lines), at + 1
    cells = lines[at].split(" | ")
    first = next(i for i, c in enumerate(cells) if c.strip("| ").lstrip("-").isdigit())
    cells[first + index] = new
    lines[at] = " | ".join(cells)
    return "\n".join(lines), at + 1


def drop_row(text, form, label, values=7):
    """The report without the row ``label`` (its label and values); returns (text, line of the next row)."""
    lines = text.split("\n")
    at = _label_line(lines, form, label)
    if form == "pdf.txt":
        first = at - len(make.split(label, 14)) + 1
        del lines[first: at + 1 + values]
        return "\n".join(lines), first + 1
    del lines[at]
    return "\n".join(lines), at + 1


@pytest.mark.parametrize("version, form", CASES)
def test_a_wrong_total_is_reported_at_its_cell(lint_text, version, form):
    """（七）总计 自然人 21 → 22: A1 (一+二 = 七+四) and A2 (七 = Σ results) fail at that cell,
    and A3 (总计 = Σ applicants) at the row's 总计 cell."""
    p = path(version, form)
    text, line = set_value(p.read_text("utf-8"), form, "（七）总计", 0, "22")
    total_line = line + 6 if form == "pdf.txt" else line
    assert sorted(table_findings(lint_text(text, p.suffix))) == sorted(
        [("A101", line), ("A102", line), ("A103", total_line)])


@pytest.mark.parametrize("version, form", CASES)
def test_a_placeholder_cell_is_reported_at_its_cell(lint_text, version, form):
    p = path(version, form)
    text, line = set_value(p.read_text("utf-8"), form, "二、上年结转政府信息公开申请数量", 2, "/")
    assert table_findings(lint_text(text, p.suffix)) == [("T131", line)]  # read as 0: identities hold


@pytest.mark.parametrize("version, form", CASES)
def test_words_and_impossible_numbers(lint_text, version, form):
    p = path(version, form)
    text, line = set_value(p.read_text("utf-8"), form, "4.保护第三方合法权益", 1, "-1")
    result = table_findings(lint_text(text, p.suffix))
    assert ("T133", line) in result  # a negative count (and the sums break: A rules fire too)
    if form != "pdf.txt":  # in PDF text a line of words is a label fragment, not a cell
        text, line = set_value(p.read_text("utf-8"), form, "1.属于国家秘密", 3, "暂无")
        assert table_findings(lint_text(text, p.suffix)) == [("T132", line)]


@pytest.mark.parametrize("version, form", CASES)
def test_a_missing_row_is_reported_where_it_belongs(lint_text, version, form):
    p = path(version, form)
    if form == "html.md":
        pytest.skip("a row spanned by its group's cell cannot be dropped by deleting a line")
    text, line = drop_row(p.read_text("utf-8"), form, "3.危及“三安全一稳定”")
    assert table_findings(lint_text(text, p.suffix)) == [("T121", line)]  # at 4.保护第三方合法权益


@pytest.mark.parametrize("version, form", CASES)
def test_a_table3_total_is_checked_per_group(lint_text, version, form):
    p = path(version, form)
    text = p.read_text("utf-8")
    lines = text.split("\n")
    values = [str(v) for v in make.T3]  # 行政复议: 2 + 1 + 0 + 1 = 4; the total becomes 5
    if form == "pdf.txt":
        first = next(i for i in range(len(lines) - 15) if lines[i: i + 15] == values)
        lines[first + 4] = "5"
        line = first + 5
    else:
        written = ("2 | 1 | 0 | 1 | 4 |", "<td>2</td><td>1</td><td>0</td><td>1</td><td>4</td>")
        line = next(i for i, t in enumerate(lines) if any(w in t for w in written))
        lines[line] = lines[line].replace("1 | 4 |", "1 | 5 |", 1).replace("<td>1</td><td>4</td>",
                                                                           "<td>1</td><td>5</td>", 1)
        line += 1
    assert table_findings(lint_text("\n".join(lines), p.suffix)) == [("A104", line)]


@pytest.mark.parametrize("version, form", CASES)
def test_format_version_against_report_year(lint_text, version, form):
    """A 2019-format table in a 2021+ report is an error (T111); a 2021-format table in a 2019–2020
    report a warning (T112) — at the first label of the other format."""
    p = path(version, form)
    year, rule = (2022, "T111") if version == "2019" else (2020, "T112")
    result = table_findings(lint_text(p.read_text("utf-8"), p.suffix, year=year))
    rules = sorted({r for r, _ in result})
    assert rules == [rule]
    lines = p.read_text("utf-8").split("\n")
    first_column = make.T1[version][0][1][0]
    assert [line for r, line in result if r == rule][0] == next(
        i + 1 for i, t in enumerate(lines) if first_column in t)


def test_flat_row_length_is_reported_at_the_row(lint_text):
    """A web table's row whose values went to the next line, one cell lost (as in yongshan lines 33–34)."""
    text = path("2019", "flat.txt").read_text("utf-8").replace(
        "二、上年结转政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |",
        "二、上年结转政府信息公开申请数量 |\n| 2 | 1 | 0 | 0 | 0 | 3 |")
    result = lint_text(text)
    assert table_findings(result) == [("T126", 34)]
    (d,) = [d for d in result.diagnostics if d.rule == "T126"]
    assert (d.line, d.end_line) == (34, 35)
    assert d.message == "表二“二、上年结转政府信息公开申请数量”行有 6 个数值，而表头有 7 列：无法确定缺少或多出的是哪一格"


def test_flat_exact_lines_of_the_2019_report(lint_text):
    text = path("2019", "flat.txt").read_text("utf-8")
    text = text.replace("（七）总计 | 21 |", "（七）总计 | 22 |")
    assert table_findings(lint_text(text)) == [("A101", 54), ("A102", 54), ("A103", 54)]


def test_html_in_a_text_file(lint_text):
    """An HTML table pasted into a .txt report is read like one in Markdown."""
    text = path("2021", "html.md").read_text("utf-8").replace("## ", "").replace("# ", "")
    result = lint_text(text)
    assert {t.source for t in tables(result.document)} == {"html"}
    assert [t.number for t in standard(result.document)] == [1, 2, 3]
    assert table_findings(result) == []


def drop_value(text, form, label, index):
    """The report with value ``index`` of the row ``label`` removed; returns (text, label line)."""
    lines = text.split("\n")
    at = _label_line(lines, form, label)
    if form == "pdf.txt":
        del lines[at + 1 + index]
        first = at - len(make.split(label, 14)) + 1
        return "\n".join(lines), first + 1
    if form == "html.md":
        cells = lines[at].split("<td")
        values = [i for i, c in enumerate(cells) if c.startswith(">") and c[1:].split("<")[0].isdigit()]
        del cells[values[index]]
        lines[at] = "<td".join(cells)
        return "\n".join(lines), at + 1
    cells = lines[at].split(" | ")
    first = next(i for i, c in enumerate(cells) if c.strip("| ").isdigit())
    del cells[first + index]
    lines[at] = " | ".join(cells)
    return "\n".join(lines), at + 1


@pytest.mark.parametrize("version, form", CASES)
def test_a_lost_cell_is_reported_at_its_row(lint_text, version, form):
    """A row with six values under seven columns: reported, and its values not guessed into place."""
    p = path(version, form)
    text, line = drop_value(p.read_text("utf-8"), form, "1.本机关不掌握相关政府信息", 2)
    result = lint_text(text, p.suffix)
    assert table_findings(result) == [("T126", line)]
    (row,) = [r for r in standard(result.document)[1].rows if r.key == "unavailable.not_held"]
    assert len(row.values) == 6 and row.cells == {}
