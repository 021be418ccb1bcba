"""Cells of one source line written as ``cell | cell |``: the pipe-separated segments
with their exact columns (shared by the pipe-table and flattened-table readers)."""

from __future__ import annotations

import re

from linter.tables.model import Cell

_PIPE = re.compile(r"(?<!\\)\|")  # GFM: \| is a literal pipe inside a cell
_DELIMITER = re.compile(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?")


def is_delimiter_row(text: str) -> bool:
    """The ``|---|:--:|`` line under a GFM table header."""
    stripped = text.strip()
    return "-" in stripped and bool(_DELIMITER.fullmatch(stripped))


def split(text: str, line: int) -> tuple[list[Cell], bool]:
    """The cells of a line and whether it opens with a pipe.

    The empty segment before a leading pipe and after a trailing pipe is not a cell;
    an empty segment between two pipes is (a blank cell)."""
    bounds, start = [], 0
    if "\\" not in text:  # no escaped pipe: every pipe separates
        for piece in text.split("|"):
            bounds.append((start, start + len(piece)))
            start += len(piece) + 1
    else:
        for match in _PIPE.finditer(text):
            bounds.append((start, match.start()))
            start = match.end()
        bounds.append((start, len(text)))
    leading = text[: bounds[0][1]].strip() == "" and len(bounds) > 1
    if leading:
        bounds = bounds[1:]
    if len(bounds) > 1 and not text[bounds[-1][0]: bounds[-1][1]].strip():
        bounds = bounds[:-1]
    return [_cell(text, line, a, b) for a, b in bounds], leading


def _cell(text: str, line: int, start: int, end: int) -> Cell:
    raw = text[start:end]
    content = raw.strip()
    if not content:  # a blank cell stands where its segment starts
        return Cell("", line, start + 1, end + 1)
    first = start + raw.index(content[0])
    return Cell(content.replace("\\|", "|"), line, first + 1, first + len(content) + 1)
