"""Recognise the standard tables (rules/tables.yaml) among the tables of a document.

Each table the readers found is given to the standard table whose labels it holds
most of; consecutive pieces of one standard table (the four blocks of table 1 as
four Markdown tables, table 3 split by group) are put together.  Every data row is
named by the label it ends with (``三、本年度办理结果 （三）不予公开 1.属于国家秘密``
ends with 属于国家秘密), or, when the label was damaged in copying, by the closest
expected label (a warning says so).  Columns come from the header: by column where
the source keeps them aligned (pipe, HTML), else by the known nesting of the header
groups, which fixes the reading order of header cells (申请人情况 → 自然人 · 法人或其他组织
· 总计 → 商业企业 …).  What cannot be placed is noted, never guessed: a row with more
or fewer values than the header has columns keeps its values unassigned.
"""

from collections import Counter
from typing import NamedTuple

from linter.tables import labels
from linter.tables.catalogue import Entry, Spec, catalogue
from linter.tables.labels import Token, Traced
from linter.tables.model import Cell, Table

APPROXIMATE = 0.75  # similarity above which a damaged label still names its row
MIN_SCORE = 2  # how much of a standard table's wording a table must hold to be one (see score)
LONG_LABEL = 8
MEMO_MAX = 1024  # steps kept per standard table (Spec.memo): headers decoded, columns named


class StdRow:
    """A row of a report's table matched to the standard table's rows."""

    def __init__(self, entry: Entry | None, label: Cell | None, values: list[Cell], cells: dict[str, Cell],
                 block: str | None = None, approximate: bool = False, source: Table | None = None):
        self.entry = entry  # None: a label matching no row of the table
        self.label = label  # the row's own label as written (its group's label excluded)
        self.values = values
        self.cells = cells  # column key → cell, for the values that could be placed
        self.block = block
        self.approximate = approximate  # the label only resembles the standard one
        self.source = source  # the table (piece) it was read from

    @property
    def key(self) -> str | None:
        return self.entry.key if self.entry else None

    @property
    def line(self) -> int:
        return self.label.line if self.label else self.values[0].line

    def anchor(self) -> Cell:
        """Where findings about the whole row point."""
        if self.label:
            # a value spanned down from an earlier row (rowspan) stands above the label: it
            # cannot end the span
            later = [v for v in self.values if (v.last_line, v.end_column) >= (self.label.line, self.label.end_column)]
            end = later[-1] if later else self.label
            return Cell(self.label.text, self.label.line, self.label.column, end.end_column,
                        end_line=end.last_line if end.last_line != self.label.line else None)
        return self.values[0]


class StdColumn:
    """A column of a report's table matched to the standard table's columns."""

    def __init__(self, entry: Entry | None, label: Cell | None, block: str | None = None, source: Table | None = None):
        self.entry = entry
        self.label = label
        self.block = block
        self.source = source

    @property
    def key(self) -> str | None:
        return self.entry.key if self.entry else None


class Mark(NamedTuple):
    """A label printed in one format version only (本年新制作数量 → 2019)."""

    version: str
    name: str
    cell: Cell


class Note(NamedTuple):
    """A reading problem: ``row-length`` (values ≠ columns) or ``header`` (not the standard
    header; values placed in the standard order)."""

    kind: str
    cell: Cell
    fields: dict


class StandardTable:
    """One of the standard tables as the report fills it in, from one or more pieces."""

    def __init__(self, spec: Spec, sources: list[Table] | None = None, rows: list[StdRow] | None = None,
                 columns: list[StdColumn] | None = None, blocks: list[tuple[str, Cell]] | None = None,
                 marks: list[Mark] | None = None, notes: list[Note] | None = None):
        self.spec = spec
        self.sources = [] if sources is None else sources
        self.rows = [] if rows is None else rows
        self.columns = [] if columns is None else columns
        self.blocks = [] if blocks is None else blocks  # table 1: block headers seen
        self.marks = [] if marks is None else marks
        self.notes = [] if notes is None else notes

    @property
    def number(self) -> int:
        return self.spec.number

    @property
    def line(self) -> int:
        return min(t.line for t in self.sources)

    @property
    def end_line(self) -> int:
        return max(t.end_line for t in self.sources)

    @property
    def version(self) -> str | None:
        """The format the labels follow: the version most of the one-version labels belong to."""
        votes = Counter(m.version for m in self.marks).most_common()
        if not votes or (len(votes) > 1 and votes[0][1] == votes[1][1]):
            return None
        return votes[0][0]

    def row(self, key: str) -> StdRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def cell(self, row: str, column: str) -> Cell | None:
        found = self.row(row)
        return found.cells.get(column) if found else None

    def value(self, row: str, column: str):
        cell = self.cell(row, column)
        return cell.value.number if cell else None

    def cell_keys(self) -> set[tuple[str, str]]:
        return {(r.key, c) for r in self.rows if r.key for c in r.cells}


_MISSING = object()


def _kept(spec: Spec, key: tuple, compute):
    """``compute()``, kept in ``spec.memo`` under ``key`` (at most MEMO_MAX steps, then the memo
    starts again): the same tables and headers come back in every report."""
    memo = spec.memo
    found = memo.get(key, _MISSING)
    if found is _MISSING:
        if len(memo) >= MEMO_MAX:
            memo.clear()
        found = memo[key] = compute()
    return found


# ---------------------------------------------------------------- classification

def score(spec: Spec, table: Table, text: str | None = None) -> int:
    """How much of ``spec``'s wording the table's text holds: each distinct label counts one,
    a long one (一、本年新收政府信息公开申请数量) two, since no other table could hold it.
    ``text``: the table's ``words``, when already known."""
    text = words(table) if text is None else text
    return _kept(spec, ("score", text), lambda: _score(spec, text))


def _score(spec: Spec, text: str) -> int:
    labelled = {t.label for t in labels.segment(text, spec.vocabulary) if t.label in spec.distinctive}
    return sum(2 if len(label) >= LONG_LABEL else 1 for label in labelled)


def words(table: Table) -> str:
    """The label keys of the caption and of the cells that hold words, each cell once."""
    cells = ([table.caption] if table.caption else []) + [c for r in table.rows for c in r.cells
                                                          if c.value.kind == "text"]
    return "".join(labels.key(c.text) for c in dict.fromkeys(cells))


def classify(table: Table, previous: Spec | None = None) -> Spec | None:
    """The standard table ``table`` is (a piece of).  A piece right after another piece of
    the same table needs less to go on (a one-row table 予以公开 | 290 | … between pieces)."""
    text = words(table)
    scores = [(score(spec, table, text), -spec.number, spec) for spec in catalogue().values()]
    best, _, spec = max(scores, key=lambda s: s[:2])
    if best >= MIN_SCORE or (best and previous is spec):
        return spec
    return None


# ---------------------------------------------------------------- reading one table

def _split(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Leading label cells and the value cells after them (spans counted once)."""
    unique = list(dict.fromkeys(cells))
    for index, cell in enumerate(unique):
        if cell.value.kind != "text":
            return unique[:index], unique[index:]
    return unique, []


class _Reader:
    """Reads the rows of one source table as rows of one standard table."""

    def __init__(self, spec: Spec, into: StandardTable):
        self.spec, self.out = spec, into
        self.block: str | None = None
        self.columns: list[StdColumn] | None = None  # value columns in order
        self.used: set[str] = {r.key for r in into.rows if r.key}
        self.first: dict[str, StdRow] = {}  # the first row of each key in ``into`` (StandardTable.row)
        for row in into.rows:
            if row.key:
                self.first.setdefault(row.key, row)
        self.source: Table | None = None
        # whether the reading looked at the marks ``into`` held before (see recognise); the
        # rows ``into`` held only change the rows the piece's own rows are taken for
        self.looked_back = False

    # ---- tokens
    def _kind(self, token: Token, kinds: tuple[str, ...]):
        if token.label:  # a loop, not next(generator): asked ~200 times a table
            for meaning in self.spec.vocabulary.get(token.label, ()):
                if meaning[0] in kinds:
                    return meaning
        return None

    def _mark(self, entry: Entry, cell: Cell | None) -> None:
        if cell is not None and entry.only():
            self.out.marks.append(Mark(entry.only(), entry.name, cell))

    # ---- rows
    def split(self, cells: list[Cell], words: bool) -> tuple[list[Cell], list[Cell]]:
        """Label cells and value cells.  Where cells are real cells (``words``: not PDF text,
        whose lines of words are label fragments), a value written in words (行政强制 | 暂无)
        is a value when the cells before it are a whole row label and it is no label."""
        own, values = _split(cells)
        for k in range(len(own) - 1, 0, -1) if words else ():
            if self._holds_label(own[k]):
                break  # it would be among the values of every shorter label too
            # (asked first: the key of each longer run of cells is costly to make the first time)
            if self._ends_with_row_label(own[:k]):
                return own[:k], own[k:] + values
        return own, values

    def _ends_with_row_label(self, cells: list[Cell]) -> bool:
        return labels.key("".join(c.text for c in cells)).endswith(self.spec.row_labels)

    def _holds_label(self, cell: Cell) -> bool:
        return any(t.label for t in labels.segment(labels.key(cell.text), self.spec.vocabulary))

    def match_row(self, traced: Traced, own: list[Cell]) -> tuple[Entry | None, int, bool]:
        """(row, where its label starts in ``traced.key``, approximate?)."""
        key = traced.key
        candidates = [(len(label), entry) for label, entries in self.spec.row_entries_by_last.get(key[-1:], ())
                      if key.endswith(label) for entry in entries]
        if candidates:
            length = max(c[0] for c in candidates)
            best = [e for n, e in candidates if n == length]
            entry = next((e for e in best if e.block == self.block), best[0])
            return entry, len(traced.key) - length, False
        # a label damaged in copying (其他法律行政止公开): the closest expected one, if close
        # enough, over the last one to three cells (a PDF label comes in fragments)
        found = None
        for count in range(1, min(3, len(own)) + 1):
            text = labels.key("".join(c.text for c in own[-count:]))
            entry, ratio = self._approximate(labels.strip_numbering(text))
            if entry and (found is None or ratio > found[2]):
                found = (entry, len(traced.key) - len(text), ratio)
        if found:
            return found[0], found[1], True
        blank = next((r for r in self.spec.rows if not r.labels), None)
        if blank is not None:
            return blank, len(traced.key), False
        last = len(labels.key(own[-1].text)) if own else 0
        return None, len(traced.key) - last, False

    def _approximate(self, text: str) -> tuple[Entry | None, float]:
        best, best_ratio = None, APPROXIMATE
        for entry in self.spec.rows:
            if entry.key in self.used:
                continue
            for label in entry.labels:
                ratio = labels.similar(text, label)
                if ratio >= best_ratio:
                    best, best_ratio = entry, ratio
        return best, best_ratio

    def data_row(self, header: list[Cell], own: list[Cell], values: list[Cell], heads=None) -> None:
        """A row with values: ``own`` its label cells, ``header`` the cells read since the last
        data row (header rows, a caption, group labels on lines of their own)."""
        if not own and not any(c.value.is_numeric for c in values) and any(r.labels for r in self.spec.rows):
            return  # a row of dashes under a header and nothing else: no data to read
        traced = Traced.of(own)
        entry, start, approximate = self.match_row(traced, own)
        if start < len(traced.key):
            # the label's cell may open with its numbering (一、 （三） 1.): part of the label
            first = traced.cell_start(start)
            if not labels.strip_numbering(traced.key[first:start]):
                start = first
        prefix = Traced.of(header).plus(traced, start)
        if entry is not None and entry.block and entry.block != self.block and not self._names_block(prefix):
            self._enter_block(entry.block)  # the block header is missing: the row tells the block
        self.header(prefix, heads)
        label = traced.cell(start, len(traced.key))
        if entry is None and own:
            label = own[-1]
        if entry is not None:
            self._mark(entry, label)
            self.used.add(entry.key)
        block = entry.block if entry is not None and entry.block else self.block
        row = StdRow(entry, label, values, {}, block=block, approximate=approximate, source=self.source)
        self._place(row)
        earlier = self.first.get(entry.key) if entry is not None else None
        if earlier is not None and row.cells and not (earlier.cells.keys() & row.cells.keys()):
            earlier.values += values  # the same row in another piece (table 3 split by group)
            earlier.cells.update(row.cells)
            return
        self.out.rows.append(row)
        if entry is not None:
            self.first.setdefault(entry.key, row)

    def _names_block(self, traced: Traced) -> bool:
        return any(self._kind(t, ("block",)) for t in labels.segment(traced.key, self.spec.vocabulary))

    def _place(self, row: StdRow) -> None:
        columns = self.columns
        if columns is None:
            columns = self._standard_columns()
            if columns and row.values:
                self._note_header(row.values[0], "表头缺失 (no header)")
                self.columns = columns
        if not row.values or not columns:
            return
        if len(row.values) != len(columns):
            label = row.entry.name if row.entry else (row.label.text if row.label else "（无标签）")
            self.out.notes.append(Note("row-length", row.anchor(), {"found": len(row.values),
                                                                     "expected": len(columns), "label": label}))
            return
        for column, cell in zip(columns, row.values):
            if column.entry is not None:
                row.cells.setdefault(column.entry.key, cell)

    # ---- headers
    def _enter_block(self, key: str) -> None:
        self.block = key
        self.columns = None

    def _standard_columns(self) -> list[StdColumn]:
        """The columns the format prints, for tables 2 and 3 (one set in both versions) and
        for the current block of table 1 when the header's labels tell the version."""
        if self.spec.blocks:
            self.looked_back = True
            versions = {m.version for m in self.out.marks}
            version = versions.pop() if len(versions) == 1 else None
            if version is None or self.block is None:
                return []
            return [StdColumn(e, None, self.block) for e in self.spec.columns_for(version, self.block)]
        return [StdColumn(e, None) for e in self.spec.columns_for("2021")]

    def _note_header(self, cell: Cell, detail: str) -> None:
        if not any(n.kind == "header" for n in self.out.notes):
            self.out.notes.append(Note("header", cell, {"detail": detail}))

    def header(self, traced: Traced, heads=None) -> None:
        """Header text met before a data row: block header, corner, groups, column labels.
        Group labels of rows (三、本年度办理结果) and unmatched fragments of them are skipped."""
        tokens = labels.segment(traced.key, self.spec.vocabulary)
        for token in tokens:
            block = self._kind(token, ("block",))
            if block:
                self._enter_block(block[1].key)
                self.out.blocks.append((block[1].key, traced.cell(token.start, token.end)))
                for version in block[1].versions if len(block[1].versions) == 1 else ():
                    self.out.marks.append(Mark(version, block[1].name, traced.cell(token.start, token.end)))
        if heads is not None:
            self._set_columns(heads)
            return
        if not any(self._kind(t, ("column", "group", "corner")) for t in tokens):
            return
        leaves = decode([t for t in tokens if not self._kind(t, ("block", "row_group"))
                         and (t.label is not None or self._header_text(t, traced))], self.spec)
        heads = [(traced.cell(t.start, t.end), t, path) for t, path in leaves
                 if not self._kind(t, ("corner",))]
        self._set_columns(heads)

    def _header_text(self, token: Token, traced: Traced) -> bool:
        """Unmatched header text counts as an (unknown) column only when it is a whole cell."""
        return traced.whole(token.start, token.end)

    def _set_columns(self, heads: list) -> None:
        columns = [self._column(cell, token, path) for cell, token, path in heads]
        keys = [c.entry.key for c in columns if c.entry]
        if len(keys) < len(columns) or len(set(keys)) < len(keys):
            standard = self._standard_columns()
            if standard and len(standard) == len(columns):  # the usual shape under other words
                self._note_header(next((c.label for c in columns if c.label), None) or Cell("", 1, 1, 1),
                                  "表头与标准格式不符 (header not as in the format)")
                columns = [StdColumn(s.entry, c.label, self.block) for s, c in zip(standard, columns)]
        for column in columns:
            column.source = self.source
        self.columns = columns
        self.out.columns += columns

    def _column(self, cell: Cell | None, token: Token, path: tuple[str, ...]) -> StdColumn:
        entry = _column_entry(self.spec, token.label, path, self.block if self.spec.blocks else None)
        if entry is not None:
            self._mark(entry, cell)
        return StdColumn(entry, cell, self.block)

    # ---- sources
    def read_sequence(self, table: Table) -> None:
        """Flattened and PDF tables: cells in reading order."""
        pending: list[Cell] = [table.caption] if table.caption else []
        for row in table.rows:
            own, values = self.split(row.cells, words=table.source != "pdf")
            if not values:
                pending += own
                continue
            self.data_row(pending, own, values)
            pending = []
        if pending:
            self.header(Traced.of(pending))

    def read_grid(self, table: Table) -> None:
        """Pipe and HTML tables: the header cells above each value column name it."""
        header_rows: list[list[Cell]] = []
        caption = [table.caption] if table.caption else []
        for row in table.rows:
            own, values = self.split(row.cells, words=True)
            if not values:
                header_rows.append(row.cells)
                continue
            heads = None
            if header_rows:
                heads = self._grid_heads(caption, header_rows, len(row.cells) - len(values), len(row.cells))
                if not any(self._kind(token, ("column",)) for _, token, _ in heads):
                    heads = None  # not a header these labels name: read it in order
            header = caption + list(dict.fromkeys(c for r in header_rows for c in r))
            self.data_row(header, own, values, heads)
            header_rows, caption = [], []
        if header_rows:
            self.header(Traced.of(caption + list(dict.fromkeys(c for r in header_rows for c in r))))

    def _grid_heads(self, caption: list[Cell], rows: list[list[Cell]], first: int, width: int):
        heads = []
        for index in range(first, width):
            cells = list(dict.fromkeys(r[index] for r in rows if index < len(r) and r[index].text))
            traced = Traced.of(caption + cells)
            tokens = [t for t in labels.segment(traced.key, self.spec.vocabulary)
                      if not self._kind(t, ("block", "row_group", "corner"))]
            if not tokens:
                heads.append((cells[-1] if cells else None, Token(0, 0, None), ()))
                continue
            leaf = tokens[-1]
            path = tuple(t.label for t in tokens[:-1] if t.label)
            heads.append((traced.cell(leaf.start, leaf.end), leaf, path))
        return heads


def _column_entry(spec: Spec, label: str | None, path: tuple[str, ...], block: str | None) -> Entry | None:
    """The column a header label names under the groups ``path`` (in table 1's ``block``),
    None when none fits.  Kept in ``spec.memo``: the same headers come back in every report."""
    return _kept(spec, ("column", label, path, block), lambda: _fitting_column(spec, label, path, block))


def _fitting_column(spec: Spec, label: str | None, path: tuple[str, ...], block: str | None) -> Entry | None:
    meanings = [m[1] for m in spec.vocabulary.get(label, ()) if m[0] == "column"] if label else []
    if spec.blocks:
        meanings = [e for e in meanings if e.block == block] or meanings
    fitting = [e for e in meanings if all(w in path for w in e.within)]
    if len(fitting) > 1:  # 行政诉讼（未经复议直接起诉）: the nearest group decides
        fitting.sort(key=lambda e: max((path.index(w) for w in e.within), default=-1), reverse=True)
    return fitting[0] if fitting else None


def decode(tokens: list[Token], spec: Spec) -> list[tuple[Token, tuple[str, ...]]]:
    """Header cells read row by row (spans lost) back into columns: a group label
    (``groups`` in rules/tables.yaml) owns the next ``children`` cells of the row below.
    Returns the leaves left to right with the labels of the groups above them."""
    return [(tokens[i], path) for i, path in _decoded(tuple(t.label for t in tokens), spec)]


def _decoded(names: tuple[str | None, ...], spec: Spec) -> list[tuple[int, tuple[str, ...]]]:
    """``decode`` over the tokens' labels alone, which are all it depends on: (index, path) of
    the leaves.  Kept per table (bounded): reports print the same headers, and each tries
    every number of top-level groups."""
    return _kept(spec, ("decode", names), lambda: _best_decoding(names, spec))


def _best_decoding(names: tuple[str | None, ...], spec: Spec) -> list[tuple[int, tuple[str, ...]]]:
    best: tuple | None = None
    for roots in range(1, len(names) + 1):
        leaves = _decode(names, roots, spec)
        if leaves is not None:
            fitting = sum(1 for i, _ in leaves if names[i])
            if best is None or fitting > best[0]:
                best = (fitting, leaves)
    return best[1] if best else [(i, ()) for i in range(len(names))]


def _decode(names: tuple[str | None, ...], roots: int, spec: Spec):
    nodes = [[i, (), []] for i in range(len(names))]  # token index, path, children
    level, position = nodes[:roots], roots
    while level:
        following = []
        for node in level:
            label = names[node[0]]
            count = spec.group_children.get(label, 0) if label else 0
            if position + count > len(nodes):
                return None
            node[2] = nodes[position: position + count]
            for child in node[2]:
                child[1] = node[1] + (label,)
            following += node[2]
            position += count
        level = following
    if position != len(nodes):
        return None
    leaves: list = []

    def walk(node):
        if node[2]:
            for child in node[2]:
                walk(child)
        elif not spec.group_children.get(names[node[0]] or "", 0):
            leaves.append((node[0], node[1]))

    for node in nodes[:roots]:
        walk(node)
    return leaves


def read(spec: Spec, table: Table, into: StandardTable) -> _Reader:
    """Read ``table`` into ``into``; the reader tells what the reading depended on."""
    reader = _Reader(spec, into)
    reader.source = table
    if table.grid:
        reader.read_grid(table)
    else:
        reader.read_sequence(table)
    into.sources.append(table)
    return reader


# ---------------------------------------------------------------- the document

def recognise(tables: list[Table], parts: list[tuple[int, int]] = ()) -> list[StandardTable]:
    """The standard tables, in document order; pieces of one table put together.
    ``parts``: line ranges of the report's parts; a table does not continue across them."""
    found: list[StandardTable] = []
    current: dict[int, StandardTable] = {}
    previous: tuple[Spec, int] | None = None
    for table in tables:
        part = next((i for i, (a, b) in enumerate(parts) if a <= table.line <= b), None)
        spec = classify(table, previous[0] if previous and previous[1] == part else None)
        if spec is None:
            continue
        previous = (spec, part)
        target = current.get(spec.number)
        if target is None:
            target = _start(spec, found, current)
            read(spec, table, target)
            continue
        # Whether the piece repeats cells already read (then it starts another table) needs
        # it read on its own; that reading is kept rather than done again where it is the
        # same as reading into the table: always for a new table, and for a piece whose
        # reading did not look back at the table and that takes none of its rows (table 1's
        # blocks, table 2 in pieces)
        trial = StandardTable(spec)
        reader = read(spec, table, trial)
        if not reader.looked_back and not _row_keys(trial) & _row_keys(target):
            _append(target, trial)  # no row in common: no cell in common either
        elif trial.cell_keys() & target.cell_keys():
            found.append(trial)
            current[spec.number] = trial
        else:
            read(spec, table, target)
    return [t for t in found if t.rows]


def _start(spec: Spec, found: list[StandardTable], current: dict[int, StandardTable]) -> StandardTable:
    target = StandardTable(spec)
    found.append(target)
    current[spec.number] = target
    return target


def _row_keys(table: StandardTable) -> set[str]:
    return {r.key for r in table.rows if r.key}


def _append(target: StandardTable, piece: StandardTable) -> None:
    """What reading the piece into ``target`` would have added, the piece's rows being other
    rows than the target's (none is completed) and its reading not looking back."""
    target.sources += piece.sources
    target.rows += piece.rows
    target.columns += piece.columns
    target.blocks += piece.blocks
    target.marks += piece.marks
    noted = any(n.kind == "header" for n in target.notes)  # one header note per table
    target.notes += [n for n in piece.notes if not (noted and n.kind == "header")]
