"""The table model: every table of a document as rows of cells with exact positions.

A ``Cell`` is one cell as written: its text and where it stands (line, 1-based
column in code points, exclusive end column; ``end_line`` when a label runs over
several lines, as in text taken from a PDF).  A ``Table`` is a list of ``Row``s in
source order.  ``grid`` tables (Markdown pipe tables, HTML) keep cells aligned by
column, spans repeated; the flattened forms (web tables copied as text, PDF text)
only keep the order in which cells were written.
"""

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from linter.document import normalize
from linter.regexes import compiled

# What a reader writes in a cell that holds no number: nothing, a slash, dashes, 无.
PLACEHOLDERS = frozenset({"", "/", "-", "--", "—", "——", "－", "−", "无"})
# at most 15 digits: no count or amount in a report is larger, and longer runs (a pasted
# identifier, damage) would pass Python's int/str digit limits further on
# the sign is looked at before the pattern: as a set in it ([+\-−增减]), scattered characters
# beyond Latin-1, re compiles it ~1.3M instructions slower
_SIGNS = ("+", "-", "−", "增", "减")
_NUMBER = compiled(r"(?P<digits>\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?P<fraction>\.\d{1,6})?(?P<unit>万元|元|件|个|项|条)?")


class Value(NamedTuple):
    """What a cell holds: ``kind`` is number, signed, unit, placeholder or text."""

    kind: str
    number: Decimal | None = None  # placeholders count as 0 in sums; text has no number
    unit: str | None = None  # 元, 万元, 件 … written after the number

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "signed", "unit")

    @property
    def integral(self) -> bool:
        return self.number is not None and self.number == self.number.to_integral_value()


def parse_value(text: str) -> Value:
    flat = normalize(text)
    if flat in PLACEHOLDERS:
        return Value("placeholder", Decimal(0))
    sign = flat[:1] if flat[:1] in _SIGNS else ""
    match = _NUMBER.fullmatch(flat, len(sign))
    if not match:
        return Value("text")
    try:
        number = Decimal(match["digits"].replace(",", "") + (match["fraction"] or ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return Value("text")
    if sign in ("-", "−", "减"):
        number = -number
    if sign:
        return Value("signed", number)
    return Value("unit", number, match["unit"]) if match["unit"] else Value("number", number)


# Values are immutable and cell texts repeat (0, 1, /, the same labels): parsed once per text.
_value_of = lru_cache(maxsize=4096)(parse_value)


class Cell:
    """One table cell as written, with its source position."""

    def __init__(self, text: str, line: int, column: int, end_column: int, end_line: int | None = None):
        self.text = text  # as written, stripped; fragments of a multi-line label joined without breaks
        # what the cell holds, parsed when the cell is made: nearly every cell is asked (reading,
        # rules, identities), and a text is parsed once per run (_value_of)
        self.value = _value_of(text)
        self.line = line
        self.column = column
        self.end_column = end_column
        self.end_line = end_line

    @property
    def last_line(self) -> int:
        return self.end_line or self.line

    @property
    def key(self) -> str:
        return normalize(self.text)

    def span(self) -> dict:
        """Finding position fields (linter.kinds.Finding) covering this cell."""
        return {"line": self.line, "column": self.column, "end_line": self.last_line, "end_column": self.end_column}


class Row:
    """One table row: its cells in order."""

    def __init__(self, cells: list[Cell]):
        self.cells = cells

    @property
    def line(self) -> int:
        return self.cells[0].line if self.cells else 0

    @property
    def end_line(self) -> int:
        return max((c.last_line for c in self.cells), default=0)


class Table:
    """A table as found in the report, before it is matched to a standard table."""

    def __init__(self, source: str, rows: list[Row], grid: bool, caption: Cell | None = None, header_rows: int = 0,
                 notes: list | None = None):
        self.source = source  # "pipe", "html", "flat" or "pdf"
        self.rows = rows
        self.grid = grid  # cells aligned by column (spans repeated): pipe and HTML tables
        self.caption = caption  # the short line just above the table, e.g. 第二十条第（一）项
        self.header_rows = header_rows  # leading rows the source marks as header (GFM's first row, <th> rows)
        self.notes = [] if notes is None else notes  # reading problems: (kind, cell or row, details)

    @property
    def line(self) -> int:
        return self.rows[0].line if self.rows else 0

    @property
    def end_line(self) -> int:
        # the last line of every cell in one pass (Row.end_line of each row, then their max)
        return max((c.end_line or c.line for r in self.rows for c in r.cells), default=0)
