"""Web tables copied as text: one row per line, cells ended by ``|``.

    第二十条第(一)项 |
    信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |
    二、上年结转政府信息公开申请数量 |
    | 0 | 0 | 0 | 0 | 0 | 0 |

Header cells stand on lines of their own, in reading order (spans are lost).  A
line opening with ``|`` after a line holding only a label carries that row's
values (the label was split from them); a short line without ``|`` between two
table lines is the first part of the next row's label.
"""

from __future__ import annotations

from linter.document import Document
from linter.tables import pipe, segments
from linter.tables.model import Cell, Row, Table

FRAGMENT_MAX = 30  # a label fragment is short; a longer line is prose


def _is_row(text: str) -> bool:
    return "|" in text and "|" in text.replace("\\|", "")  # asked of every line of a report


def runs(doc: Document, skip: set[int], headings: set[int]) -> list[list[int]]:
    """Line numbers of each run of table lines (blank lines and label fragments inside kept)."""
    found, run = [], []
    lines = doc.lines
    for number, text in enumerate(lines, start=1):
        if number in skip or number in headings:
            if run:
                found.append(run)
            run = []
        elif _is_row(text):
            run.append(number)
        elif run and (not text.strip() or len(text.strip()) <= FRAGMENT_MAX) and _next_is_row(lines, number, skip):
            run.append(number)
        elif run:
            found.append(run)
            run = []
    if run:
        found.append(run)
    return [_trim(r, lines) for r in found if sum(_is_row(lines[n - 1]) for n in r) >= 2]


def _next_is_row(lines: list[str], number: int, skip: set[int]) -> bool:
    for following in range(number + 1, len(lines) + 1):
        if following in skip:
            return False
        if lines[following - 1].strip():
            return _is_row(lines[following - 1])
    return False


def _trim(run: list[int], lines: list[str]) -> list[int]:
    while run and not _is_row(lines[run[-1] - 1]):
        run.pop()
    return run


def read(doc: Document, numbers: list[int]) -> Table:
    rows: list[Row] = []
    fragment: Cell | None = None
    previous_leading = True
    for number in numbers:
        text = doc.line(number)
        if not text.strip():
            continue
        if not _is_row(text):
            fragment = _join(fragment, segments.split(text, number)[0][0])
            continue
        cells, leading = segments.split(text, number)
        if fragment and cells:
            cells[0] = _join(fragment, cells[0])
            fragment = None
        if leading and not previous_leading and rows and not any(c.value.is_numeric for c in rows[-1].cells):
            rows[-1].cells.extend(cells)  # the values of a label written on the line above
        else:
            rows.append(Row(cells))
        previous_leading = leading
    return Table("flat", rows, grid=False)


def _join(first: Cell | None, second: Cell) -> Cell:
    """One label written over two lines."""
    if first is None:
        return second
    return Cell(first.text + second.text, first.line, first.column, second.end_column,
                end_line=second.last_line if second.last_line != first.line else None)


def tables(doc: Document, claimed: set[int], headings: set[int]) -> list[Table]:
    code = {n for b in doc.blocks if b.kind in ("code", "html") for n in range(b.line, b.end_line + 1)}
    found = []
    for numbers in runs(doc, claimed | code, headings):
        first, last = numbers[0], numbers[-1]
        if any(segments.is_delimiter_row(doc.line(n)) for n in numbers):
            table = pipe.read(doc, first, last)  # a GFM table in a text file
        else:
            table = read(doc, numbers)
        if table and table.rows:
            found.append(table)
            claimed.update(range(first, last + 1))
    return found
