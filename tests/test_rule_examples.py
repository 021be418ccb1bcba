"""Every rule proves itself on its own examples; `rules check`, `explain` and docs/rules/."""

import pytest

from conftest import ROOT
from linter import rulefile, ruledocs, selftest
from linter.cli import main

RULES = sorted(rulefile.load_all(), key=lambda r: r.id)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_fires_on_its_failing_example_and_not_on_its_passing_one(rule):
    assert set(rule.examples) == {"fail", "pass"}
    assert selftest.run_example(rule, "fail", rule.examples["fail"]) == sorted(rule.examples["fail"].lines)
    assert selftest.run_example(rule, "pass", rule.examples["pass"]) == []


def test_rules_check_command(capsys):
    assert main(["rules", "check"]) == 0
    out = capsys.readouterr().out
    assert f"{len(RULES)} passed, 0 failed" in out


def test_rules_check_catches_a_rule_that_cannot_fire(tmp_path, capsys):
    text = (ROOT / "rules" / "section" / "S103-missing-fees-2007.yaml").read_text("utf-8")
    folder = tmp_path / "local"
    folder.mkdir()
    broken = text.replace("id: S103", "id: X103").replace("name: missing-fees-2007", "name: never").replace(
        "part: fees", "part: overview")  # the failing example has an overview part: the rule never fires
    (folder / "X103.yaml").write_text(broken, encoding="utf-8")
    assert main(["rules", "check", "--rules", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "FAIL X103 never" in out and "实际 (fired at) []" in out


def test_explain_prints_the_rule_doc(capsys):
    assert main(["explain", "S103"]) == 0
    out = capsys.readouterr().out
    for words in ["S103 missing-fees-2007", "第三十二条第（三）项", "错误示例", "正确示例", "四、政府信息公开的收费及减免情况"]:
        assert words in out
    assert main(["explain", "missing-fees-2007"]) == 0
    capsys.readouterr()
    assert main(["explain", "S999"]) == 2
    assert "未知的规则" in capsys.readouterr().err


def test_generated_rule_docs_are_current():
    """docs/rules/ is generated from rules/: run `xxgk-lint rules docs docs/rules` after editing a rule."""
    folder = ROOT / "docs" / "rules"
    expected = ruledocs.render_all(RULES)
    present = {p.name: p.read_text("utf-8") for p in folder.glob("*.md")}
    assert present == expected


def test_rules_docs_removes_pages_of_rules_that_are_gone(tmp_path):
    (tmp_path / "X999.md").write_text("# X999 removed\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("kept\n", encoding="utf-8")
    ruledocs.write_all(RULES, tmp_path)
    assert not (tmp_path / "X999.md").exists() and (tmp_path / "notes.md").exists()
    assert (tmp_path / "S103.md").exists()
