"""Command line: check, tree, rules, explain, extract, new.  Exit 0 clean, 1 findings at the fail level, 2 usage errors."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from linter import __version__
from linter.diagnostic import SEVERITIES, severity_rank
from linter.errors import UsageError
from linter.facts import ORGANS, REGIMES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_NO_DOCUMENT = ("text", "json", "sarif", "github", "gitlab")  # built-in formats that never read result.document
PROGRESS_FROM = 20  # files: fewer finish before a bar is worth drawing


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with our wording, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"xxgk-lint: 错误 (error): {message}\n")


class _Incomplete(Exception):
    """Raised by a _Partial parser instead of printing anything."""


class _Partial(_Parser):
    """The top-level parser without the subcommands a command line does not name: it parses that line
    as the full parser does, but its help, usage and errors would leave those subcommands out."""

    def format_usage(self):
        raise _Incomplete

    def format_help(self):
        raise _Incomplete

    def error(self, message):
        raise _Incomplete


def _list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _jobs(text: str) -> int:
    import os

    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"应为非负整数 (a whole number): {text}")
    return int(text) or os.cpu_count() or 1


def _year(text: str) -> int:
    if not text.isdigit() or not 2008 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"报告年度应为 2008 起的四位年份 (a year from 2008): {text}")
    return int(text)


def parse_args(words: list[str]) -> argparse.Namespace:
    """The command line, parsed without building the subcommands it does not name (most of the cost);
    help and usage errors, which name them all, come from the full parser."""
    try:
        return build_parser(words).parse_args(words)
    except _Incomplete:
        return build_parser().parse_args(words)


def build_parser(words: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of all subcommands, or, given a command line's words, a _Partial one with just the
    subcommands named among them: argparse runs only a subcommand named by a word."""
    import functools
    import shutil

    # argparse asks the terminal's width (less 2) for each help formatter, one per add_argument: ask once
    formatter = functools.partial(argparse.HelpFormatter, width=shutil.get_terminal_size().columns - 2)
    parser = (_Parser if words is None else _Partial)(
        prog="xxgk-lint", formatter_class=formatter,
        description="政府信息公开工作年度报告合规检查 (compliance linter for "
                    "annual reports on government information disclosure)")
    parser.add_argument("--version", action="version", version=f"xxgk-lint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True,
                                     parser_class=functools.partial(_Parser, formatter_class=formatter))
    for name, help, add_options in _COMMANDS:
        if words is None or name in words:
            add_options(commands.add_parser(name, help=help))
    return parser


def _check_options(check) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help="文件或目录 (files or directories)")
    check.add_argument("--format", default=None,
                       help="rich | text | json | sarif | github | junit | gitlab | html，插件可另加"
                            "（默认：终端 rich，管道或 --output 为 text）")
    check.add_argument("--fail-level", choices=SEVERITIES, default=None,
                       help="达到此级别的问题使退出码为 1（默认取配置，否则 error）")
    check.add_argument("--config", metavar="FILE", help="配置文件（默认从每个文件所在目录向上查找 .xxgk-lint.yaml）")
    check.add_argument("--select", type=_list, metavar="RULES", help="只运行这些规则（编号、名称或类别，逗号分隔）")
    check.add_argument("--ignore", type=_list, default=[], metavar="RULES", help="不运行这些规则（逗号分隔）")
    check.add_argument("--exit-zero", action="store_true", help="有问题也以 0 退出 (exit 0 even with findings)")
    check.add_argument("--quiet", "-q", action="store_true", help="只输出问题，不输出汇总 (findings only, no summary)")
    check.add_argument("--statistics", action="store_true", help="按规则统计问题数 (counts by rule instead of findings)")
    check.add_argument("--output", "-o", metavar="FILE", help="输出写入文件 (write the report to FILE)")
    check.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N",
                       help="并行处理的进程数，0 为 CPU 数 (files in parallel; 0: one per CPU)")
    check.add_argument("--baseline", metavar="FILE", help="只报告基线文件中没有的新问题 (report only new findings)")
    check.add_argument("--write-baseline", metavar="FILE", help="把本次发现的问题记为基线 (record today's findings)")
    _facts_options(check)
    check.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="另加的规则目录 (extra rule directory)")
    check.add_argument("--no-cache", action="store_true",
                       help="不读也不写缓存 (no cache: lint every file, load every rule afresh)")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="检查结果缓存目录（默认 .xxgk-lint-cache）(where findings of unchanged files are kept)")


def _tree_options(tree) -> None:
    tree.add_argument("file")
    _facts_options(tree)


def _new_options(new) -> None:
    new.add_argument("--year", type=_year, required=True, help="报告年度 (report year)")
    new.add_argument("--organ", choices=ORGANS, default="government", help="机关类型 (kind of organ)")
    new.add_argument("--format", choices=("md", "docx"), default="md", help="md 或 docx")
    new.add_argument("--output", "-o", metavar="FILE", help="写入文件（默认：标准输出；docx 必须指定）")


def _rules_options(rules) -> None:
    rules.add_argument("action", nargs="?", choices=("list", "check", "docs"), default="list")
    rules.add_argument("directory", nargs="?", help="docs 的输出目录 (output folder of docs)")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR", help="另加的规则目录")


def _extract_options(extract) -> None:
    extract.add_argument("file")
    extract.add_argument("--format", choices=("json", "csv"), default="json", help="json（默认）| csv")
    _facts_options(extract)


def _explain_options(explain) -> None:
    explain.add_argument("rule", help="规则编号或名称 (rule id or name)")
    explain.add_argument("--rules", action="append", default=[], metavar="DIR", help="另加的规则目录")


_COMMANDS = (  # name, help line, options; in the order of --help
    ("check", "检查报告 (lint reports)", _check_options),
    ("tree", "显示章节树 (print the section tree)", _tree_options),
    ("new", "生成报告框架 (write a skeleton report)", _new_options),
    ("rules", "列出规则；check 自检；docs 生成文档 (list, self-test, write docs)", _rules_options),
    ("extract", "导出统计表数据 (the standard tables as data)", _extract_options),
    ("explain", "解释一条规则 (explain a rule)", _explain_options),
)


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD (a date like 2025-03-31): {text}") from None


def _facts_options(parser) -> None:
    parser.add_argument("--year", type=_year, help="报告年度 (report year), overrides detection")
    parser.add_argument("--regime", choices=REGIMES, help="适用制度 (regime), overrides the year's")
    parser.add_argument("--organ", choices=ORGANS, help="机关类型 (kind of organ)")
    parser.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                        help="发布日期 (publication date), for the deadline rules")


def _utf8_streams() -> None:
    """Chinese output must not crash on a stream whose encoding cannot carry it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "中".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import os

    if os.environ.get("XXGK_LINT_PROFILE", "") not in ("", "0"):  # linter/profile.py
        from linter import profile

        profile.install()
        try:
            return _main(argv)
        finally:
            profile.report()
    return _main(argv)


def _main(argv: list[str] | None) -> int:
    _utf8_streams()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return {"check": _check, "tree": _tree, "rules": _rules, "explain": _explain,
                "extract": _extract, "new": _new}[args.command](args)
    except UsageError as exc:
        print(f"xxgk-lint: 错误 (error): {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # our bug or a plugin's: exit 2, never a traceback whose exit 1 reads as "findings"
        import os

        if os.environ.get("XXGK_LINT_DEBUG", "") not in ("", "0"):
            raise
        print(f"xxgk-lint: 内部错误 (internal error): {type(exc).__name__}: {exc}；"
              f"请报告此问题，设 XXGK_LINT_DEBUG=1 可看到调用栈 (set XXGK_LINT_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_USAGE


def _overrides(args):
    from linter.engine import Overrides

    return Overrides(year=args.year, regime=args.regime, organ=args.organ, published=args.published)


def _formatter(name: str | None, to_file: bool, quiet: bool):
    from linter import plugins

    name = name or ("rich" if sys.stdout.isatty() and not to_file else "text")
    known = plugins.formatters()
    if name not in known:
        raise UsageError(f"未知的输出格式 (unknown format): {name}；可用 (known): {', '.join(sorted(known))}")
    formatter = known[name]()
    formatter.quiet = quiet  # formatters that print a summary leave it out
    return formatter


def _check(args) -> int:
    from linter import cache

    previous = cache.switch_off(args.no_cache)
    try:
        return _check_files(args)
    finally:
        cache.switch_off(previous)


def _check_files(args) -> int:
    from linter import engine

    formatter = _formatter(args.format, bool(args.output), args.quiet)
    # cached findings come back with the document's lines only: enough for the built-in formats;
    # most of them never read the document, which need not be kept for every file of a large run
    builtin_format = type(formatter).__module__.startswith("linter.formatters.")
    options = engine.Options(overrides=_overrides(args), rule_dirs=args.rules, config=args.config,
                             select=args.select, ignore=args.ignore, fail_level=args.fail_level,
                             cache=not args.no_cache and builtin_format, cache_dir=args.cache_dir,
                             documents=not (builtin_format and (args.statistics or formatter.name in _NO_DOCUMENT)))
    runner = engine.Runner(options)
    with _progress(args) as progress:
        results = runner.lint(args.paths, jobs=args.jobs, progress=progress)
    if args.baseline:
        from linter import baseline

        path = Path(args.baseline)
        baseline.filter_new(path, baseline.read(path, runner.known_ids()), results)
    _emit(args, formatter, results)
    if args.write_baseline:
        from linter import baseline

        count = baseline.write(Path(args.write_baseline), results)
        print(f"基线已写入 {args.write_baseline}：{count} 个问题 (baseline written: {count} findings)", file=sys.stderr)
        return EXIT_CLEAN
    failed = any(severity_rank(d.severity) <= severity_rank(r.fail_level) for r in results for d in r.diagnostics)
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_CLEAN


def _emit(args, formatter, results) -> None:
    """Render to standard output, or atomically to --output."""
    import io

    from linter import statistics
    from linter.fileio import write_atomic

    stream = io.StringIO() if args.output else sys.stdout
    # PYTHONUNBUFFERED (set in many CI images) makes each of a report's many small writes a
    # system call (300,000 for the JSON of 1,000 files); it is written at once in any case
    unbuffered = getattr(stream, "write_through", False) and hasattr(stream, "reconfigure")
    try:
        if unbuffered:
            stream.reconfigure(write_through=False)
        if args.statistics:
            statistics.render(results, stream, rich=formatter.name == "rich")
        else:
            formatter.render(results, stream)
        stream.flush()
    except BrokenPipeError:
        _reader_left()
    finally:
        if unbuffered:
            stream.reconfigure(write_through=True)
    if args.output:
        write_atomic(args.output, stream.getvalue())


@contextlib.contextmanager
def _progress(args):
    """A rich progress bar on a terminal once at least PROGRESS_FROM files are linted;
    nothing at all (not even cursor codes) otherwise."""
    if not sys.stderr.isatty() or args.quiet:
        yield None
        return
    bar, task = None, None

    def advance(total):
        nonlocal bar, task
        if total is not None:
            if total >= PROGRESS_FROM:
                from rich.progress import Progress

                bar = Progress(transient=True)
                bar.start()
                task = bar.add_task("检查中 linting", total=total)
        elif bar:
            bar.advance(task)

    try:
        yield advance
    finally:
        if bar:
            bar.stop()


def _document(args):
    """The one file of ``tree`` and ``extract``, read with its facts; unreadable is exit 2."""
    from linter import engine, readers

    if Path(args.file).is_dir():
        raise UsageError(f"需要一个文件，不是目录 (a file, not a directory): {args.file}")
    try:
        doc = readers.read(args.file)
    except OSError as exc:
        raise UsageError(str(exc)) from None
    except readers.ReadProblem as problem:
        raise UsageError(f"{args.file}: {problem}") from None
    doc.facts = engine.resolve_facts(doc, _overrides(args))
    return doc


def _reader_left() -> None:
    """`xxgk-lint … | head`: the reader closed the pipe; end quietly, the exit code still counts."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _tree(args) -> int:
    from linter.tree import print_tree

    print_tree(_document(args), _console())
    return EXIT_CLEAN


def _extract(args) -> int:
    from linter.tables.export import WRITERS

    doc = _document(args)
    try:
        WRITERS[args.format](doc, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_left()
    return EXIT_CLEAN


def _rules(args) -> int:
    from linter import rulefile

    rules = sorted(rulefile.load_all(args.rules), key=lambda r: r.id)
    if args.action == "check":
        return _rules_check(rules)
    if args.action == "docs":
        return _rules_docs(rules, args.directory)
    from rich.table import Table

    table = Table("编号 id", "名称 name", "类别 category", "级别 severity", "适用制度 regimes", "说明 message")
    for rule in rules:
        table.add_row(rule.id, rule.name, rule.category, rule.severity, ", ".join(rule.regimes), rule.message)
    _console().print(table)
    return EXIT_CLEAN


def _rules_check(rules) -> int:
    from linter import selftest

    failed = 0
    for rule in rules:
        problems = selftest.check(rule)
        failed += bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {rule.id} {rule.name}")
        for problem in problems:
            print(f"     {rule.path}: {problem}")
    print(f"{len(rules) - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _rules_docs(rules, directory) -> int:
    from pathlib import Path

    from linter import ruledocs

    if not directory:
        raise UsageError("rules docs 需要输出目录 (an output folder), 如 docs/rules")
    written = ruledocs.write_all(rules, Path(directory))
    print(f"写入 {len(written)} 个文件 (wrote {len(written)} files) 到 {directory}")
    return EXIT_CLEAN


def _new(args) -> int:
    from linter import skeleton
    from linter.fileio import write_atomic

    blocks = skeleton.build(args.year, args.organ)
    if args.format == "md":
        text = skeleton.markdown(blocks)
        if args.output:
            write_atomic(args.output, text)
        else:
            sys.stdout.write(text)
        return EXIT_CLEAN
    if not args.output:
        raise UsageError("docx 须用 --output 指定文件 (a .docx needs --output FILE)")
    try:
        data = skeleton.docx_bytes(blocks)
    except RuntimeError as exc:
        raise UsageError(str(exc)) from None
    write_atomic(args.output, data)
    return EXIT_CLEAN


def _console():
    """rich output for tables and trees: the terminal's width, or a wide page when piped
    (rich would otherwise wrap at 80 columns and cut rule messages short)."""
    import os

    from rich.console import Console

    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, width=200 if piped else None)


def _explain(args) -> int:
    from rich.markdown import Markdown

    from linter import rulefile, ruledocs

    rules = rulefile.load_all(args.rules)
    found = [r for r in rules if args.rule in (r.id, r.name) or args.rule.upper() == r.id]
    if not found:
        raise UsageError(f"未知的规则 (unknown rule): {args.rule}；用 xxgk-lint rules 查看全部规则")
    _console().print(Markdown(ruledocs.rule_markdown(found[0])))
    return EXIT_CLEAN
