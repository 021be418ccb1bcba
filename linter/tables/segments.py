"""Cells of one source line written as ``cell | cell |``: the pipe-separated segments
with their exact columns (shared by the pipe-table and flattened-table readers)."""

from __future__ import annotations

import re

from linter.regexes import compiled
from linter.tables.model import Cell

_PIPE = compiled(r"(?<!\\)\|")  # GFM: \| is a literal pipe inside a cell
_DELIMITER = r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?"  # compiled on first use: only flattened tables ask


def is_delimiter_row(text: str) -> bool:
    """The ``|---|:--:|`` line under a GFM table header."""
    stripped = text.strip()
    return "-" in stripped and bool(re.fullmatch(_DELIMITER, stripped))


def split(text: str, line: int) -> tuple[list[Cell], bool]:
    """The cells of a line and whether it opens with a pipe.

    The empty segment before a leading pipe and after a trailing pipe is not a cell;
    an empty segment between two pipes is (a blank cell)."""
    escaped = "\\" in text
    pieces = _PIPE.split(text) if escaped else text.split("|")  # no escaped pipe: every pipe separates
    starts, start = [], 0
    for piece in pieces:
        starts.append(start)
        start += len(piece) + 1  # a pipe is one character, escaped or not
    leading = len(pieces) > 1 and not pieces[0].strip()
    first_cell = 1 if leading else 0
    last_cell = len(pieces) - 1 if len(pieces) - first_cell > 1 and not pieces[-1].strip() else len(pieces)
    cells = []
    for start, raw in zip(starts[first_cell:last_cell], pieces[first_cell:last_cell]):
        # one loop, no call per cell: tables hold thousands of cells a report
        content = raw.strip()
        if not content:  # a blank cell stands where its segment starts
            cells.append(Cell("", line, start + 1, start + len(raw) + 1))
            continue
        first = start + len(raw) - len(raw.lstrip())  # where content starts: after the white space
        cells.append(Cell(content.replace("\\|", "|") if escaped else content, line, first + 1,
                          first + len(content) + 1))
    return cells, leading
