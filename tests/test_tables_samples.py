"""The real reports with standard tables yield their three tables with every cell in place,
read from the form each was published in: a web table copied as text (Yongshan) and text
taken from PDFs (Huai'an, Hongze), page markers and split labels included."""

import pytest

from conftest import ROOT, SAMPLES
from linter import readers
from linter.tables import standard, standard_table, tables

T2_COLUMNS = ["natural", "org.business", "org.research", "org.charity", "org.legal", "org.other", "total"]
T3_COLUMNS = [f"{g}.{c}" for g in ("review", "direct", "after") for c in ("upheld", "corrected", "other", "pending",
                                                                          "total")]
T2_ROWS_2019 = ["new", "carried", "granted", "partial", "denied.secret", "denied.law", "denied.security",
                "denied.third_party", "denied.internal", "denied.process", "denied.enforcement", "denied.query",
                "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear", "unprocessed.petition",
                "unprocessed.repeat", "unprocessed.publication", "unprocessed.excessive", "unprocessed.confirmation",
                "other", "total", "carry_forward"]
T2_ROWS_2021 = T2_ROWS_2019[:20] + ["other.no_correction", "other.no_fee", "other.other", "total", "carry_forward"]


def read(name):
    return readers.read(str(SAMPLES / name))


def values(table, row, columns):
    return [table.cell(row, c).text for c in columns]


def grid(table):
    """{row: {column: text}} of a standard table."""
    return {r.key: {k: c.text for k, c in r.cells.items()} for r in table.rows}


# ------------------------------------------------------------------ Yongshan 2020: flattened web table

def test_yongshan_reads_three_tables_of_the_2019_format():
    doc = read("yongshan-county-2020.txt")
    assert [(t.source, t.line, t.end_line) for t in tables(doc)] == [("flat", 10, 27), ("flat", 29, 55),
                                                                    ("flat", 57, 60)]
    assert [(t.number, t.version, t.line) for t in standard(doc)] == [(1, "2019", 10), (2, "2019", 29), (3, None, 57)]


def test_yongshan_table1_every_cell():
    t1 = standard_table(read("yongshan-county-2020.txt"), 1)
    assert grid(t1) == {
        "regulations": {"made": "0", "published": "0", "public_total": "0"},
        "normative": {"made": "6", "published": "6", "public_total": "6"},
        "licensing": {"previous": "45", "change": "增8", "decisions": "53"},
        "other_services": {"previous": "45", "change": "12", "decisions": "57"},
        "penalty": {"previous": "260", "change": "增51", "decisions": "311"},
        "coercion": {"previous": "10", "change": "增3", "decisions": "13"},
        "fees": {"previous": "6", "change": "增3"},
        "procurement": {"projects": "11", "amount": "2099000.46"},
    }
    assert [r.block for r in t1.rows] == ["item1", "item1", "item5", "item5", "item6", "item6", "item8", "item9"]


def test_yongshan_table2_rows_and_the_row_that_lost_a_cell():
    t2 = standard_table(read("yongshan-county-2020.txt"), 2)
    assert [r.key for r in t2.rows] == T2_ROWS_2019
    assert values(t2, "new", T2_COLUMNS) == ["27", "0", "0", "0", "0", "0", "27"]
    assert values(t2, "granted", T2_COLUMNS) == ["27", "0", "0", "0", "0", "0", "27"]
    assert values(t2, "total", T2_COLUMNS) == ["0", "0", "0", "0", "0", "0", "27"]
    assert values(t2, "carry_forward", T2_COLUMNS) == ["0"] * 7
    # 二、上年结转 (label on line 33, values on line 34): six values under seven columns, none placed
    carried = t2.row("carried")
    assert [c.text for c in carried.values] == ["0"] * 6 and carried.cells == {}
    assert (carried.label.line, carried.values[0].line) == (33, 34)
    (note,) = t2.notes
    assert (note.kind, note.cell.line, note.cell.last_line, note.fields["found"], note.fields["expected"]) == (
        "row-length", 33, 34, 6, 7)


def test_yongshan_positions_of_cells():
    t2 = standard_table(read("yongshan-county-2020.txt"), 2)
    line = "(七)总计 | 0 | 0 | 0 | 0 | 0 | 0 | 27 |"
    total = t2.cell("total", "total")
    assert (total.line, total.column, total.end_column) == (54, line.index("27") + 1, line.index("27") + 3)
    label = t2.row("granted").label  # 三、本年度办理结果 | (一)予以公开 | …: its own label, group excluded
    assert (label.text, label.line, label.column) == ("(一)予以公开", 35, len("三、本年度办理结果 | ") + 1)


def test_yongshan_table3():
    t3 = standard_table(read("yongshan-county-2020.txt"), 3)
    assert list(grid(t3)) == ["cases"] and values(t3, "cases", T3_COLUMNS) == ["0"] * 15
    assert t3.cell("cases", "after.total").line == 60


# ------------------------------------------------------------------ Huai'an 2024: text from a PDF

def test_huaian_reads_three_tables_of_the_2021_format():
    doc = read("huaian-city-2024.txt")
    assert [(t.source, t.line, t.end_line) for t in tables(doc)] == [("pdf", 62, 92), ("pdf", 94, 331),
                                                                    ("pdf", 333, 378)]
    assert [(t.number, t.version) for t in standard(doc)] == [(1, "2021"), (2, "2021"), (3, None)]
    assert all(not t.notes for t in standard(doc))


def test_huaian_table1_every_cell():
    assert grid(standard_table(read("huaian-city-2024.txt"), 1)) == {
        "regulations": {"issued": "1", "repealed": "0", "in_force": "11"},
        "normative": {"issued": "8", "repealed": "26", "in_force": "66"},
        "licensing": {"decisions": "447228"},
        "penalty": {"decisions": "3985758"},  # after the page marker “- 4 -” inside the block
        "coercion": {"decisions": "88283"},
        "fees": {"amount": "96171.6"},
    }


HUAIAN_T2 = {
    "new": ["3001", "53", "0", "0", "61", "4", "3119"],
    "carried": ["34", "0", "0", "0", "0", "0", "34"],
    "granted": ["1288", "21", "0", "0", "50", "3", "1362"],
    "partial": ["447", "7", "0", "0", "0", "0", "454"],
    "denied.secret": ["2", "0", "0", "0", "0", "0", "2"],
    "denied.law": ["30", "1", "0", "0", "0", "0", "31"],
    "denied.security": ["5", "0", "0", "0", "0", "0", "5"],
    "denied.third_party": ["6", "0", "0", "0", "0", "0", "6"],
    "denied.internal": ["7", "1", "0", "0", "0", "0", "8"],
    "denied.process": ["12", "0", "0", "0", "0", "0", "12"],
    "denied.enforcement": ["9", "0", "0", "0", "0", "0", "9"],
    "denied.query": ["105", "0", "0", "0", "0", "0", "105"],
    "unavailable.not_held": ["746", "12", "0", "0", "10", "1", "769"],
    "unavailable.needs_creation": ["11", "0", "0", "0", "0", "0", "11"],  # label “（四）无 - 5 - 法提供”
    "unavailable.unclear": ["1", "0", "0", "0", "0", "0", "1"],
    "unprocessed.petition": ["56", "6", "0", "0", "0", "0", "62"],
    "unprocessed.repeat": ["25", "0", "0", "0", "0", "0", "25"],
    "unprocessed.publication": ["0"] * 7,
    "unprocessed.excessive": ["0"] * 7,
    "unprocessed.confirmation": ["1", "0", "0", "0", "0", "0", "1"],
    "other.no_correction": ["67", "3", "0", "0", "1", "0", "71"],
    "other.no_fee": ["6", "0", "0", "0", "0", "0", "6"],
    "other.other": ["108", "2", "0", "0", "0", "0", "110"],
    "total": ["2932", "53", "0", "0", "61", "4", "3050"],
    "carry_forward": ["103", "0", "0", "0", "0", "0", "103"],
}


def test_huaian_table2_every_cell():
    t2 = standard_table(read("huaian-city-2024.txt"), 2)
    assert [r.key for r in t2.rows] == T2_ROWS_2021
    assert {r.key: [r.cells[c].text for c in T2_COLUMNS] for r in t2.rows} == HUAIAN_T2


def test_huaian_labels_over_several_lines_keep_their_span():
    t2 = standard_table(read("huaian-city-2024.txt"), 2)
    partial = t2.row("partial").label  # （二）部分公开（区分处理的，只计这一情 / 形，不计其他情形）
    assert (partial.line, partial.column, partial.last_line, partial.end_column) == (141, 1, 142, 10)
    no_fee = t2.row("other.no_fee").label
    assert (no_fee.line, no_fee.last_line) == (298, 300)
    cell = t2.cell("other.no_fee", "total")
    assert (cell.text, cell.line, cell.column, cell.end_column) == ("6", 307, 1, 2)


def test_huaian_table3_every_cell():
    t3 = standard_table(read("huaian-city-2024.txt"), 3)
    assert values(t3, "cases", T3_COLUMNS) == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26",
                                               "12", "1", "1", "6", "20"]
    assert t3.cell("cases", "review.upheld").line == 364 and t3.cell("cases", "after.total").line == 378


# ------------------------------------------------------------------ Hongze 2023, 2024: PDF, old table 2

@pytest.mark.parametrize("name, first", [("hongze-district-2023.txt", 41), ("hongze-district-2024.txt", 42)])
def test_hongze_tables_and_their_format(name, first):
    doc = read(name)
    assert [t.source for t in tables(doc)] == ["pdf"] * 3
    # table 1 follows the 2021 format; table 2 still has the single （六）其他处理 row of 2019
    assert [(t.number, t.version) for t in standard(doc)] == [(1, "2021"), (2, "2019"), (3, None)]
    assert standard(doc)[0].line == first
    t2 = standard_table(doc, 2)
    assert [r.key for r in t2.rows] == T2_ROWS_2019
    law = t2.row("denied.law")  # printed damaged: 2.其他法律行政止公开
    assert law.approximate and law.label.text == "2.其他法律行政止公开"


def test_hongze_2023_every_cell():
    doc = read("hongze-district-2023.txt")
    assert grid(standard_table(doc, 1)) == {
        "regulations": {"issued": "0", "repealed": "0", "in_force": "0"},
        "normative": {"issued": "0", "repealed": "5", "in_force": "5"},
        "licensing": {"decisions": "550"},
        "penalty": {"decisions": "4119"},  # after the page marker “- 3 -”
        "coercion": {"decisions": "195"},
        "fees": {"amount": "7730.28"},
    }
    t2 = standard_table(doc, 2)
    got = {r.key: [r.cells[c].text for c in T2_COLUMNS] for r in t2.rows}
    nonzero = {k: v for k, v in got.items() if v != ["0"] * 7}
    assert nonzero == {
        "new": ["21", "0", "0", "0", "0", "0", "21"],
        "partial": ["4", "0", "0", "0", "0", "0", "4"],
        "denied.secret": ["1", "0", "0", "0", "0", "0", "1"],
        "denied.process": ["1", "0", "0", "0", "0", "0", "1"],
        "denied.enforcement": ["1", "0", "0", "0", "0", "0", "1"],
        "unavailable.not_held": ["10", "0", "0", "0", "0", "0", "10"],
        "unavailable.needs_creation": ["3", "0", "0", "0", "0", "0", "3"],
        "unprocessed.petition": ["1", "0", "0", "0", "0", "0", "1"],
        "total": ["21", "0", "0", "0", "0", "0", "21"],
    }
    assert len(got) == 23
    # “审结总计” and “总计结果”: two header cells run together on one line
    assert values(standard_table(doc, 3), "cases", T3_COLUMNS) == ["10", "1", "0", "0", "0", "0", "0", "0", "0",
                                                                   "0", "5", "0", "0", "0", "0"]


def test_hongze_2024_every_cell():
    doc = read("hongze-district-2024.txt")
    assert grid(standard_table(doc, 1))["normative"] == {"issued": "3", "repealed": "0", "in_force": "8"}
    assert grid(standard_table(doc, 1))["licensing"] == {"decisions": "9487"}
    assert grid(standard_table(doc, 1))["fees"] == {"amount": "7545"}
    t2 = standard_table(doc, 2)
    assert values(t2, "new", T2_COLUMNS) == ["95", "0", "0", "0", "0", "0", "95"]
    assert values(t2, "granted", T2_COLUMNS) == ["50", "0", "0", "0", "0", "0", "50"]
    assert values(t2, "unavailable.not_held", T2_COLUMNS) == ["31", "0", "0", "0", "0", "0", "31"]
    assert values(t2, "unavailable.needs_creation", T2_COLUMNS) == ["1", "0", "0", "0", "0", "0", "1"]  # after “-”
    assert values(t2, "total", T2_COLUMNS) == ["95", "0", "0", "0", "0", "0", "95"]
    assert values(standard_table(doc, 3), "cases", T3_COLUMNS) == ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1",
                                                                   "2", "0", "1", "0", "3"]


# ------------------------------------------------------------------ the examples

def test_clean_example_tables():
    doc = readers.read(str(ROOT / "examples" / "clean-2021.md"))
    assert [(t.source, t.caption.text if t.caption else None) for t in tables(doc)] == [
        ("pipe", "第二十条第（一）项"), ("pipe", "第二十条第（五）项"), ("pipe", "第二十条第（六）项"),
        ("pipe", "第二十条第（八）项"), ("pipe", None), ("pipe", None)]
    t1, t2, t3 = standard(doc)  # table 1 put together from its four blocks
    assert [s.line for s in t1.sources] == [33, 40, 46, 53]
    assert grid(t1)["fees"] == {"amount": "1286.45"}
    assert values(t2, "other.no_correction", T2_COLUMNS) == ["1", "0", "0", "0", "0", "0", "1"]
    # 行政诉讼（未经复议直接起诉）-结果维持: the group inside the header cell names the column
    assert values(t3, "cases", T3_COLUMNS) == ["1", "0", "0", "1", "2", "1", "0", "0", "0", "1", "0", "0", "0",
                                               "0", "0"]
    assert all(not t.notes for t in (t1, t2, t3))


def test_tables_are_built_once_and_only_when_asked():
    doc = read("yongshan-county-2020.txt")
    assert "tables" not in doc.derived
    first = standard(doc)
    assert standard(doc) is first and tables(doc) is doc.derived["tables"]
