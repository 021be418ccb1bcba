"""`xxgk-lint extract FILE --format json|csv`: the standard tables as canonical data."""

import csv
import io
import json

from conftest import ROOT, SAMPLES, run_cli


run = run_cli


def test_json_holds_every_placed_cell_with_its_position(capsys):
    code, out, _ = run(capsys, "extract", SAMPLES / "huaian-city-2024.txt")
    data = json.loads(out)
    assert code == 0 and data["format_version"] == 1
    assert (data["report_year"], data["regime"]) == (2024, "2021")
    assert [(t["table"], t["version"], t["line"], t["end_line"], t["readable"]) for t in data["tables"]] == [
        (1, "2021", 62, 92, True), (2, "2021", 94, 331, True), (3, None, 333, 378, True)]
    t2 = data["tables"][1]
    assert [r["key"] for r in t2["rows"]][:3] == ["new", "carried", "granted"]
    assert t2["rows"][0]["cells"]["total"] == {"text": "3119", "value": 3119, "line": 116, "column": 1}
    assert data["tables"][0]["rows"][-1]["cells"] == {"amount": {"text": "96171.6", "value": 96171.6, "line": 92,
                                                                 "column": 1}}


def test_json_notes_say_what_could_not_be_read(capsys):
    data = json.loads(run(capsys, "extract", "--format", "json", SAMPLES / "yongshan-county-2020.txt")[1])
    t2 = data["tables"][1]
    carried = next(r for r in t2["rows"] if r["key"] == "carried")
    assert carried["cells"] == {}  # six values under seven columns: not placed
    assert t2["notes"] == [{"kind": "row-length", "line": 33, "column": 1, "found": 6, "expected": 7,
                            "label": "二、上年结转政府信息公开申请数量"}]
    change = data["tables"][0]["rows"][2]["cells"]["change"]
    assert (change["text"], change["value"]) == ("增8", 8)


def test_csv_one_line_per_cell(capsys):
    code, out, _ = run(capsys, "extract", "--format", "csv", ROOT / "examples" / "defective-2020.txt")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert list(rows[0]) == ["path", "table", "version", "row", "column", "value", "text", "line", "column_number"]
    assert len(rows) == 8 * 3 - 2 + 23 * 7 + 15  # table 1 (two-column blocks), table 2, table 3
    slash = next(r for r in rows if r["row"] == "carried" and r["column"] == "org.research")
    assert (slash["value"], slash["text"], slash["line"], slash["column_number"]) == ("", "/", "35", "28")
    total = next(r for r in rows if r["table"] == "2" and r["row"] == "total" and r["column"] == "natural")
    assert (total["version"], total["value"], total["line"]) == ("2019", "11", "55")


def test_a_report_without_tables_gives_an_empty_list(capsys):
    data = json.loads(run(capsys, "extract", SAMPLES / "gaoping-city-2012.txt")[1])
    assert data["tables"] == [] and data["regime"] == "2007"


def test_usage_errors(capsys):
    assert run(capsys, "extract", "--format", "xml", SAMPLES / "huaian-city-2024.txt")[0] == 2
    code, _, err = run(capsys, "extract", "/no/such/report.txt")
    assert code == 2 and "Traceback" not in err
