"""Encodings, line ends and unreadable input: one clear diagnostic, never a crash."""

import hashlib
import os

import pytest

from conftest import SAMPLES, findings, lint_path

REPORT = "某县2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"


@pytest.mark.parametrize(
    "data",
    [
        REPORT.encode("utf-8"),
        b"\xef\xbb\xbf" + REPORT.encode("utf-8"),
        REPORT.encode("gb18030"),
        REPORT.encode("gbk"),
        REPORT.replace("\n", "\r\n").encode("utf-8"),
        REPORT.replace("\n", "\r").encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "crlf", "cr-gb18030"],
)
def test_encodings_and_line_ends(tmp_path, rules, data):
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    doc = lint_path(path, rules).document
    assert doc.title.text == "某县2023年政府信息公开工作年度报告"
    assert [(s.title, s.line) for s in doc.sections] == [("总体情况", 2), ("主动公开政府信息情况", 4)]


def test_form_feed_and_unicode_separators_do_not_split_lines(tmp_path, rules):
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\x0c正文\u2028续\n二、主动公开政府信息情况\n", encoding="utf-8")
    assert [s.line for s in lint_path(path, rules).document.sections] == [1, 2]


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "文件为空"),
        (b" \r\n\t\r\n", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
        (b"\xff\xfe\xfd\x81\x30\xff", "无法解码"),
    ],
    ids=["empty", "blank", "binary", "undecodable"],
)
def test_unreadable_files_get_one_diagnostic(tmp_path, rules, data, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = lint_path(path, rules)
    (d,) = result.diagnostics
    assert (d.rule, d.name, d.severity, d.line) == ("E001", "unreadable-file", "error", 1)
    assert words in d.message


def test_inputs_are_never_modified(tmp_path, rules):
    copies = []
    for sample in sorted(SAMPLES.iterdir()):
        target = tmp_path / sample.name
        target.write_bytes(sample.read_bytes())
        os.utime(target, (1_600_000_000, 1_600_000_000))
        copies.append((target, hashlib.sha256(target.read_bytes()).hexdigest()))
    for target, _ in copies:
        lint_path(target, rules)
    for target, digest in copies:
        assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
        assert target.stat().st_mtime == 1_600_000_000


def test_markdown_and_text_give_the_same_parts(tmp_path, rules):
    text = REPORT
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text(text.replace("\n", "\n\n"), encoding="utf-8")
    txt = lint_path(tmp_path / "a.txt", rules).document
    md = lint_path(tmp_path / "a.md", rules).document
    assert [s.title for s in txt.sections] == [s.title for s in md.sections]
    assert md.format == "markdown" and txt.format == "text"
    rules_of = lambda path: [rule for rule, _ in findings(lint_path(path, rules))]  # noqa: E731
    assert rules_of(tmp_path / "a.md") == rules_of(tmp_path / "a.txt") == ["S203", "S204", "S205", "S206"]
