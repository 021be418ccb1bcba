"""A standard table in pieces reads the same whether each piece is read twice (once on its own,
to see whether it repeats cells already read, then into the table) or once, its reading on
its own kept where that is the same (recognise's shortcut)."""

import pytest

from conftest import FIXTURES, ROOT
from linter import readers
from linter.tables import recognise as rec
from linter.tables import tables


def reference(found_tables, parts):
    """recognise() as it was before the shortcut: every piece after the first read twice."""
    found, current, previous = [], {}, None
    for table in found_tables:
        part = next((i for i, (a, b) in enumerate(parts) if a <= table.line <= b), None)
        spec = rec.classify(table, previous[0] if previous and previous[1] == part else None)
        if spec is None:
            continue
        previous = (spec, part)
        target = current.get(spec.number)
        if target is not None:
            trial = rec.StandardTable(spec)
            rec.read(spec, table, trial)
            if trial.cell_keys() & target.cell_keys():
                target = None
        if target is None:
            target = rec.StandardTable(spec)
            found.append(target)
            current[spec.number] = target
        rec.read(spec, table, target)
    return [t for t in found if t.rows]


def _cell(cell):
    return None if cell is None else (cell.text, cell.line, cell.column, cell.end_column, cell.end_line)


def dump(standard):
    """Everything a rule can see of the standard tables, as plain data."""
    return [(t.number, t.line, t.end_line, t.version, [id(s) for s in t.sources],
             [(r.key, _cell(r.label), [_cell(v) for v in r.values], {k: _cell(c) for k, c in r.cells.items()},
               r.block, r.approximate, id(r.source), _cell(r.anchor())) for r in t.rows],
             [(c.key, _cell(c.label), c.block, id(c.source)) for c in t.columns],
             [(key, _cell(cell)) for key, cell in t.blocks],
             [(m.version, m.name, _cell(m.cell)) for m in t.marks],
             [(n.kind, _cell(n.cell), n.fields) for n in t.notes]) for t in standard]


FILES = sorted(p for folder in ("samples", "tables", "noisy", "html") for p in (FIXTURES / folder).iterdir()
               if p.suffix in (".txt", ".md", ".html", ".htm")) + sorted((ROOT / "examples").glob("*.*"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_pieces_read_once_as_if_read_twice(path):
    doc = readers.read(str(path))
    parts = [(s.line, s.end_line) for s in doc.sections]
    assert dump(rec.recognise(tables(doc), parts)) == dump(reference(tables(doc), parts))


def _variants(text):
    """The report with one table line dropped (a header row, a block header, a row), and with
    one row label damaged (a character replaced): pieces without a header, labels read
    approximately, rows named again in a later piece."""
    lines = text.split("\n")
    table_lines = [i for i, line in enumerate(lines) if "|" in line and "---" not in line]
    for i in table_lines:
        yield "\n".join(lines[:i] + lines[i + 1:])
        label = lines[i].split("|")[1] if lines[i].startswith("|") else lines[i].split("|")[0]
        cjk = [k for k, c in enumerate(label) if "\u4e00" <= c <= "\u9fff"]
        if len(cjk) > 3:
            damaged = label[:cjk[2]] + "某" + label[cjk[2] + 1:]
            yield "\n".join(lines[:i] + [lines[i].replace(label, damaged, 1)] + lines[i + 1:])


@pytest.mark.parametrize("name", ["report-2019-pipe.md", "report-2021-pipe.md", "report-2019-flat.txt",
                                  "report-2021-flat.txt"])
def test_damaged_pieces_read_once_as_if_read_twice(tmp_path, name):
    source = FIXTURES / "tables" / name
    for number, text in enumerate(_variants(source.read_text(encoding="utf-8"))):
        path = tmp_path / f"{number}{source.suffix}"
        path.write_text(text, encoding="utf-8")
        doc = readers.read(str(path))
        parts = [(s.line, s.end_line) for s in doc.sections]
        assert dump(rec.recognise(tables(doc), parts)) == dump(reference(tables(doc), parts)), text


PIPE_2021 = (FIXTURES / "tables" / "report-2021-pipe.md").read_text(encoding="utf-8")
T2_SPLIT = "| （四）无法提供 1.本机关不掌握相关政府信息 |"


@pytest.mark.parametrize("text", [
    # a block of table 1 without its header: the columns the format of the earlier blocks prints
    PIPE_2021.replace("| 信息内容 | 本年处理决定数量 |\n| --- | --- |\n| 行政许可 | 120 |",
                      "| 行政许可 | 120 |\n| --- | --- |"),
    # table 2 in two pieces, the second with a damaged label like a row of the first (which
    # makes it repeat a cell: another table)
    PIPE_2021.replace(T2_SPLIT, "\n| 信息内容 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
                      "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
                      "| 8.属于行政某询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" + T2_SPLIT),
], ids=["table1-block-without-header", "table2-piece-with-damaged-label"])
def test_pieces_that_depend_on_the_table_before(read_text, text):
    doc = read_text(text, ".md")
    parts = [(s.line, s.end_line) for s in doc.sections]
    assert dump(rec.recognise(tables(doc), parts)) == dump(reference(tables(doc), parts))


def test_the_shortcut_is_taken(monkeypatch):
    """The pipe fixture holds table 1 in four blocks: the blocks after the first read once."""
    appended = []
    append = rec._append

    def counted(target, piece):
        appended.append(piece)
        append(target, piece)

    monkeypatch.setattr(rec, "_append", counted)
    doc = readers.read(str(FIXTURES / "tables" / "report-2021-pipe.md"))
    rec.recognise(tables(doc), [(s.line, s.end_line) for s in doc.sections])
    assert appended
