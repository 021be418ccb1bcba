"""The CI and report formats (sarif, github, junit, gitlab, html) through the real command line,
on a real sample and the defective example: exact lines, columns and rule ids."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from linter import readers
from linter.cli import main
from linter.diagnostic import Diagnostic
from linter.document import Facts
from linter.engine import FileResult
from linter.formatters.github import escape_data, escape_property
from linter.formatters.gitlab import GitlabFormatter
from linter.formatters.html import HtmlFormatter
from linter.formatters.junit import JunitFormatter
from linter.formatters.sarif import SarifFormatter

SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0.json"
DEFECTIVE = "examples/defective-2020.txt"
JIANGNAN = "tests/fixtures/samples/jiangnan-subdistrict-2017.txt"
CLEAN = "examples/clean-2021.md"
INPUTS = (DEFECTIVE, JIANGNAN)


@pytest.fixture(autouse=True)
def in_checkout(monkeypatch):
    """Paths relative to the checkout, as CI passes them."""
    monkeypatch.chdir(ROOT)


def run(capsys, fmt, *paths):
    code = main(["check", "--format", fmt, *map(str, paths)])
    out, err = capsys.readouterr()
    return code, out


def diagnostics(capsys, *paths):
    """(path, diagnostic dict) for every finding, from the JSON contract."""
    _, out = run(capsys, "json", *paths)
    return [(f["path"], d) for f in json.loads(out)["files"] for d in f["diagnostics"]]


def find(items, **wanted):
    hits = [i for i in items if all(i.get(k) == v for k, v in wanted.items())]
    assert len(hits) == 1, (wanted, items)
    return hits[0]


# --- SARIF -------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_official_schema(capsys):
    code, out = run(capsys, "sarif", *INPUTS, CLEAN)
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_sarif_results_rules_and_fingerprints(capsys):
    _, out = run(capsys, "sarif", *INPUTS)
    run_ = json.loads(out)["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "xxgk-lint" and driver["version"]
    results = [
        {"rule": r["ruleId"], "level": r["level"],
         "uri": r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         **r["locations"][0]["physicalLocation"]["region"], "result": r}
        for r in run_["results"]
    ]
    s205 = find(results, rule="S205", uri=DEFECTIVE)
    assert (s205["startLine"], s205["startColumn"], s205["endLine"], s205["endColumn"]) == (62, 1, 62, 12)
    assert s205["level"] == "error"
    assert s205["result"]["message"]["text"].startswith("缺少“五、存在的主要问题及改进情况”部分")
    n101 = find(results, rule="N101", uri=DEFECTIVE)
    assert (n101["level"], n101["startLine"], n101["startColumn"], n101["endColumn"]) == ("warning", 62, 1, 12)
    s103 = find(results, rule="S103", uri=JIANGNAN)
    assert (s103["level"], s103["startLine"], s103["startColumn"], s103["endLine"], s103["endColumn"]) \
        == ("error", 78, 5, 78, 30)
    assert s103["result"]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    # every result points at its rule, and info findings are notes
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == sorted(set(ids)) and {"S205", "N101", "S103"} <= set(ids)
    for r in run_["results"]:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note")
    # partialFingerprints: the diagnostic's own fingerprint (the baseline one), then the occurrence
    by_json = {(p, d["rule"], d["line"]): d["fingerprint"] for p, d in diagnostics(capsys, *INPUTS)}
    assert s205["result"]["partialFingerprints"] == {"xxgkLint/v1": by_json[(DEFECTIVE, "S205", 62)] + ":1"}
    # rule metadata: descriptions from the YAML, help with citation and hint, default level
    rule = driver["rules"][ids.index("S205")]
    assert rule["name"] == "missing-problems"
    assert "五、存在的主要问题及改进情况" in rule["fullDescription"]["text"]
    assert "依据：《中华人民共和国政府信息公开条例》（2019）第五十条第（四）项" in rule["help"]["text"]
    assert "建议：增加“五、存在的主要问题及改进情况”部分" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert driver["rules"][ids.index("N101")]["defaultConfiguration"]["level"] == "warning"


def test_sarif_fingerprints_survive_edits_above(capsys, tmp_path, monkeypatch):
    text = (ROOT / DEFECTIVE).read_text("utf-8").splitlines(keepends=True)
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("".join(text), encoding="utf-8")
    Path("b.txt").write_text("".join(text[:10] + ["\n", "\n"] + text[10:]), encoding="utf-8")

    def prints(name):
        _, out = run(capsys, "sarif", name)
        return {(r["ruleId"], r["partialFingerprints"]["xxgkLint/v1"]): r["locations"][0]["physicalLocation"]
                ["region"]["startLine"] for r in json.loads(out)["runs"][0]["results"]}

    before, after = prints("a.txt"), prints("b.txt")
    assert before.keys() == after.keys()
    s205 = next(k for k in before if k[0] == "S205")
    assert (before[s205], after[s205]) == (62, 64)


def test_sarif_uri_of_a_chinese_file_name_is_percent_encoded(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("报告 2020.txt").write_text((ROOT / DEFECTIVE).read_text("utf-8"), encoding="utf-8")
    _, out = run(capsys, "sarif", "报告 2020.txt")
    location = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "%E6%8A%A5%E5%91%8A%202020.txt", "uriBaseId": "%SRCROOT%"}


def _twin_results():
    """Two identical findings in one file (same rule, same offending text)."""
    twin = Diagnostic(path="r.txt", line=5, column=1, end_line=5, end_column=4, rule="M101",
                      name="template-placeholder", category="template", severity="error", message="占位符“XX”",
                      fingerprint="0123456789abcdef")
    other = twin._replace(line=9, end_line=9)
    return [FileResult("r.txt", None, Facts(), [twin, other])]


def test_identical_findings_get_distinct_fingerprints():
    out = io.StringIO()
    SarifFormatter().render(_twin_results(), out)
    prints = [r["partialFingerprints"]["xxgkLint/v1"] for r in json.loads(out.getvalue())["runs"][0]["results"]]
    assert prints == ["0123456789abcdef:1", "0123456789abcdef:2"]
    out = io.StringIO()
    GitlabFormatter().render(_twin_results(), out)
    issues = json.loads(out.getvalue())
    assert len({i["fingerprint"] for i in issues}) == 2
    assert all(re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"]) for i in issues)


# --- GitHub ------------------------------------------------------------------------------

def test_github_annotations_then_the_text_report(capsys):
    code, out = run(capsys, "github", *INPUTS)
    assert code == 1
    lines = out.splitlines()
    s205 = next(line for line in lines if "title=S205" in line)
    assert s205 == (
        "::error file=examples/defective-2020.txt,line=62,col=1,endLine=62,endColumn=12,"
        "title=S205 missing-problems::缺少“五、存在的主要问题及改进情况”部分（应位于第 62 行“其他需要报告的事项”之前）"
        "%0A依据：《中华人民共和国政府信息公开条例》（2019）第五十条第（四）项；年度报告格式第五部分"
        "%0A建议：增加“五、存在的主要问题及改进情况”部分，写明存在的问题和改进措施。")
    assert any(line.startswith("::warning file=examples/defective-2020.txt,line=62,col=1,endLine=62,endColumn=12,"
                               "title=N101 numbering-sequence::编号跳号：“六、”（应为 5）") for line in lines)
    assert any(line.startswith(f"::error file={JIANGNAN},line=78,col=5,endLine=78,endColumn=30,title=S103 ")
               for line in lines)
    # annotations first, then the full text report, which GitHub keeps in the log
    commands = [i for i, line in enumerate(lines) if line.startswith("::")]
    text_start = lines.index(f"{DEFECTIVE}:62:1: error S205 缺少“五、存在的主要问题及改进情况”部分（应位于第 62 行“其他需要报告的事项”之前）")
    assert max(commands) < text_start
    assert f"{JIANGNAN}:78:5: error S103 缺少“政府信息公开的收费及减免情况”部分（应位于第 78 行“因政府信息公开申请行政复议、提起行政诉讼的情况”之前）" in lines
    assert lines[-1].startswith("检查了 2 个文件：")
    assert len(commands) == len(diagnostics(capsys, *INPUTS))
    info = [line for line in lines if line.startswith("::notice ")]  # info findings are notices
    assert all("title=" in line for line in info)


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    from linter.formatters.github import annotation

    d = Diagnostic(path="dir/a,b:c.txt", line=3, column=2, end_line=4, end_column=1, rule="X001", name="x",
                   category="template", severity="info", message="100% 完成\n第二行")
    assert annotation(d) == "::notice file=dir/a%2Cb%3Ac.txt,line=3,endLine=4,title=X001 x::100%25 完成%0A第二行"


# --- JUnit -------------------------------------------------------------------------------

def test_junit_one_suite_per_file_one_case_per_finding(capsys):
    code, out = run(capsys, "junit", CLEAN, *INPUTS)
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == [CLEAN, DEFECTIVE, JIANGNAN]
    # a clean report: one passing test case
    clean = suites[CLEAN].findall("testcase")
    assert len(clean) == 1 and clean[0].find("failure") is None and suites[CLEAN].get("failures") == "0"
    cases = {c.get("name"): c for c in suites[DEFECTIVE].findall("testcase")}
    failure = cases["S205 missing-problems (62:1)"].find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "错误 S205：缺少“五、存在的主要问题及改进情况”部分（应位于第 62 行“其他需要报告的事项”之前）"
    assert failure.text.splitlines()[:2] == [
        "examples/defective-2020.txt:62:1: error S205 缺少“五、存在的主要问题及改进情况”部分（应位于第 62 行“其他需要报告的事项”之前）",
        "第 62 行：六、其他需要报告的事项"]
    assert "依据：《中华人民共和国政府信息公开条例》（2019）第五十条第（四）项；年度报告格式第五部分" in failure.text
    assert cases["N101 numbering-sequence (62:1)"].find("failure").get("type") == "warning"
    assert cases["S205 missing-problems (62:1)"].get("classname") == DEFECTIVE
    jiangnan = {c.get("name"): c for c in suites[JIANGNAN].findall("testcase")}
    assert jiangnan["S103 missing-fees-2007 (78:5)"].get("line") == "78"
    # counts add up; info findings pass (no failure) and keep their text
    found = diagnostics(capsys, CLEAN, *INPUTS)
    assert root.get("tests") == str(len(found) + 1)
    assert root.get("failures") == str(sum(d["severity"] != "info" for _, d in found))
    for case in root.iter("testcase"):
        if case.find("system-out") is not None:
            assert case.find("failure") is None


def test_junit_report_text_with_control_characters_is_well_formed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("r.txt").write_text("2020年政府信息公开工作年度报告\n\f一、总体情况\x0b本年\n", encoding="utf-8")
    doc = readers.read("r.txt")
    d = Diagnostic(path="r.txt", line=2, column=1, end_line=2, end_column=3, rule="X001", name="x",
                   category="template", severity="error", message="控制字符\x0b")
    out = io.StringIO()
    JunitFormatter().render([FileResult("r.txt", doc, Facts(), [d])], out)
    ET.fromstring(out.getvalue().encode("utf-8"))  # parses: the control characters were replaced


# --- GitLab ------------------------------------------------------------------------------

def test_gitlab_code_quality(capsys):
    code, out = run(capsys, "gitlab", *INPUTS, CLEAN)
    assert code == 1
    issues = json.loads(out)
    assert isinstance(issues, list)
    assert len(issues) == len(diagnostics(capsys, *INPUTS, CLEAN))
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    rows = [{"check": i["check_name"], "path": i["location"]["path"], "begin": i["location"]["lines"]["begin"],
             "severity": i["severity"], "issue": i} for i in issues]
    s205 = find(rows, check="S205 missing-problems")
    assert (s205["path"], s205["begin"], s205["severity"]) == (DEFECTIVE, 62, "major")
    assert s205["issue"]["description"] == "S205 缺少“五、存在的主要问题及改进情况”部分（应位于第 62 行“其他需要报告的事项”之前）"
    assert "**建议**：增加“五、存在的主要问题及改进情况”部分" in s205["issue"]["content"]["body"]
    n101 = find(rows, check="N101 numbering-sequence")
    assert (n101["begin"], n101["severity"]) == (62, "minor")
    s103 = find(rows, check="S103 missing-fees-2007")
    assert (s103["path"], s103["begin"], s103["severity"]) == (JIANGNAN, 78, "major")


def test_gitlab_unreadable_file_blocks(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("empty.txt").write_text("", encoding="utf-8")
    _, out = run(capsys, "gitlab", "empty.txt")
    [issue] = json.loads(out)
    assert (issue["check_name"], issue["severity"], issue["location"]) == \
        ("E001 unreadable-file", "blocker", {"path": "empty.txt", "lines": {"begin": 1, "end": 1}})


# --- HTML --------------------------------------------------------------------------------

class Page(HTMLParser):
    """Tags with their attributes, and the text of each element id'd L<file>-<line>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_html_is_self_contained(capsys):
    _, out = run(capsys, "html", *INPUTS, CLEAN)
    page = parse(out)
    names = [tag for tag, _ in page.tags]
    assert names[:2] == ["html", "head"] and out.startswith("<!DOCTYPE html>")
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(names)
    for tag, attrs in page.tags:
        assert "src" not in attrs
        assert not any(key.startswith("on") for key in attrs), (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs
    assert page.style and "url(" not in page.style and "@import" not in page.style
    assert ('meta', {'charset': 'utf-8'}) in page.tags
    # Chinese UI
    for label in ("按报告汇总", "按规则汇总", "逐份报告详情", "依据", "建议", "错误", "警告"):
        assert label in out


def test_html_shows_every_finding_in_place(capsys):
    _, out = run(capsys, "html", *INPUTS, CLEAN)
    page = parse(out)
    found = diagnostics(capsys, *INPUTS, CLEAN)
    assert found
    boxes = [a for tag, a in page.tags if tag == "div" and "finding" in a.get("class", "").split()]
    marks = [a for tag, a in page.tags if tag == "mark" and "data-finding" in a]
    rows = {a["id"]: a for tag, a in page.tags if tag == "tr" and a.get("id", "").startswith("L")}
    files = [DEFECTIVE, JIANGNAN, CLEAN]
    assert len(boxes) == len(found)
    for path, d in found:
        number = files.index(path) + 1
        box = find(boxes, **{"data-rule": d["rule"], "data-line": str(d["line"]),
                             "data-column": str(d["column"]), "data-end-line": str(d["end_line"])})
        assert box["id"].startswith(f"f{number}-") and d["severity"] in box["class"]
        assert f"L{number}-{d['line']}" in rows and "hit" in rows[f"L{number}-{d['line']}"]["class"]
        # its exact column span is marked on its first line
        on_line = [m for m in marks if box["id"] in m["data-finding"].split()]
        assert on_line
    # the exact spans: 六、其他需要报告的事项 is columns 1–11 of line 62 (S205 and N101 both)
    s205 = find(boxes, **{"data-rule": "S205"})
    [span] = [m for m in marks if s205["id"] in m["data-finding"].split()]
    assert span["data-columns"] == "1-12" and span["class"] == "error"
    assert "<mark class=\"error\" data-finding=\"f1-" in out
    assert re.search(r'<tr id="L1-62" class="hit error"><td class="ln">62</td><td class="code"><mark [^>]*>'
                     r'六、其他需要报告的事项</mark></td></tr>', out)
    assert re.search(r'<tr id="L2-78" class="hit error"><td class="ln">78</td><td class="code">    <mark [^>]*'
                     r'data-columns="5-30"[^>]*>四、因政府信息公开申请行政复议、提起行政诉讼的情况</mark>\u00a0</td></tr>', out)
    # message, citation and hint beside the line
    assert "缺少“政府信息公开的收费及减免情况”部分" in out
    assert "<dt>依据</dt><dd>《中华人民共和国政府信息公开条例》（2007，国务院令第492号）第三十二条第（三）项</dd>" in out
    assert "<dt>建议</dt><dd>增加“政府信息公开的收费及减免情况”部分；未收费也应写明“未收取任何费用”。</dd>" in out
    # every line of every report, numbered
    for number, path in enumerate(files, 1):
        count = len(readers.read(str(ROOT / path)).lines)
        assert f"L{number}-{count}" in rows and f"L{number}-{count + 1}" not in rows
    # the summary tables
    assert '<a href="#file-1">examples/defective-2020.txt</a>' in out
    assert '<tr id="rule-S205">' in out and '<tr id="rule-S103">' in out


def test_html_escapes_report_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("r.txt").write_text("2020年<u>报告</u>\n联系 a&b \"引\" <script>alert(1)</script>\n", encoding="utf-8")
    doc = readers.read("r.txt")
    d = Diagnostic(path="r.txt", line=2, column=6, end_line=2, end_column=14, rule="X001", name="x",
                   category="template", severity="warning", message="残留<script>", citation="依据<i>",
                   hint="删除 & 重写")
    out = io.StringIO()
    HtmlFormatter().render([FileResult("r.txt", doc, Facts(year=2020), [d])], out)
    html = out.getvalue()
    assert "<script>" not in html and "<u>" not in html and "<i>" not in html
    assert "2020年&lt;u&gt;报告&lt;/u&gt;" in html
    # columns 6–13: b "引" <s
    assert ('联系 a&amp;<mark class="warning" data-finding="f1-1" data-columns="6-14" '
            'title="X001 残留&lt;script&gt;">b &quot;引&quot; &lt;s</mark>cript&gt;alert(1)&lt;/script&gt;</td>') in html
    assert "残留&lt;script&gt;" in html and "依据&lt;i&gt;" in html and "删除 &amp; 重写" in html


def test_html_unreadable_and_clean_files(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("empty.txt").write_text("", encoding="utf-8")
    Path("clean.md").write_text((ROOT / CLEAN).read_text("utf-8"), encoding="utf-8")
    _, out = run(capsys, "html", "empty.txt", "clean.md")
    assert "无法读取该文件" in out and 'data-rule="E001"' in out
    assert "未发现问题" in out and 'id="L2-1"' in out


# --- docs/output-formats.md ----------------------------------------------------------------

def _console_blocks(markdown: str):
    for block in re.findall(r"```console\n(.*?)```", markdown, flags=re.S):
        command, *shown = block.rstrip("\n").split("\n")
        yield command, shown


def test_output_formats_doc_shows_real_output(capsys):
    """Every line of every console example in docs/output-formats.md is a line of the real
    output (… stands for anything left out)."""
    import shlex

    blocks = list(_console_blocks((ROOT / "docs" / "output-formats.md").read_text("utf-8")))
    assert {shlex.split(c)[4] for c, _ in blocks} == {"sarif", "github", "junit", "gitlab"}
    for command, shown in blocks:
        assert command.startswith("$ xxgk-lint check --format ")
        main(shlex.split(command)[2:])
        out = capsys.readouterr().out.splitlines()
        for line in shown:
            if line.strip() == "…":
                continue
            pattern = re.compile(".*".join(re.escape(piece) for piece in line.split("…")))
            assert any(pattern.fullmatch(real) for real in out), (command, line)
