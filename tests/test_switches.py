"""check switches: --statistics, --quiet, --exit-zero, --output, --jobs."""

import json

from conftest import ROOT, SAMPLES
from linter.cli import main

INPUTS = [str(SAMPLES), str(ROOT / "examples")]


def run(capsys, *args):
    code = main(["check", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_statistics_counts_by_rule(capsys):
    code, out, _ = run(capsys, "--statistics", "--select", "S103,S106", "--format", "text", SAMPLES / "jiangnan-subdistrict-2017.txt",
                       SAMPLES / "gaoping-city-2012.txt", SAMPLES / "fengxian-county-2017.txt")
    assert code == 1
    assert out.splitlines() == ["     2  S106  missing-other-2007 [info]", "     1  S103  missing-fees-2007 [error]"]


def test_quiet_drops_the_summary(capsys):
    _, out, _ = run(capsys, "--quiet", "--select", "S103", "--format", "text", SAMPLES / "jiangnan-subdistrict-2017.txt")
    assert out.splitlines() == [f"{SAMPLES / 'jiangnan-subdistrict-2017.txt'}:78:5: error S103 "
                                "缺少“政府信息公开的收费及减免情况”部分（应位于第 78 行“因政府信息公开申请行政复议、提起行政诉讼的情况”之前）"]


def test_exit_zero(capsys):
    assert run(capsys, "--exit-zero", "--format", "text", SAMPLES / "jiangnan-subdistrict-2017.txt")[0] == 0
    assert run(capsys, "--exit-zero", "--format", "text", "/no/such/file.txt")[0] == 2  # usage errors stay 2


def test_output_file(capsys, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "--format", "json", "--select", "S103", "--output", target, SAMPLES / "jiangnan-subdistrict-2017.txt")
    assert code == 1 and out == ""
    assert json.loads(target.read_text("utf-8"))["summary"]["errors"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_output_defaults_to_text_not_rich(capsys, tmp_path):
    target = tmp_path / "report.txt"
    run(capsys, "--output", target, SAMPLES / "jiangnan-subdistrict-2017.txt")
    assert ":78:5: error S103" in target.read_text("utf-8") and "\x1b[" not in target.read_text("utf-8")


def test_jobs_give_the_same_report(capsys):
    one = run(capsys, "--format", "json", *INPUTS)
    two = run(capsys, "--format", "json", "--jobs", "2", *INPUTS)
    assert one == two and json.loads(one[1])["summary"]["files"] == 10


def test_jobs_report_rule_errors_cleanly(capsys, tmp_path):
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "x.yaml").write_text("id: X1\n", encoding="utf-8")
    code, _, err = run(capsys, "--jobs", "2", "--rules", bad, *INPUTS)
    assert code == 2 and "x.yaml:1:" in err and "Traceback" not in err


def test_jobs_report_usage_errors_met_in_a_worker_as_one_process_does(capsys, tmp_path):
    """With two files both go to the worker, which meets the error before this process does:
    the message and the exit code are those of a run in one process."""
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "x.yaml").write_text("id: X1\n", encoding="utf-8")
    two_files = [SAMPLES / "jiangnan-subdistrict-2017.txt", SAMPLES / "gaoping-city-2012.txt"]
    for args in (["--rules", bad], ["--select", "NO-SUCH-RULE"]):
        assert run(capsys, "--jobs", "2", *args, *two_files) == run(capsys, *args, *two_files)
        code, out, err = run(capsys, "--jobs", "2", *args, *two_files)
        assert code == 2 and out == "" and err.startswith("xxgk-lint: 错误") and "Traceback" not in err
