"""`xxgk-lint new`: a skeleton the linter accepts structurally and whose blanks it flags
until they are filled; .docx reports read back like text."""

import json
import re

import pytest

from linter import skeleton
from linter.cli import main

STRUCTURE = ("S1", "S2", "S3", "N", "T", "A")  # parts, their order and numbering, tables: rule id prefixes
CELL_VALUES = {"T131", "T132"}  # unfilled cells are flagged as cell values, not structure


def structural(found):
    return [f for f in found if f[0].startswith(STRUCTURE) and f[0] not in CELL_VALUES]


def lint(capsys, path):
    main(["check", "--format", "json", str(path)])
    return [(d["rule"], d["category"], d["line"]) for d in json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]]


def lint_facts(capsys, path):
    main(["check", "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)["files"][0]


def fill(text: str) -> str:
    """What a user does: names, dates, sentences and numbers in every blank."""
    text = text.replace("（单位名称）", "青禾县人民政府办公室")
    text = re.sub(r"（此处填写([^（）]*)）", r"本年度\1已按要求完成，存在的问题是解读不足，改进措施是加强培训，未发生行政复议和行政诉讼", text)
    text = text.replace("*月*日", "1月20日")
    return re.sub(r"(?<=\| )\*(?= \|)", "0", text)


@pytest.mark.parametrize("year, organ", [(2015, "government"), (2020, "township"), (2024, "department")])
def test_skeleton_is_structurally_clean_and_its_blanks_are_flagged(capsys, tmp_path, year, organ):
    path = tmp_path / "skeleton.md"
    assert main(["new", "--year", str(year), "--organ", organ, "--output", str(path)]) == 0
    found = lint(capsys, path)
    assert structural(found) == []
    template = [f for f in found if f[1] == "template"]
    assert template and {r for r, _, _ in template} <= {"M101", "M102"}
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == f"# {skeleton._NAME[organ]}{year}年政府信息公开工作年度报告"
    assert lint_facts(capsys, path)["organ"] == organ  # the title says whose report it is
    assert ("M101", "template", len(lines)) in found  # the date of the signature: {year+1}年*月*日
    filled = tmp_path / "filled.md"
    filled.write_text(fill(path.read_text("utf-8")), encoding="utf-8")
    after = lint(capsys, filled)
    assert structural(after) == [] and [f for f in after if f[1] in ("template", "period", "year", "table")] == []


def test_skeleton_tables_follow_the_year_format(capsys):
    main(["new", "--year", "2020"])
    old = capsys.readouterr().out
    main(["new", "--year", "2021"])
    new = capsys.readouterr().out
    assert "本年新制作数量" in old and "政府集中采购" in old and "（六）其他处理 |" in old
    assert "本年制发件数" in new and "政府集中采购" not in new and "（六）其他处理 3.其他" in new
    main(["new", "--year", "2012"])
    assert "收费及减免" in capsys.readouterr().out


def test_docx_skeleton_reads_back(capsys, tmp_path):
    path = tmp_path / "skeleton.docx"
    assert main(["new", "--year", "2024", "--format", "docx", "--output", str(path)]) == 0
    found = lint(capsys, path)
    assert structural(found) == []
    assert ("M101", "template", 64) in found  # line = paragraph or table row of the document
    main(["tree", str(path)])
    tree = capsys.readouterr().out
    assert "L1 （单位名称）人民政府2024年政府信息公开工作年度报告" in tree and "L29-55 三、 收到和处理政府信息公开申请情况" in tree


def test_docx_needs_an_output_file(capsys):
    assert main(["new", "--year", "2024", "--format", "docx"]) == 2
    assert "--output" in capsys.readouterr().err


def test_damaged_docx_is_one_diagnostic(capsys, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert lint(capsys, path) == [("E001", "input", 1)]
