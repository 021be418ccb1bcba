"""Tables in text taken from a PDF: every cell and every fragment of a label or
header stands on a line of its own, row after row:

    （三）不          ← fragments of a label
    予公开
    1.属于国家秘密
    2                 ← the row's values, one per line
    0
    …
    - 5 -             ← a page marker, not a cell

A table starts at a line that opens a standard table (``anchors``, from
rules/tables.yaml) and runs over short lines up to the next heading of the
report.  Here a row is the label fragments written before a run of values, plus
those values: the fragments of the first row also hold the header.  Which
fragments make which label, and which value is in which column, only the known
shape of the standard tables can tell (linter/tables/standard.py).
"""

from __future__ import annotations

from linter.document import Document, normalize
from linter.regexes import compiled
from linter.tables.model import Cell, Row, Table

FRAGMENT_MAX = 30  # longer lines are prose
_WORD = compiled(r"\S+")
# matched against normalised lines only (NFKC: the full-width － is - there), so the dashes are
# two ranges, which re compiles ~2M instructions faster than a set of scattered characters
PAGE_MARKER = compiled(r"[-–—]+(?:\d{1,4}[-–—]+)?|第\d+页(共\d+页)?|\d+/\d+")


def is_page_marker(text: str) -> bool:
    return _page_marker(normalize(text))


def _page_marker(flat: str) -> bool:
    """``is_page_marker`` of a line already normalised (Document.normalized_lines)."""
    return bool(PAGE_MARKER.fullmatch(flat))


def _cell(text: str, line: int) -> Cell:
    stripped = text.strip()
    start = len(text) - len(text.lstrip()) + 1
    return Cell(stripped, line, start, start + len(stripped))


def _is_value(cell: Cell) -> bool:
    return cell.value.kind != "text"


def _cells(text: str, line: int) -> list[Cell]:
    """The cells of one line: itself, or a label followed by values set off by spaces, as
    layout-preserving converters write a row (行政许可 97, 规章 0 0 0)."""
    cell = _cell(text, line)
    if _is_value(cell):
        return [cell]
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    values = []
    while len(words) > 1 and _is_value(_cell(words[-1][1], line)):
        start, word = words.pop()
        values.insert(0, Cell(word, line, start + 1, start + len(word) + 1))
    if not values:
        return [cell]
    head = text[: values[0].column - 1]
    return [_cell(head, line)] + values


def region(doc: Document, start: int, stop: set[int]) -> list[int]:
    """Line numbers of the table opening at ``start``: up to a heading, a claimed line or
    prose, without trailing label fragments (they belong to what follows)."""
    numbers = []
    normalized = doc.normalized_lines()
    for number in range(start, len(doc.lines) + 1):
        flat = normalized[number - 1]
        if number != start and number in stop:
            break
        if flat and (len(flat) > FRAGMENT_MAX or "|" in flat):
            break
        numbers.append(number)
    while numbers and not _ends_with_value(doc, numbers[-1]):
        numbers.pop()
    return numbers


def _ends_with_value(doc: Document, line: int) -> bool:
    flat = doc.normalized_lines()[line - 1]
    return bool(flat) and not _page_marker(flat) and _is_value(_cells(doc.line(line), line)[-1])


def read(doc: Document, numbers: list[int]) -> Table:
    rows: list[Row] = []
    labels: list[Cell] = []
    values: list[Cell] = []
    normalized = doc.normalized_lines()
    for number in numbers:
        text = doc.line(number)
        if not text.strip() or _page_marker(normalized[number - 1]):
            continue
        for cell in _cells(text, number):
            if _is_value(cell):
                values.append(cell)
                continue
            if values:
                rows.append(Row(labels + values))
                labels, values = [], []
            labels.append(cell)
    if labels or values:
        rows.append(Row(labels + values))
    return Table("pdf", rows, grid=False)


def tables(doc: Document, claimed: set[int], headings: set[int], anchors: tuple[str, ...]) -> list[Table]:
    code = {n for b in doc.blocks if b.kind in ("code", "table", "html") for n in range(b.line, b.end_line + 1)}
    stop = claimed | code | headings
    found = []
    normalized = doc.normalized_lines()
    number, count = 1, len(doc.lines)
    while number <= count:
        key = normalized[number - 1]
        # the anchor test first: it fails on nearly every line of every report
        if key and key.startswith(anchors) and len(key) <= FRAGMENT_MAX and number not in stop:
            numbers = region(doc, number, stop)
            table = read(doc, numbers)
            if sum(1 for row in table.rows for cell in row.cells if _is_value(cell)) >= 2:
                found.append(table)
                claimed.update(range(numbers[0], numbers[-1] + 1))
                number = numbers[-1] + 1
                continue
        number += 1
    return found
