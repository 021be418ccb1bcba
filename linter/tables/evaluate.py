"""The interpreter of table identities (``linter.grammars.identity``): walks the tree
over a document's standard tables, once per row or column when ``_`` is used.

A cell written as a placeholder (blank, ``/``, ``—``, ``无``) counts as 0 — rule T131
already asks for a 0 there; a cell of words, or a cell that is not there, leaves the
identity unevaluated for that row or column (other rules report it), never guessed.
"""

from decimal import Decimal
from fnmatch import fnmatchcase
from typing import Callable, Iterator, NamedTuple

from linter.grammars.identity import EACH, Binary, Found, Identity, Number, Ref, Total, terms
from linter.tables.catalogue import Spec
from linter.tables.model import Cell
from linter.tables.recognise import StandardTable

Tables = Callable[[int], StandardTable | None]


class _Unknown(Exception):
    """A cell needed is missing or holds no number."""


class Failure(NamedTuple):
    """An identity that does not hold, with the values of its two sides."""

    identity: Identity
    each: str | None  # the row or column ``_`` stood for
    cell: Cell  # where to report: the first single cell of the left side
    table: StandardTable
    row: str
    column: str
    left: Decimal
    right: Decimal
    left_terms: str
    right_terms: str


def check_keys(identity: Identity, specs: dict[int, Spec]) -> None:
    """Every key (pattern) names a row or column of its table; ValueError otherwise."""
    for ref in identity.refs():
        spec = specs[ref.table]
        for key, keys, what in ((ref.row, spec.row_keys(), "行"), (ref.column, spec.column_keys(), "列")):
            if key != EACH and not any(fnmatchcase(k, key) for k in keys):
                raise ValueError(f"表{ref.table}没有{what}键 (no such {'row' if what == '行' else 'column'} key) "
                                 f"“{key}”；可用 (known): {', '.join(sorted(keys))}")


def failures(identity: Identity, tables: Tables) -> Iterator[Failure]:
    # the tables it names looked up once, not for each cell of each row or column
    tables = {n: tables(n) for n in {ref.table for ref in identity.refs()}}.get
    axis = identity.axis()
    if axis is None:
        elements: list[str | None] = [None]
    else:
        table = tables(axis[1])
        if table is None:
            return
        elements = _domain(table, axis[0])
    lefts, rights = _values(identity.left, elements, tables), _values(identity.right, elements, tables)
    for each, left, right in zip(elements, lefts, rights):
        if left is None or right is None or _holds(left, identity.op, right):
            continue  # unknown (a cell missing or without a number), or holds
        at = _bind(identity.at(), each)
        table = tables(at.table)
        yield Failure(identity, each, table.cell(at.row, at.column), table, table.spec.row_name(at.row),
                      table.spec.column_name(at.column), left, right,
                      _render(identity.left, each, tables, axis), _render(identity.right, each, tables, axis))


def holds(identity: Identity, tables: Tables, found: Decimal) -> bool | None:
    """Whether an identity over ``value`` (the number ``found`` in the text) holds; None when a
    cell it needs is missing or holds no number."""
    try:
        left = _value(identity.left, None, tables, found)
        right = _value(identity.right, None, tables, found)
    except _Unknown:
        return None
    return _holds(left, identity.op, right)


def value_of(node, tables: Tables) -> Decimal | None:
    """The value of an expression without ``_``, None when a cell it needs is missing."""
    try:
        return _value(node, None, tables)
    except _Unknown:
        return None


def describe(node, tables: Tables) -> str:
    """“表二 一、本年新收政府信息公开申请数量·总计 25”: the table side of a cross-check."""
    try:
        value = show(_value(node, None, tables))
    except _Unknown:
        return ""
    terms_text = _render(node, None, tables, None)
    return terms_text if len(list(terms(node))) == 1 else f"{terms_text} = {value}"


def _domain(table: StandardTable, axis: str) -> list[str]:
    if axis == "row":
        return [r.key for r in table.rows if r.key]
    present = {k for r in table.rows for k in r.cells}
    return [c.key for c in dict.fromkeys(table.spec.columns) if c.key in present and c.block is None] or \
        sorted(present)


def _holds(left: Decimal, op: str, right: Decimal) -> bool:
    if op == "==":
        return left == right
    return left <= right if op == "<=" else left >= right  # the grammar has no other operator


def _bind(ref: Ref, each: str | None) -> Ref:
    if ref.row != EACH and ref.column != EACH:
        return ref  # nothing to bind (refs are immutable)
    return Ref(ref.table, each if ref.row == EACH else ref.row, each if ref.column == EACH else ref.column,
               ref.line, ref.col)


def _term(index: "_Index", total: bool, row: str, column: str) -> Decimal | None:
    """The value of one cell (``total``: of the sum of the cells) ``t[row, column]`` names,
    None when unknown: a row without one of the columns (its values could not be placed
    makes the sum unknown, not smaller), a cell without a number, no cell or (one cell)
    several."""
    columns = index.columns(column)
    numbers = []
    for found in index.rows(row):
        cells = found.cells
        for key in columns:
            cell = cells.get(key)
            if cell is None:
                return None
            number = cell.value.number
            if number is None:
                return None
            numbers.append(number)
    if total:
        return sum(numbers, Decimal(0)) if numbers else None
    return numbers[0] if len(numbers) == 1 else None


def _leaves(ref: Ref, total: bool, elements: list, tables: Tables) -> list[Decimal | None]:
    """The value of ``ref`` (``total``: of ``sum(ref)``) with ``_`` bound to each element in
    turn, None where unknown.  Kept on the table's index: the rules' identities and
    cross-checks name the same cells again and again (t2[total, _] in four rules)."""
    table = tables(ref.table)
    if table is None:
        return [None] * len(elements)
    index = table.__dict__.get("_index") or table.__dict__.setdefault("_index", _Index(table))
    values, found = index.values, []
    for each in elements:
        key = (total, each if ref.row == EACH else ref.row, each if ref.column == EACH else ref.column)
        if key in values:
            found.append(values[key])
        else:
            found.append(values.setdefault(key, _term(index, *key)))
    return found


def _wildcard(pattern: str) -> bool:
    return "*" in pattern or "?" in pattern or "[" in pattern


class _Index:
    """A standard table's rows by key and the column keys it has, in the format's order:
    identities look up cells thousands of times per report."""

    def __init__(self, table: StandardTable):
        self.keyed = [row for row in table.rows if row.key]
        self.by_key: dict[str, list] = {}
        for row in self.keyed:
            self.by_key.setdefault(row.key, []).append(row)
        present = {key for row in table.rows for key in row.cells}
        self.present = [key for key in dict.fromkeys(c.key for c in table.spec.columns) if key in present]
        self.present_set = set(self.present)
        self.matching: dict[str, list] = {}  # row key or pattern → rows
        self.matching_columns: dict[str, list[str]] = {}  # column key or pattern → column keys
        self.values: dict[tuple[bool, str, str], Decimal | None] = {}  # (sum?, row, column) → value, None: unknown

    def rows(self, pattern: str) -> list:
        found = self.matching.get(pattern)
        if found is None:
            found = self.matching[pattern] = [row for row in self.keyed if fnmatchcase(row.key, pattern)] \
                if _wildcard(pattern) else self.by_key.get(pattern, [])
        return found

    def columns(self, pattern: str) -> list[str]:
        found = self.matching_columns.get(pattern)
        if found is None:
            found = self.matching_columns[pattern] = [key for key in self.present if fnmatchcase(key, pattern)] \
                if _wildcard(pattern) else [pattern] if pattern in self.present_set else []
        return found


def _value(node, each, tables: Tables, found: Decimal | None = None) -> Decimal:
    value = _values(node, [each], tables, found)[0]
    if value is None:
        raise _Unknown
    return value


def _values(node, elements: list, tables: Tables, found: Decimal | None = None) -> list[Decimal | None]:
    """The value of ``node`` for each element ``_`` stands for (None: unknown), the tree
    walked once for all of them rather than once per row or column of the table."""
    kind = type(node)
    if kind is Binary:
        add = node.op == "+"
        return [None if a is None or b is None else (a + b if add else a - b)
                for a, b in zip(_values(node.left, elements, tables, found),
                                _values(node.right, elements, tables, found))]
    if kind is Ref:
        return _leaves(node, False, elements, tables)
    if kind is Total:
        return _leaves(node.ref, True, elements, tables)
    if kind is Number:
        return [node.value] * len(elements)
    if kind is Found:
        return [found] * len(elements)  # None: no number found, unknown
    raise TypeError(node)  # pragma: no cover - the grammar has no other node


def show(number: Decimal) -> str:
    """A number as a report writes it: 27, 1286.45 (no exponent, no trailing zeros)."""
    text = format(number.normalize(), "f")
    return text


def _render(node, each, tables: Tables, axis) -> str:
    """“（七）总计 0 + 四、结转下年度继续办理 0”: each term named, with its value."""
    parts = []
    for sign, term in terms(node):
        name = _name(term, tables, axis)
        try:
            value = show(_value(term, each, tables))
        except _Unknown:
            value = "?"
        text = f"{name} {value}" if name else value
        parts.append(text if not parts and sign == "+" else f"{sign} {text}")
    return " ".join(parts)


def _name(term, tables: Tables, axis) -> str:
    if isinstance(term, (Number, Found)):
        return "正文" if isinstance(term, Found) else ""
    ref = term.ref if isinstance(term, Total) else term
    table = tables(ref.table)
    spec = table.spec
    row = spec.pattern_name(ref.row) if "*" in ref.row else spec.row_name(ref.row)
    column = spec.pattern_name(ref.column) if "*" in ref.column else spec.column_name(ref.column)
    if ref.row == EACH:
        name = column
    elif ref.column == EACH or (axis and axis[0] == "column"):
        name = row
    elif len(spec.rows) == 1:
        name = column
    else:
        name = f"{row}·{column}"
    return f"{name}合计" if isinstance(term, Total) else name
