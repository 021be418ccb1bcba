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
    rules_of = lambda path: [rule for rule, _ in findings(lint_path(path, rules)) if rule[:2] == "S2"]  # noqa: E731
    assert rules_of(tmp_path / "a.md") == rules_of(tmp_path / "a.txt") == ["S203", "S204", "S205", "S206"]


def test_binary_file_is_refused_after_its_first_block(tmp_path, rules, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"\x00" * 10 + b"x" * 5_000_000)
    reads = []
    real_open = open

    def spy(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        original = handle.read
        handle.read = lambda n=-1: reads.append(n) or original(n)
        return handle

    monkeypatch.setattr("builtins.open", spy)
    (d,) = lint_path(path, rules).diagnostics
    assert "不是文本文件" in d.message and reads == [8192]


def test_size_limit_from_configuration(tmp_path, capsys):
    import json

    from linter.cli import main

    (tmp_path / ".xxgk-lint.yaml").write_text("max-file-size: 1KB\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("一、总体情况\n" + "正文。" * 500, encoding="utf-8")
    main(["check", "--format", "json", str(tmp_path / "big.txt")])
    (d,) = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
    assert d["rule"] == "E001" and "文件过大" in d["message"] and "上限 1024 字节" in d["message"]


def test_fifo_is_not_read(tmp_path, rules):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (d,) = lint_path(fifo, rules).diagnostics
    assert "不是普通文件" in d.message


def test_a_file_is_read_in_the_size_stat_gave_and_one_that_grew_up_to_the_limit(tmp_path):
    import io

    from linter.readers import _read_at_most

    reads = []

    class Handle(io.BytesIO):
        def read(self, size=-1):
            reads.append(size)
            return super().read(size)

    assert _read_at_most(Handle(b"x" * 5000), 20 * 1024 * 1024 + 1, 5000) == b"x" * 5000
    assert reads[0] == 5001 and max(reads) <= 1 << 16  # never the limit's 20 MB, which a read allocates
    grown = Handle(b"y" * 3_000_000)  # stat() said 10 bytes; it grew since
    assert _read_at_most(grown, 2_500_001, 10) == b"y" * 2_500_001  # the limit holds: "file too large"
