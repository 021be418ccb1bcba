"""The command line as a user runs it: formats, exit codes, tree, rules, bad input."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES, run_cli
from linter.cli import main

EXAMPLES = ROOT / "examples"


run = run_cli


def test_text_format_lines_and_exit_code(capsys):
    code, out, _ = run(capsys, "check", "--format", "text", "--select", "section", SAMPLES / "jiangnan-subdistrict-2017.txt")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{SAMPLES / 'jiangnan-subdistrict-2017.txt'}:78:5: error S103 缺少“政府信息公开的收费及减免情况”部分")
    assert out.splitlines()[-1].startswith("检查了 1 个文件：1 个错误")


def test_clean_example_exits_zero(capsys):
    code, out, _ = run(capsys, "check", "--format", "text", EXAMPLES / "clean-2021.md")
    assert code == 0 and "0 个错误" in out


def test_fail_level(capsys):
    gaoping = SAMPLES / "gaoping-city-2012.txt"  # only an info finding
    assert run(capsys, "check", "--format", "text", gaoping)[0] == 0
    assert run(capsys, "check", "--format", "text", "--fail-level", "warning", gaoping)[0] == 0
    assert run(capsys, "check", "--format", "text", "--fail-level", "info", gaoping)[0] == 1


def test_json_contract(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "section",
                       SAMPLES / "jiangnan-subdistrict-2017.txt", EXAMPLES / "clean-2021.md")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"format_version", "tool", "files", "summary"}
    assert data["tool"]["name"] == "xxgk-lint"
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}
    jiangnan = data["files"][0]
    assert (jiangnan["report_year"], jiangnan["regime"], jiangnan["organ"]) == (2017, "2007", "township")
    (d,) = jiangnan["diagnostics"]
    assert set(d) == {"rule", "name", "category", "severity", "line", "column", "end_line", "end_column",
                      "message", "citation", "hint", "fingerprint"}
    assert (d["rule"], d["name"], d["category"], d["line"], d["column"]) == ("S103", "missing-fees-2007",
                                                                             "section", 78, 5)
    assert data["files"][1]["diagnostics"] == []


def test_directories_are_searched_for_supported_files(capsys, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("# 某县2024年政府信息公开工作年度报告\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("某县2024年政府信息公开工作年度报告\n", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.md").write_text("x", encoding="utf-8")
    data = json.loads(run(capsys, "check", "--format", "json", tmp_path)[1])
    assert [f["path"].rsplit("/", 1)[-1] for f in data["files"]] == ["b.txt", "a.md"]


def test_a_bad_file_does_not_stop_the_others(capsys, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text((SAMPLES / "jiangnan-subdistrict-2017.txt").read_text("utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "text", "--select", "section", tmp_path / "a.txt", tmp_path / "b.txt")
    assert code == 1
    assert "a.txt:1:1: error E001 文件为空" in out and "b.txt:78:5: error S103" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["check", "/no/such/report.txt"], "路径不存在"),
        (["check", "--format", "xml", "examples"], "未知的输出格式"),
        (["check", "--year", "1999", "examples"], "2008"),
        (["check", "--regime", "2010", "examples"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_without_traceback(capsys, args, words):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert words in err and "Traceback" not in err


def test_overrides_change_regime(capsys):
    out = run(capsys, "check", "--format", "json", "--select", "section", "--year", "2015", EXAMPLES / "clean-2021.md")[1]
    file = json.loads(out)["files"][0]
    assert (file["report_year"], file["regime"]) == (2015, "2007")
    assert {d["rule"] for d in file["diagnostics"]} == {"S103"}  # no 收费及减免 part in a 2021 report


def test_tree_shows_parts_with_lines(capsys):
    code, out, _ = run(capsys, "tree", SAMPLES / "yongshan-county-2020.txt")
    assert code == 0
    assert "L28-55" in out and "收到和处理政府信息公开申请情况" in out and "(run-in)" in out
    assert "2020" in out and "2019" in out


def test_tree_of_unreadable_file_exits_2(capsys, tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    code, _, err = run(capsys, "tree", tmp_path / "e.txt")
    assert code == 2 and "文件为空" in err


def test_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for rule_id in ["S101", "S106", "S201", "S206", "Y001"]:
        assert rule_id in out


def test_rich_output_underlines_by_display_width(capsys):
    from io import StringIO

    from rich.cells import cell_len
    from rich.console import Console

    from linter import engine, rulefile
    from linter.formatters.rich import RichFormatter

    only_s103 = [r for r in rulefile.load_all() if r.id == "S103"]
    result = engine.lint_file(str(SAMPLES / "jiangnan-subdistrict-2017.txt"), only_s103, engine.Overrides())
    buffer = StringIO()
    RichFormatter(Console(file=buffer, width=200, color_system=None)).render([result], buffer)
    lines = buffer.getvalue().splitlines()
    source = next(i for i, l in enumerate(lines) if l.strip().startswith("78 │"))
    caret = lines[source + 1]
    heading = "四、因政府信息公开申请行政复议、提起行政诉讼的情况"
    assert caret.count("^") == 2 * len(heading)  # every character takes two cells
    assert caret.index("^") == cell_len(lines[source][: lines[source].index("四")])
    assert "依据 《中华人民共和国政府信息公开条例》" in buffer.getvalue()
    assert "建议 " in buffer.getvalue() and "1 个错误" in lines[-1]


def test_python_dash_m_and_console_script(tmp_path):
    out = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "text",
                          str(SAMPLES / "jiangnan-subdistrict-2017.txt")], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 1 and ":78:5: error S103" in out.stdout


def test_output_on_a_non_utf8_stream_does_not_crash(tmp_path):
    env = {**__import__("os").environ, "PYTHONIOENCODING": "ascii"}
    out = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", "--select", "S103",
                          str(SAMPLES / "jiangnan-subdistrict-2017.txt")], capture_output=True, env=env, cwd=tmp_path)
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    assert json.loads(out.stdout.decode("utf-8"))["summary"]["errors"] == 1


def test_a_closed_pipe_is_not_a_traceback(tmp_path):
    script = f"{sys.executable} -m linter check --format text {SAMPLES} {EXAMPLES} | head -n 1"
    out = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr
    assert out.stdout.count("\n") == 1


def test_an_unexpected_exception_is_one_line_and_exit_2(capsys, monkeypatch):
    from linter import engine

    def broken(self, paths, jobs=1, progress=None):
        raise ValueError("坏了")

    monkeypatch.setattr(engine.Runner, "lint", broken)
    code, _, err = run(capsys, "check", "--format", "text", EXAMPLES)
    assert code == 2 and err.splitlines() == [
        "xxgk-lint: 内部错误 (internal error): ValueError: 坏了；请报告此问题，设 XXGK_LINT_DEBUG=1 可看到调用栈 "
        "(set XXGK_LINT_DEBUG=1 for the traceback)"]
    monkeypatch.setenv("XXGK_LINT_DEBUG", "1")
    with pytest.raises(ValueError):
        main(["check", "--format", "text", str(EXAMPLES)])


@pytest.mark.parametrize("command", ["tree", "extract"])
def test_tree_and_extract_of_a_directory(capsys, command):
    code, _, err = run(capsys, command, EXAMPLES)
    assert code == 2 and "需要一个文件，不是目录" in err


def test_rules_option_naming_a_file(capsys):
    code, _, err = run(capsys, "check", "--rules", EXAMPLES / "clean-2021.md", EXAMPLES)
    assert code == 2 and "而不是文件" in err


def test_an_unbuffered_stdout_gets_the_report_in_few_writes(monkeypatch):
    """PYTHONUNBUFFERED (many CI images set it) made every piece of a JSON report a system call."""
    import io

    class Raw(io.RawIOBase):
        writes = 0
        data = b""

        def writable(self):
            return True

        def write(self, chunk):
            Raw.writes += 1
            Raw.data += bytes(chunk)
            return len(chunk)

    stdout = io.TextIOWrapper(Raw(), encoding="utf-8", write_through=True)  # what -u gives
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["check", "--no-cache", "--format", "json", str(EXAMPLES)]) == 1
    report = json.loads(Raw.data)
    assert sum(len(f["diagnostics"]) for f in report["files"]) == 7
    assert Raw.writes <= len(Raw.data) // 8192 + 2  # a write per buffer-full, not per token
    assert stdout.write_through  # the stream is left as it was found
