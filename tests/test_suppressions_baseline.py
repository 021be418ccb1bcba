"""Suppression comments in Markdown, and baselines that survive edits above a finding."""

import json

import pytest

from conftest import ROOT, SAMPLES
from linter.cli import main

CLEAN = (ROOT / "examples" / "clean-2021.md").read_text("utf-8")
# part 五 removed: S205 at the heading of part 六 (line 101) and N101 (六 after 四)
NO_FIVE = CLEAN.replace("## 五、存在的主要问题及改进情况", "本部分从略。")


def lint(capsys, tmp_path, text, *args, name="r.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code = main(["check", "--format", "json", "--select", "section,numbering", *map(str, args), str(path)])
    out = capsys.readouterr()
    data = json.loads(out.out) if out.out.startswith("{") else None
    return code, [(d["rule"], d["line"]) for f in data["files"] for d in f["diagnostics"]] if data else None, out.err


def test_unsuppressed(capsys, tmp_path):
    assert lint(capsys, tmp_path, NO_FIVE)[1] == [("S205", 101), ("N101", 101)]


def test_disable_next_line(capsys, tmp_path):
    text = NO_FIVE.replace("## 六、其他需要报告的事项", "<!-- xxgk-lint: disable-next-line S205, N101 -- 经批准 -->\n"
                                                   "## 六、其他需要报告的事项")
    code, found, _ = lint(capsys, tmp_path, text)
    assert code == 0 and found == []


def test_disable_and_enable_ranges(capsys, tmp_path):
    text = NO_FIVE.replace("## 六、其他需要报告的事项", "<!-- xxgk-lint: disable N101 -->\n## 六、其他需要报告的事项\n"
                                                   "<!-- xxgk-lint: enable N101 -->")
    assert lint(capsys, tmp_path, text)[1] == [("S205", 102)]


def test_disable_file_by_name(capsys, tmp_path):
    text = "<!-- xxgk-lint: disable-file missing-problems -- 本单位合并报告 -->\n" + NO_FIVE
    assert lint(capsys, tmp_path, text)[1] == [("N101", 102)]


def test_suppression_that_suppresses_nothing_is_reported(capsys, tmp_path):
    text = CLEAN.replace("## 六、其他需要报告的事项", "<!-- xxgk-lint: disable-next-line S205 -->\n## 六、其他需要报告的事项")
    code, found, _ = lint(capsys, tmp_path, text)
    assert found == [("E004", 101)] and code == 0  # a warning


@pytest.mark.parametrize("comment", ["<!-- xxgk-lint: disable -->", "<!-- xxgk-lint: disable S999 -->",
                                     "<!-- xxgk-lint: silence S205 -->"])
def test_invalid_suppressions_are_errors(capsys, tmp_path, comment):
    code, found, _ = lint(capsys, tmp_path, CLEAN.replace("## 六、", comment + "\n## 六、"))
    assert code == 1 and found == [("E003", 101)]


def test_comments_in_code_blocks_and_text_files_do_nothing(capsys, tmp_path):
    text = NO_FIVE.replace("## 六、其他需要报告的事项", "```\n<!-- xxgk-lint: disable-file S205 -->\n```\n\n## 六、其他需要报告的事项")
    assert ("S205", 105) in lint(capsys, tmp_path, text)[1]


def test_baseline_reports_only_new_findings_after_edits(capsys, tmp_path):
    report = SAMPLES / "jiangnan-subdistrict-2017.txt"
    text = report.read_text("utf-8")
    baseline = tmp_path / "baseline.json"
    code, found, err = lint(capsys, tmp_path, text, "--write-baseline", baseline, name="j.txt")
    assert code == 0 and found == [("S103", 78)] and "1 个问题" in err
    data = json.loads(baseline.read_text("utf-8"))
    assert data["findings"][0]["path"] == "j.txt" and data["findings"][0]["rule"] == "S103"
    # lines added above: the old finding moves to line 80 but stays baselined
    edited = "\n\n" + text.replace("五、政府信息公开工作存在的主要问题及改进措施", "本部分从略")
    code, found, _ = lint(capsys, tmp_path, edited, "--baseline", baseline, name="j.txt")
    assert found == [("N101", 96)] and code == 0  # only the new finding: 六 now follows 四


@pytest.mark.parametrize(
    "content, words",
    [
        (None, "基线文件不存在"),
        ("{not json", "无法读取"),
        ('{"format_version": 9, "findings": []}', "不是 xxgk-lint 基线文件"),
        ('{"format_version": 1, "findings": [{"path": "j.txt", "rule": "S999", "fingerprint": "x"}]}', "规则未知"),
        ('{"format_version": 1, "findings": [{"path": "j.txt"}]}', "记录无效"),
    ],
)
def test_bad_baselines_exit_2(capsys, tmp_path, content, words):
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    code, _, err = lint(capsys, tmp_path, "一、总体情况\n", "--baseline", baseline, name="j.txt")
    assert code == 2 and words in err and "Traceback" not in err


def test_engine_findings_obey_ignore_and_severity(capsys, tmp_path):
    text = CLEAN.replace("## 六、其他需要报告的事项", "<!-- xxgk-lint: disable-next-line S205 -->\n## 六、其他需要报告的事项")
    assert lint(capsys, tmp_path, text, "--ignore", "E004")[1] == []
    (tmp_path / ".xxgk-lint.yaml").write_text("severity: {unused-suppression: info}\nfail-level: warning\n",
                                              encoding="utf-8")
    code, found, _ = lint(capsys, tmp_path, text)
    assert found == [("E004", 101)] and code == 0


def test_suppressing_a_rule_that_does_not_apply_is_not_unused(capsys, tmp_path):
    """S103 is a 2007-regime rule: in a 2024 report it never runs, so its comment is inert."""
    text = "<!-- xxgk-lint: disable-file S103 -- 模板通用 -->\n" + CLEAN
    assert lint(capsys, tmp_path, text)[1] == []
