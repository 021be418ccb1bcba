"""The command line parser built for a quick start says exactly what argparse's defaults say."""

import argparse

import pytest

from linter.cli import build_parser


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
