"""How a recognised standard table departs from its format: rows and columns missing,
unknown or out of order, rows of the wrong length, damaged labels, a header not as
printed, and tables too damaged to read at all.  Computed once per table and
report regime; the ``table-structure`` check kind reports one kind of issue each."""

from typing import NamedTuple

from linter.tables.catalogue import VERSIONS, Entry
from linter.tables.model import Cell
from linter.tables.recognise import StandardTable

ISSUES = ("missing-row", "missing-column", "unknown-row", "unknown-column", "order", "row-length",
          "altered-label", "header", "unreadable")
UNREADABLE = 3  # unknown rows or rows of the wrong length from which a table counts as unreadable


class Issue(NamedTuple):
    """A structural problem of a standard table, at a cell."""

    kind: str
    cell: Cell
    fields: dict


def version(table: StandardTable, regime: str | None) -> str:
    """The format to hold the table against: the one its labels follow, else the report's."""
    return table.version or (regime if regime in VERSIONS else VERSIONS[-1])


def unreadable(table: StandardTable) -> bool:
    unknown = sum(1 for r in table.rows if r.entry is None)
    short = sum(1 for n in table.notes if n.kind == "row-length")
    return unknown >= UNREADABLE or short >= UNREADABLE


def issues(table: StandardTable, regime: str | None) -> list[Issue]:
    """Every issue of the table (cached on it per regime)."""
    cache = table.__dict__.setdefault("_issues", {})
    if regime not in cache:
        if unreadable(table):
            unknown = sum(1 for r in table.rows if r.entry is None)
            cache[regime] = [Issue("unreadable", _first_cell(table), {"unknown": unknown, "rows": len(table.rows)})]
        else:
            cache[regime] = _issues(table, version(table, regime))
    return cache[regime]


def _first_cell(table: StandardTable) -> Cell:
    row = table.sources[0].rows[0]
    return row.cells[0]


def _issues(table: StandardTable, version: str) -> list[Issue]:
    out = _rows(table, version) + _columns(table, version)
    out += [Issue(n.kind, n.cell, dict(n.fields)) for n in table.notes]
    out += [Issue("altered-label", r.label, {"row": r.entry.name, "label": r.label.text})
            for r in table.rows if r.approximate and r.label]
    return sorted(out, key=lambda i: (i.cell.line, i.cell.column))


def _expected_rows(table: StandardTable, version: str) -> list[Entry]:
    rows = table.spec.rows_for(version)
    return list({r.key: r for r in rows}.values())


def _rows(table: StandardTable, version: str) -> list[Issue]:
    expected = _expected_rows(table, version)
    order = {e.key: i for i, e in enumerate(expected)}
    present = [r for r in table.rows if r.key in order]
    out = []
    for row in table.rows:
        if row.entry is None:
            out.append(Issue("unknown-row", row.label or row.values[0], {"label": _name(row)}))
    seen = {r.key for r in present}
    missing = []
    for entry in expected:
        if entry.key in seen:
            continue
        later = [r for r in present if order[r.key] > order[entry.key]]
        at = min(later, key=lambda r: r.line) if later else max(present or table.rows, key=lambda r: r.line)
        where = f"应位于“{_name(at)}”{'之前' if later else '之后'}"
        missing.append((at.anchor(), entry.name, where))
    if missing:  # one finding per table: a damaged table must not flood the report
        out.append(Issue("missing-row", missing[0][0], {"row": "、".join(m[1] for m in missing),
                                                        "position": missing[0][2], "count": len(missing)}))
    for source in table.sources:  # order within each piece: pieces may be apart (blocks, groups)
        out += _order([(r, order[r.key], r.entry.name) for r in present if r.source is source], "行",
                      lambda row: row.anchor())
    return out


def _name(row) -> str:
    return row.entry.name if row.entry else row.label.text if row.label else "（无标签的行）"


def _order(items: list[tuple[object, int, str]], what: str, cell_of) -> list[Issue]:
    """One issue at the first of the items (row or column, place in the format, name) out of
    the format's order, naming them all; ``cell_of`` tells where an item is (asked only of
    the one reported at)."""
    keep = _in_order([index for _, index, _ in items])
    late = [item for position, item in enumerate(items) if position not in keep]
    if not late:
        return []
    return [Issue("order", cell_of(late[0][0]), {"what": what, "label": "、".join(name for _, _, name in late)})]


def _columns(table: StandardTable, version: str) -> list[Issue]:
    out = []
    blocks = sorted({r.block for r in table.rows if r.entry is not None}, key=str) if table.spec.blocks else [None]
    for block in blocks:
        expected = list({c.key: c for c in table.spec.columns_for(version, block)}.values())
        order = {e.key: i for i, e in enumerate(expected)}
        columns = [c for c in table.columns if c.block == block] if block else table.columns
        seen: dict[str, object] = {}
        for column in columns:
            if column.entry is None and column.label is not None:
                out.append(Issue("unknown-column", column.label, {"label": column.label.text}))
            elif column.key in order and column.key not in seen:
                seen[column.key] = column
        placed = {k for r in table.rows if r.block == block for k in r.cells}
        rows = [r for r in table.rows if r.block == block and r.entry is not None] or table.rows
        missing = [e.name for e in expected if e.key not in seen and e.key not in placed]
        if missing:
            at = next((c.label for c in columns if c.label is not None), None) or rows[0].anchor()
            out.append(Issue("missing-column", at, {"column": "、".join(missing), "count": len(missing)}))
        labelled = [c for c in seen.values() if c.label is not None]
        for source in table.sources:
            out += _order([(c, order[c.key], c.entry.name) for c in labelled if c.source is source], "列",
                          lambda column: column.label)
    return out


def _in_order(indices: list[int]) -> set[int]:
    """Positions of a longest increasing run of ``indices`` (the others are out of order)."""
    if not indices:
        return set()
    if all(a < b for a, b in zip(indices, indices[1:])):
        return set(range(len(indices)))  # in order, as nearly always: the run is all of them
    best = [1] * len(indices)
    back = [-1] * len(indices)
    for i in range(len(indices)):
        for j in range(i):
            if indices[j] < indices[i] and best[j] + 1 > best[i]:
                best[i], back[i] = best[j] + 1, j
    i = max(range(len(indices)), key=lambda k: best[k])
    keep = set()
    while i != -1:
        keep.add(i)
        i = back[i]
    return keep
