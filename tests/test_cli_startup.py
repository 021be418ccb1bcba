"""The command line parser built for a quick start says exactly what argparse's defaults say."""

import argparse

import pytest

from linter.cli import build_parser, parse_args


def _parsers(parser):
    """The parser and those of its subcommands."""
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [parser, *subcommands.choices.values()]


@pytest.mark.parametrize("columns", ["20", "40", "80", "150", None])
def test_help_is_as_wide_as_argparse_makes_it(monkeypatch, columns):
    # build_parser asks the terminal's width once, for all its formatters
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    for parser in _parsers(build_parser()):
        ours = parser.format_help(), parser.format_usage()
        parser.formatter_class = argparse.HelpFormatter
        assert (parser.format_help(), parser.format_usage()) == ours


COMMAND_LINES = [
    "", "--help", "-h", "--version", "--ver", "-h check", "--help bogus", "foo", "che", "Check", "--bogus",
    "--bogus check x", "check x --bogus", "check --version", "--version check", "-- check x", "-- foo", "- check",
    "check tree", "tree check", "explain check", "check --help", "tree -h", "new --help", "rules --help",
    "extract --help", "explain --help", "check", "tree", "new", "rules", "explain", "tree a b", "rules bogus",
    "rules list extra extra", "check --fail-level bogus x", "check --jobs x p", "check --fo json", "check --form",
    "check --year 1999 x", "check --published 2024-13-01 x", "check --regime nope x", "check --q",
    "new --year 2024 --organ bad", "new --year 2007", "extract --format xml f", "tree --year abc f",
    "check -- --help", "check --help --format x",
    # command lines that parse
    "check x", "check -q -j 2 --fo json --select a,b --published 2024-03-31 --year 2023 a b", "check -- -x",
    "tree f --organ department", "new --year 2024 -o f.md", "rules", "rules docs out --rules r", "extract f",
    "explain R001", "explain --rules d check",
]


def _outcome(capsys, parse, words):
    try:
        result = vars(parse(words))
    except SystemExit as exc:
        result = exc.code
    return result, capsys.readouterr()


@pytest.mark.parametrize("line", COMMAND_LINES)
@pytest.mark.parametrize("columns", ["40", "150"])
def test_parse_args_is_the_full_parser(capsys, monkeypatch, line, columns):
    # parse_args builds only the subcommands named on the command line; help, usage and errors
    # come from the full parser
    monkeypatch.setenv("COLUMNS", columns)
    words = line.split()
    assert _outcome(capsys, parse_args, words) == _outcome(capsys, lambda w: build_parser().parse_args(w), words)


@pytest.mark.parametrize("line", COMMAND_LINES[COMMAND_LINES.index("check x"):])
def test_command_lines_parse_without_the_full_parser(line):
    words = line.split()
    assert vars(build_parser(words).parse_args(words)) == vars(build_parser().parse_args(words))
