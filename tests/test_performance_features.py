"""What the performance work added beside speed: the opt-in timing hook (XXGK_LINT_PROFILE,
linter/profile.py), the libyaml shortcut in yamlsource, and the caches.  No timed tests:
figures live in docs/performance.md, produced by benchmarks/run.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
CLEAN = "examples/clean-2021.md"
DEFECTIVE = "examples/defective-2020.txt"


def lint(*args, env=None, cwd=ROOT):
    """``python -m linter check ARGS`` in a fresh process (the profile hook patches modules)."""
    environment = {k: v for k, v in os.environ.items() if k != "XXGK_LINT_PROFILE"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "linter", "check", *args], capture_output=True, text=True,
                          env=environment, cwd=cwd, timeout=300)


# ---- XXGK_LINT_PROFILE ------------------------------------------------------------------------


def test_profile_prints_stages_and_rules_to_stderr_only():
    plain = lint("--format", "json", "--no-cache", CLEAN, DEFECTIVE)
    profiled = lint("--format", "json", "--no-cache", CLEAN, DEFECTIVE, env={"XXGK_LINT_PROFILE": "1"})
    assert profiled.returncode == plain.returncode == 1
    assert profiled.stdout == plain.stdout  # the report itself is untouched
    assert plain.stderr == ""
    err = profiled.stderr
    assert err.startswith("xxgk-lint profile")
    for stage in ("start-up: interpreter and imports before main()", "rules: YAML parse", "rules: validate and prepare",
                  "read: decode", "parse: markdown-it tokens", "parse: text blocks", "parse: section tree (outline)",
                  "facts: year, regime, organ", "tables: extract", "scopes: normalised text",
                  "output: format and write", "peak RSS"):
        assert stage in err, stage
    rules = [line.split()[1] for line in err.splitlines() if line.startswith("  rule ")]
    assert "S205" in rules and "A102" in rules  # one line per rule that ran, slowest first
    assert "×2" in next(line for line in err.splitlines() if line.startswith("  rule S205 "))


def test_profile_off_unless_set():
    for value in ("", "0"):
        assert lint("--format", "text", "--no-cache", CLEAN, env={"XXGK_LINT_PROFILE": value}).stderr == ""


def test_profile_adds_up_the_workers():
    profiled = lint("--format", "text", "--no-cache", "--jobs", "2", CLEAN, DEFECTIVE, "tests/fixtures/samples",
                    env={"XXGK_LINT_PROFILE": "1"})
    assert profiled.returncode == 1
    assert "parse: section tree (outline) [workers]" in profiled.stderr
    assert "rule S205 missing-problems [workers]" in profiled.stderr


# ---- yamlsource: libyaml when available, the pure-Python loader's results and messages -------

import random  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

from linter import yamlsource  # noqa: E402
from linter.errors import RuleError  # noqa: E402

YAML_FILES = sorted({*ROOT.glob("rules/**/*.yaml"), *ROOT.glob("tests/**/*.yaml"), *ROOT.glob("tests/**/*.yml")})


def _outcome(path: str, text: str, fast: bool):
    previous = yamlsource._fast_loader
    if not fast:
        yamlsource._fast_loader = lambda: (None, previous()[1])
    try:
        found = yamlsource.load(path, text)
        return ("ok", found.data, found._values, found._keys)
    except RuleError as exc:
        return ("error", str(exc))
    except Exception as exc:  # noqa: BLE001 - the same exception either way is what counts
        return ("raised", type(exc).__name__)
    finally:
        yamlsource._fast_loader = previous


@pytest.mark.skipif(yamlsource._fast_loader()[0] is None, reason="PyYAML without libyaml: only the pure-Python loader")
def test_libyaml_gives_the_same_data_and_positions_as_pure_python():
    assert YAML_FILES
    for path in YAML_FILES:
        text = path.read_text("utf-8")
        assert _outcome(str(path), text, fast=True) == _outcome(str(path), text, fast=False), path


@pytest.mark.skipif(yamlsource._fast_loader()[0] is None, reason="PyYAML without libyaml: only the pure-Python loader")
def test_libyaml_shortcut_never_changes_a_result_or_a_message():
    """Damaged rule files (lines dropped, doubled, swapped, characters inserted) are accepted
    or refused exactly as by the pure-Python loader, with the same message and position."""
    rng = random.Random(20261122)
    sources = [p.read_text("utf-8") for p in YAML_FILES[:40]]
    pieces = [":", "- ", "  ", "\t", "[", "]", "{", "}", "'", '"', "&a ", "*a", "<<: *a", "? ", "|", ">", "#",
              "\ufeff", "\x07", "\x85", "：", "中", "!!str ", "%YAML 1.1\n", "---\n", "...\n"]
    for _ in range(400):
        lines = rng.choice(sources).split("\n")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(lines))
            action = rng.randrange(4)
            if action == 0:
                del lines[i]
            elif action == 1:
                lines.insert(i, lines[i])
            elif action == 2:
                j = rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                at = rng.randrange(len(lines[i]) + 1)
                lines[i] = lines[i][:at] + rng.choice(pieces) + lines[i][at:]
        text = "\n".join(lines)
        assert _outcome("x.yaml", text, fast=True) == _outcome("x.yaml", text, fast=False), text


def test_yaml_errors_keep_their_message():
    with pytest.raises(RuleError) as caught:
        yamlsource.load("bad.yaml", "id: S999\nname: [unclosed\nseverity: error\n")
    assert str(caught.value) == str(_pure_error("bad.yaml", "id: S999\nname: [unclosed\nseverity: error\n"))


def _pure_error(path, text):
    loader = yaml.SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.YAMLError as exc:
        mark, problem, context = exc.problem_mark, exc.problem, exc.context_mark
        if context and context.line != mark.line:
            problem += f"（始于第 {context.line + 1} 行 (started on line {context.line + 1})）"
        return RuleError(path, mark.line + 1, f"YAML 语法错误 (syntax error): {problem}", mark.column + 1)
    finally:
        loader.dispose()


# ---- engine: memory of a large run, workers that inherit the loaded rules --------------------

from linter import engine  # noqa: E402

SAMPLES = [str(p) for p in sorted((ROOT / "tests/fixtures/samples").iterdir())] + [str(ROOT / CLEAN)]


def test_results_keep_the_document_but_not_the_rules_views():
    """A run over many files must not keep every file's normalised text and tables: results
    hold the document (formatters show its lines) without the rules' cached views."""
    for jobs in (1, 2):
        results = engine.Runner(engine.Options()).lint(SAMPLES, jobs=jobs)
        assert [r.path for r in results] == SAMPLES
        assert all(r.document is not None and r.document.lines and r.document.derived == {} for r in results)


def test_parallel_run_is_the_sequential_run():
    one, two = lint("--format", "json", "--no-cache", *SAMPLES), lint("--format", "json", "--no-cache", "--jobs", "2", *SAMPLES)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout


def test_with_two_jobs_this_process_lints_beside_one_worker(monkeypatch):
    """--jobs 2 is one worker and this process, which takes chunks while the worker is busy;
    the results are those of a sequential run, in order.  The worker is slowed down (fork
    inherits the patch) so that this process must take some chunks."""
    import os
    import time

    slow = engine._lint_in_worker
    monkeypatch.setattr(engine, "_lint_in_worker", lambda path: (time.sleep(0.1), slow(path))[1])
    here = []
    lint_path = engine.Runner.lint_path
    monkeypatch.setattr(engine.Runner, "lint_path",
                        lambda self, path: (here.append((os.getpid(), path)), lint_path(self, path))[1])
    files = SAMPLES * 3
    pooled = engine.Runner(engine.Options()).lint(files, jobs=2)
    linted_here = len(here)
    sequential = engine.Runner(engine.Options()).lint(files, jobs=1)
    assert [(r.path, r.diagnostics) for r in pooled] == [(r.path, r.diagnostics) for r in sequential]
    assert {pid for pid, _ in here} == {os.getpid()}
    assert 1 < linted_here < len(files)  # the first file and some chunks here, the rest in the worker


# ---- one pass per line where a rule tried its patterns one by one ---------------------------

from linter import patterns  # noqa: E402


def _matchers(*expressions):
    return patterns.compile_patterns(list(expressions), lambda message, key: ValueError(message), "patterns")


def test_any_fullmatch_is_any_of_the_fullmatches():
    plain = _matchers("分享(?:到)?:?", "(?:网站)?首页", "扫一扫.{0,20}", "评论|收藏")
    grouped = _matchers("(ab)\\1", "首页")  # a backreference: combining would renumber it
    flagged = _matchers("(?i)top", "首页")  # a global inline flag would reach the others
    assert patterns.AnyFullmatch(plain).combined is not None
    assert patterns.AnyFullmatch(grouped).combined is None and patterns.AnyFullmatch(flagged).combined is None
    texts = ["分享", "分享到:", "网站首页", "首页", "扫一扫在手机上查看", "评论", "收藏", "评论收藏", "在网站首页开设专栏",
             "abab", "ab", "TOP", "top", "Top首页", ""]
    for found in (plain, grouped, flagged):
        check = patterns.AnyFullmatch(found)
        assert [check(t) for t in texts] == [any(m.fullmatch(t) for m in found) for t in texts]


# ---- shortcuts in front of the parsers: they only skip what the parser would refuse ----------

import itertools  # noqa: E402

from lark.exceptions import LarkError  # noqa: E402

from linter.grammars import numbering, parser  # noqa: E402


def _grammar_accepts(line: str) -> bool:
    try:
        parser("numbering").parse(line)
    except LarkError:
        return False
    return True


def test_numbering_prefilter_matches_whole_what_the_grammar_accepts():
    alphabet = "第(0123456789十一二三四五)、.部分年 x"
    lines = ["".join(chars) for n in range(1, 5) for chars in itertools.product(alphabet, repeat=n)]
    lines += [line.strip() for path in sorted((ROOT / "tests/fixtures/samples").iterdir())
              for line in path.read_text("utf-8").splitlines()]
    accepted = [line for line in lines if line and line[0] in numbering.FIRST and _grammar_accepts(line)]
    assert len(accepted) > 500
    assert all(numbering._MAYBE.fullmatch(line) for line in accepted)  # the parser reads the match alone


def test_markdown_block_tokens_without_inline_parsing_are_the_same():
    from markdown_it import MarkdownIt

    from linter.readers.markdown import _parser

    full = MarkdownIt("commonmark").enable("table")
    fields = ("type", "map", "content", "tag", "level", "nesting", "info", "markup", "block", "hidden", "attrs")
    for path in [*ROOT.glob("examples/*.md"), *ROOT.glob("tests/**/*.md"), *ROOT.glob("docs/*.md")]:
        text = path.read_text("utf-8")
        assert [[getattr(t, f) for f in fields] for t in _parser().parse(text)] == \
            [[getattr(t, f) for f in fields] for t in full.parse(text)], path


# ---- the caches: a second run is the first run --------------------------------------------

import json  # noqa: E402
import shutil  # noqa: E402

LOCAL_RULE = (ROOT / "rules" / "section" / "S205-missing-problems.yaml").read_text("utf-8") \
    .replace("S205", "X205").replace("missing-problems", "local-problems")


@pytest.fixture
def workspace(tmp_path):
    """A folder with two reports, its own per-user cache, and a ``run`` of the CLI in it."""
    (tmp_path / "reports").mkdir()
    shutil.copy(ROOT / CLEAN, tmp_path / "reports" / "a.md")
    shutil.copy(ROOT / DEFECTIVE, tmp_path / "reports" / "b.txt")
    user_cache = tmp_path / "user-cache"

    def run(*args, profile=False):
        env = {"XDG_CACHE_HOME": str(user_cache)}
        if profile:
            env["XXGK_LINT_PROFILE"] = "1"
        done = lint("--format", "json", *args, "reports", env=env, cwd=tmp_path)
        assert done.returncode in (0, 1, 2), done.stderr
        return done

    run.folder, run.user_cache = tmp_path, user_cache
    return run


def _linted(stderr: str) -> int:
    """How many reports a profiled run parsed (the others came from the cache)."""
    line = next((l for l in stderr.splitlines() if "parse: section tree (outline)" in l), None)
    return int(line.rsplit("×", 1)[1]) if line else 0


def _cached_results(folder: Path) -> list[Path]:
    return sorted((folder / ".xxgk-lint-cache" / "results").rglob("*.json"))


def test_second_run_is_the_first_run_from_the_cache(workspace):
    fresh = workspace("--no-cache")
    first, second = workspace(), workspace(profile=True)
    assert fresh.stdout == first.stdout == second.stdout and first.returncode == second.returncode == 1
    assert len(_cached_results(workspace.folder)) == 2 and _linted(second.stderr) == 0
    assert (workspace.folder / ".xxgk-lint-cache" / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert list(workspace.user_cache.glob("xxgk-lint/rules-*.pickle"))  # the validated rule set
    assert list(workspace.user_cache.glob("xxgk-lint/grammar-numbering-*.lark"))


def test_no_cache_reads_and_writes_nothing(workspace):
    workspace("--no-cache")
    assert not (workspace.folder / ".xxgk-lint-cache").exists() and not workspace.user_cache.exists()


def test_cache_dir_option(workspace):
    workspace("--cache-dir", "elsewhere/cache")
    assert len(list((workspace.folder / "elsewhere" / "cache" / "results").rglob("*.json"))) == 2
    assert not (workspace.folder / ".xxgk-lint-cache").exists()


def test_an_edited_report_is_linted_again(workspace):
    before = workspace()
    report = workspace.folder / "reports" / "b.txt"
    text = report.read_text("utf-8").replace("2019年1月1日起至2019年12月31日止", "2020年1月1日起至2020年12月31日止")
    report.write_text(text, "utf-8")
    after = workspace(profile=True)
    assert _linted(after.stderr) == 1  # a.md unchanged
    assert after.stdout == workspace("--no-cache").stdout != before.stdout
    rules = lambda out: [d["rule"] for f in json.loads(out)["files"] for d in f["diagnostics"]]  # noqa: E731
    assert "P103" in rules(before.stdout) and "P103" not in rules(after.stdout)


def test_an_edited_rule_lints_again_and_a_broken_one_is_reported_as_ever(workspace):
    rules = workspace.folder / "local-rules"
    rules.mkdir()
    rule = rules / "X205.yaml"
    rule.write_text(LOCAL_RULE, "utf-8")
    first = workspace("--rules", "local-rules")
    rule.write_text(LOCAL_RULE.replace("缺少“{part}”部分", "本地规则：缺少“{part}”部分"), "utf-8")
    edited = workspace("--rules", "local-rules", profile=True)
    assert _linted(edited.stderr) == 2
    assert edited.stdout == workspace("--rules", "local-rules", "--no-cache").stdout != first.stdout
    broken = LOCAL_RULE.replace("severity: error", "severity: fatal")
    rule.write_text(broken, "utf-8")
    errors = [workspace("--rules", "local-rules", *extra) for extra in ((), (), ("--no-cache",))]
    assert all(e.returncode == 2 and e.stdout == "" for e in errors)
    assert errors[0].stderr == errors[1].stderr == errors[2].stderr and "X205.yaml" in errors[0].stderr


def test_configuration_and_options_are_part_of_the_key(workspace):
    plain = workspace()
    assert workspace("--ignore", "P103").stdout == workspace("--ignore", "P103", "--no-cache").stdout != plain.stdout
    (workspace.folder / ".xxgk-lint.yaml").write_text("severity: {S205: warning}\n", "utf-8")
    configured = workspace()
    assert configured.stdout == workspace("--no-cache").stdout != plain.stdout
    assert workspace("--year", "2021").stdout == workspace("--year", "2021", "--no-cache").stdout


def test_a_damaged_or_foreign_cache_is_a_miss(workspace):
    expected = workspace("--no-cache").stdout
    workspace()
    for entry in _cached_results(workspace.folder):
        entry.write_text("{not json", "utf-8")
    for pickled in workspace.user_cache.glob("xxgk-lint/*"):
        pickled.write_bytes(b"\x80\x05garbage")
    assert workspace().stdout == expected
    for pickled in workspace.user_cache.glob("xxgk-lint/*"):
        pickled.chmod(0o666)  # writable by others: never unpickled
    assert workspace().stdout == expected


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    """tests/plugin_example installed into a folder of its own (as tests/test_plugins.py does)."""
    target = tmp_path_factory.mktemp("plugin-site")
    install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                              "--target", str(target), str(ROOT / "tests" / "plugin_example")],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return target


def test_plugins_are_part_of_the_key_and_their_formats_are_not_cached(workspace, plugin_site):
    """Installing a plugin changes the rule set (its rules, its kinds): nothing cached without
    it is reused.  A plugin's format may read more of a document than the lines that cached
    findings carry, so its runs do not use the result cache."""
    env = {"XDG_CACHE_HOME": str(workspace.user_cache), "PYTHONPATH": str(plugin_site)}
    workspace()
    with_plugin, again, fresh = (lint("--format", "json", *extra, "reports", env=env, cwd=workspace.folder)
                                 for extra in ((), (), ("--no-cache",)))
    assert with_plugin.returncode == 1 and with_plugin.stdout == again.stdout == fresh.stdout
    assert len(_cached_results(workspace.folder)) == 4  # two files, two rule sets
    shutil.rmtree(workspace.folder / ".xxgk-lint-cache")
    csv_run = lint("--format", "csv", "reports", env=env, cwd=workspace.folder)
    assert csv_run.returncode == 1 and csv_run.stdout.startswith("path,line,column")
    assert not (workspace.folder / ".xxgk-lint-cache").exists()


def test_formats_that_never_read_the_document_run_without_keeping_it():
    kept = engine.Runner(engine.Options()).lint(SAMPLES, jobs=2)
    dropped = engine.Runner(engine.Options(documents=False)).lint(SAMPLES, jobs=2)
    assert all(r.document is None for r in dropped) and all(r.document is not None for r in kept)
    assert [(r.path, r.facts, r.diagnostics) for r in dropped] == [(r.path, r.facts, r.diagnostics) for r in kept]


# ---- start-up: what a warm run does not import --------------------------------------------

def _run_importing(workspace):
    """``check --format json reports`` in the workspace under ``python -X importtime``: the
    run, and the names of the modules it imported."""
    env = {k: v for k, v in os.environ.items() if k != "XXGK_LINT_PROFILE"}
    env["XDG_CACHE_HOME"] = str(workspace.user_cache)
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "linter", "check", "--format", "json",
                           "reports"], capture_output=True, text=True, env=env, cwd=workspace.folder)
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return done, modules


def test_a_warm_run_needs_neither_pyyaml_nor_importlib_metadata(workspace):
    """Rules, catalogues and the list of plugins come from the per-user cache; the output
    formats and readers not asked for are not imported."""
    workspace()  # also creates folders in the current folder, which is on sys.path (python -m)
    shutil.rmtree(workspace.folder / ".xxgk-lint-cache" / "results")  # the reports are linted again
    warm, modules = _run_importing(workspace)
    assert warm.returncode == 1 and json.loads(warm.stdout)
    assert "linter.engine" in modules and "linter.kinds.table_identity" in modules  # it did lint
    unwanted = {"yaml", "importlib.metadata", "rich", "docx", "linter.formatters.junit", "linter.formatters.html",
                "linter.readers.html", "linter.readers.docx"}
    assert modules & unwanted == set()


def test_cached_findings_load_no_checks(workspace):
    """An unchanged report is answered from the rule headers: the checks, lark and
    markdown-it are never imported."""
    workspace()
    cached, modules = _run_importing(workspace)
    assert cached.returncode == 1 and cached.stdout == workspace("--no-cache").stdout
    assert modules & {"lark", "markdown_it", "linter.kinds.table_identity", "linter.tables"} == set()


def test_headers_without_their_checks_load_the_rule_files(workspace):
    """The per-user cache keeps a rule set's headers and its checks in two files; with the
    checks gone (or damaged) an edited report is linted from the rule files."""
    expected = workspace("--no-cache").stdout
    workspace()
    for pickled in workspace.user_cache.glob("xxgk-lint/rules-*.pickle"):
        pickled.write_bytes(b"\x80\x05garbage")
    shutil.rmtree(workspace.folder / ".xxgk-lint-cache")
    assert workspace().stdout == expected


def test_a_plugin_installed_or_removed_after_a_run_is_seen(workspace, plugin_site, tmp_path_factory):
    """The cached list of plugins is keyed by the distributions' metadata folders on sys.path,
    which installing or removing a distribution changes."""
    site = tmp_path_factory.mktemp("site")
    env = {"XDG_CACHE_HOME": str(workspace.user_cache), "PYTHONPATH": str(site)}

    def csv_run():
        return lint("--format", "csv", "reports", env=env, cwd=workspace.folder)

    assert csv_run().returncode == 2  # no plugin, no csv format
    shutil.copytree(plugin_site, site, dirs_exist_ok=True)
    installed = csv_run()
    assert installed.returncode == 1 and installed.stdout.startswith("path,line,column")
    for entry in site.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    assert csv_run().returncode == 2


def test_a_catalogue_is_rebuilt_when_its_file_changes(tmp_path, monkeypatch):
    from linter import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    source = tmp_path / "tables.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    builds = []

    def build(path):
        builds.append(path.read_text("utf-8"))
        return {"text": builds[-1]}

    assert cache.memo("t", source, build) == cache.memo("t", source, build) == {"text": "a: 1\n"}
    assert len(builds) == 1  # the second came from the per-user cache
    source.write_text("a: 2\n", encoding="utf-8")
    assert cache.memo("t", source, build) == {"text": "a: 2\n"} and len(builds) == 2
    previous = cache.switch_off()
    try:
        cache.memo("t", source, build)
    finally:
        cache.switch_off(previous)
    assert len(builds) == 3  # --no-cache: built every time


def test_lazy_builtins_say_what_their_classes_say():
    """The built-in readers and formats are named without importing them: what the proxies
    answer beforehand must be what the loaded objects say."""
    from linter import builtin
    from linter.plugins import Lazy

    for entry in [*builtin.xxgk_lint_readers(), *builtin.xxgk_lint_formatters()]:
        assert isinstance(entry, Lazy)
        given = {k: v for k, v in vars(entry).items() if not k.startswith("_")}
        assert given and all(getattr(entry.loaded(), k) == v for k, v in given.items()), entry._target


def test_a_zip_archive_on_sys_path_is_part_of_the_plugin_key(tmp_path, monkeypatch):
    """importlib.metadata finds distributions inside a zip on sys.path as well: a changed
    archive must be asked again."""
    import time
    import zipfile

    from linter import plugins

    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "a")
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    before = plugins._path_stamp()
    time.sleep(0.01)
    with zipfile.ZipFile(archive, "a") as z:
        z.writestr("plugin-1.0.dist-info/entry_points.txt", "[xxgk_lint]\nx = x\n")
    assert plugins._path_stamp() != before


def test_linting_runs_with_fewer_collections_and_restores_the_threshold(monkeypatch):
    import gc

    from linter import engine

    seen = []
    real = engine.Runner.lint_path

    def spy(self, path):
        seen.append(gc.get_threshold())
        return real(self, path)

    monkeypatch.setattr(engine.Runner, "lint_path", spy)
    before = gc.get_threshold()
    results = engine.Runner(engine.Options()).lint([str(ROOT / "examples")])
    assert results and set(seen) == {engine.GC_THRESHOLD}
    assert gc.get_threshold() == before


def test_the_script_raises_the_threshold_before_the_cli_is_imported(monkeypatch):
    import gc

    import linter.__main__ as script
    import linter.cli
    from linter import GC_THRESHOLD

    seen = []
    monkeypatch.setattr(linter.cli, "main", lambda: seen.append(gc.get_threshold()) or 0)
    before = gc.get_threshold()
    try:
        assert script.main() == 0 and seen == [GC_THRESHOLD]
    finally:
        gc.set_threshold(*before)


# ---- the script ends without the interpreter's teardown (linter/__main__.py, run) -----------


def test_the_script_writes_all_its_output_and_keeps_its_exit_code(capsys):
    """A pipe the script's report (~1 MB of JSON over every sample) goes through is written to
    the end before the process ends, and the exit code is main()'s."""
    from linter.cli import main

    folders = ["tests/fixtures/samples", "examples", "tests/fixtures/noisy"]
    script = lint("--format", "json", "--no-cache", "--jobs", "2", *folders)
    assert main(["check", "--format", "json", "--no-cache", *[str(ROOT / f) for f in folders]]) == 1
    in_process = capsys.readouterr().out.replace(str(ROOT) + "/", "")
    assert script.returncode == 1 and script.stderr == ""
    assert len(script.stdout) > 100_000 and script.stdout == in_process


def test_the_script_runs_the_atexit_handlers_and_flushes_before_it_ends(tmp_path):
    """What an atexit handler (a plugin's, say) leaves in the buffer of a pipe is written too."""
    marker = tmp_path / "ran"
    code = ("import atexit, pathlib, sys; sys.argv = ['xxgk-lint', 'check', '--no-cache', '--format', 'json', "
            f"{CLEAN!r}]\natexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
            "atexit.register(print, 'at exit', end='')\nfrom linter.__main__ import run; run()\nprint('not reached')")
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "XXGK_LINT_PROFILE")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=environment,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "yes"
    assert done.stdout.startswith("{") and done.stdout.endswith("}\nat exit") and "not reached" not in done.stdout
