"""Third-party plugins, for real: tests/plugin_example is built and installed with pip into a
folder of its own (never the venv), and xxgk-lint finds it through the ``xxgk_lint`` entry
point when that folder is on PYTHONPATH.  Broken plugins end the run with one line, exit 2."""

import csv
import importlib.util
import inspect
import io
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from linter import hookspecs
from linter.readers.text import TextReader

PLUGIN = ROOT / "tests" / "plugin_example"

REPORT = """\
# 青禾县2022年政府信息公开工作年度报告

本报告由青禾县人民政府办公室编制。

## 一、总体情况

2022年，我县全面推进政府信息公开工作。

## 二、主动公开政府信息情况

本年主动公开政府信息情况见下表。

## 三、收到和处理政府信息公开申请情况

本年收到和处理申请情况见下表。

## 四、政府信息公开行政复议、行政诉讼情况

本年未发生行政复议和行政诉讼。

## 五、存在的主要问题及改进情况

{problems}

## 六、其他需要报告的事项

无。
"""
BRIEF = "无明显问题。"  # 5 characters: X901 fires at the part's heading, line 21
FULL = "一是政策解读形式较为单一，图解、视频解读偏少；二是部分乡镇信息更新不够及时。下一步将丰富解读形式。"


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory):
    """tests/plugin_example built by its own backend (hatchling) and installed into a folder."""
    target = tmp_path_factory.mktemp("plugin-site")
    install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                              "--target", str(target), str(PLUGIN)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return target


def xxgk(*args, path=None, cwd):
    """Run ``python -m linter`` with ``path`` (a plugin folder) on PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["COLUMNS"] = "200"  # rich tables: keep rule names whole
    if path is not None:
        env["PYTHONPATH"] = str(path)
    return subprocess.run([sys.executable, "-m", "linter", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env)


def fake_plugin(folder, module_source: str):
    """An installed distribution with one ``xxgk_lint`` entry point ``bad = bad_plugin``."""
    info = folder / "bad_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: bad-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[xxgk_lint]\nbad = bad_plugin\n", encoding="utf-8")
    (folder / "bad_plugin.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    return folder


def test_plugin_is_not_in_the_main_environment():
    assert importlib.util.find_spec("xxgk_lint_example") is None


def test_plugin_rule_fires_at_its_line_in_the_plugin_format(plugin_site, tmp_path):
    (tmp_path / "brief.md").write_text(REPORT.format(problems=BRIEF), encoding="utf-8")
    (tmp_path / "full.md").write_text(REPORT.format(problems=FULL), encoding="utf-8")
    run = xxgk("check", "--format", "csv", "brief.md", "full.md", path=plugin_site, cwd=tmp_path)
    assert run.returncode in (0, 1) and run.stderr == ""
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert rows[0] == ["path", "line", "column", "severity", "rule", "message"]
    assert [row for row in rows[1:] if row[4] == "X901"] == [
        ["brief.md", "21", "1", "warning", "X901", "“存在的主要问题及改进情况”部分只有 5 个字（应不少于 30 个字）"]]
    pooled = xxgk("check", "--jobs", "2", "--format", "csv", "brief.md", "full.md", path=plugin_site, cwd=tmp_path)
    assert pooled.stdout == run.stdout  # worker processes find the plugin too


def test_without_the_plugin_there_is_no_csv_and_no_x901(tmp_path):
    (tmp_path / "brief.md").write_text(REPORT.format(problems=BRIEF), encoding="utf-8")
    run = xxgk("check", "--format", "csv", "brief.md", cwd=tmp_path)
    assert run.returncode == 2 and "unknown format): csv" in run.stderr
    assert "X901" not in xxgk("check", "--format", "text", "brief.md", cwd=tmp_path).stdout


def test_rules_lists_the_plugin_rule_and_its_self_test_passes(plugin_site, tmp_path):
    listed = xxgk("rules", path=plugin_site, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "X901" in listed.stdout and "problems-too-brief" in listed.stdout
    checked = xxgk("rules", "check", path=plugin_site, cwd=tmp_path)
    assert "ok   X901 problems-too-brief" in checked.stdout.splitlines()
    assert checked.returncode == 0, checked.stdout


def test_a_plugin_that_raises_on_import_is_one_line_and_exit_2(tmp_path):
    site = fake_plugin(tmp_path / "site", 'raise RuntimeError("需要授权文件 (needs a licence file)")\n')
    run = xxgk("check", "--format", "text", ROOT / "examples", path=site, cwd=tmp_path)
    assert run.returncode == 2 and run.stdout == ""
    assert "Traceback" not in run.stderr and len(run.stderr.splitlines()) == 1
    assert run.stderr.startswith("xxgk-lint: 错误 (error): 插件 bad = bad_plugin 加载失败 (plugin failed to load):")
    assert "RuntimeError('需要授权文件 (needs a licence file)')" in run.stderr


def test_a_plugin_reusing_a_check_kind_name_is_an_error(tmp_path):
    site = fake_plugin(tmp_path / "site", """\
        from linter.hookspecs import hookimpl
        from linter.kinds import CheckKind


        class Impostor(CheckKind):
            name = "forbid-text"  # a built-in kind's name

            def check(self, doc):
                return iter(())


        @hookimpl
        def xxgk_lint_check_kinds():
            return [Impostor]
        """)
    run = xxgk("rules", path=site, cwd=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == ["xxgk-lint: 错误 (error): 检查类型 check kind “forbid-text” 被重复注册 "
                                       "(registered twice): builtin 与 bad"]


def guide_blocks():
    """The ```python blocks of docs/plugins.md, each run in its own namespace (classes carry over)."""
    carry, out = {}, []
    for block in re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "plugins.md").read_text("utf-8"), re.S):
        namespace = {**carry, "__file__": str(PLUGIN / "xxgk_lint_example" / "__init__.py")}
        exec(compile(block, "docs/plugins.md", "exec"), namespace)
        carry.update({k: v for k, v in namespace.items() if isinstance(v, type)})
        out.append((block, namespace))
    return out


def test_plugin_guide_snippets_match_the_real_api():
    blocks = guide_blocks()  # every import and name in the guide exists
    (specs,) = [ns for block, ns in blocks if "@hookspec" in block]
    names = sorted(n for n in vars(hookspecs) if n.startswith("xxgk_lint_"))
    assert sorted(n for n in specs if n.startswith("xxgk_lint_")) == names
    for name in names:
        real, shown = inspect.signature(getattr(hookspecs, name)), inspect.signature(specs[name])
        assert not real.parameters and not shown.parameters
        assert str(real.return_annotation) == inspect.formatannotation(shown.return_annotation)
    example = PLUGIN / "xxgk_lint_example"
    for cls, source in (("MinLength", "min_length.py"), ("CsvFormatter", "csv_format.py")):
        (block,) = [block for block, _ in blocks if f"class {cls}(" in block or f"class {cls}:" in block]
        assert block in (example / source).read_text("utf-8"), f"the guide's {cls} is not the example's"
    (rule_dirs,) = [ns for block, ns in blocks if "def xxgk_lint_rule_dirs" in block and "RULES_DIR" in block]
    assert any(Path(rule_dirs["xxgk_lint_rule_dirs"]()[0]).glob("X901-*.yaml"))
    (readers,) = [ns for block, ns in blocks if "@hookimpl\ndef xxgk_lint_readers" in block]
    (reader,) = readers["xxgk_lint_readers"]()
    text = "某县2024年政府信息公开工作年度报告\n一、总体情况\n全年主动公开。\n二、其他需要报告的事项\n无。\n"
    doc, same = reader.read("r.rpt", text), TextReader().read("r.txt", text)
    assert reader.suffixes == (".rpt",) and doc.format == "text"
    assert [(s.title, s.line) for s in doc.walk()] == [(s.title, s.line) for s in same.walk()] == [
        ("总体情况", 2), ("其他需要报告的事项", 4)]


def test_a_misspelt_hook_is_an_error_not_ignored(tmp_path):
    site = fake_plugin(tmp_path / "site", """\
        from linter.hookspecs import hookimpl


        @hookimpl
        def xxgk_lint_rule_dir():
            return ["rules"]
        """)
    run = xxgk("rules", path=site, cwd=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr and len(run.stderr.splitlines()) == 1
    assert "未知的钩子 (unknown hook)" in run.stderr and "xxgk_lint_rule_dir" in run.stderr


def test_a_hook_that_raises_names_the_plugin(tmp_path):
    site = fake_plugin(tmp_path / "site", """\
        from linter.hookspecs import hookimpl


        @hookimpl
        def xxgk_lint_formatters():
            raise ValueError("坏了")
        """)
    run = xxgk("check", "--format", "text", ROOT / "examples", path=site, cwd=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr and len(run.stderr.splitlines()) == 1
    assert "插件 bad 的 xxgk_lint_formatters 出错 (hook raised): ValueError('坏了')" in run.stderr
