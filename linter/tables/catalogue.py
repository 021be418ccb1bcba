"""The standard tables as data (``rules/tables.yaml``): canonical keys and the label
variants of every row and column, per format version."""

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from linter import yamlsource
from linter.document import normalize
from linter.tables import labels

VERSIONS = ("2019", "2021")
VALUE_KINDS = ("count", "signed", "amount")


# Spec, below, stays a dataclass: its cached properties need an instance __dict__.
class Entry(NamedTuple):
    """A row or a column of a standard table."""

    key: str
    name: str
    labels: tuple[str, ...]  # label keys (linter.tables.labels.key)
    versions: tuple[str, ...] = VERSIONS
    value: str = "count"
    within: tuple[str, ...] = ()  # label keys of header groups that must stand above
    block: str | None = None  # table 1: the block (第二十条第（X）项) it belongs to
    label: str = ""  # the standard label as the format prints it, without its numbering

    def only(self) -> str | None:
        """The one format version that has this entry, if only one does."""
        return self.versions[0] if len(self.versions) == 1 else None


class Block(NamedTuple):
    """A block of table 1 (第二十条第（X）项): its label, rows and columns."""

    key: str
    name: str
    labels: tuple[str, ...]
    versions: tuple[str, ...]
    rows: tuple[Entry, ...]
    columns: tuple[Entry, ...]


class Group(NamedTuple):
    """Header labels that stand over several columns."""

    labels: tuple[str, ...]
    children: int


@dataclass(frozen=True)
class Spec:
    """One standard table."""

    number: int
    name: str  # 表一
    title: str
    part: str  # key in rules/sections.yaml
    anchors: tuple[str, ...]  # normalised line starts that open the table in PDF text
    corner: tuple[str, ...]
    groups: tuple[Group, ...]
    row_groups: tuple[str, ...]
    rows: tuple[Entry, ...]
    columns: tuple[Entry, ...]
    blocks: tuple[Block, ...] = field(default=())
    sums: tuple[tuple[str, str], ...] = ()  # key pattern → how messages name the cells it adds

    def pattern_name(self, pattern: str) -> str:
        return dict(self.sums).get(pattern, pattern)

    def rows_for(self, version: str) -> list[Entry]:
        return [r for r in self.rows if version in r.versions]

    def columns_for(self, version: str, block: str | None = None) -> list[Entry]:
        return [c for c in self.columns if version in c.versions and (block is None or c.block == block)]

    def blocks_for(self, version: str) -> list[Block]:
        return [b for b in self.blocks if version in b.versions]

    def row_keys(self) -> set[str]:
        return {r.key for r in self.rows}

    def column_keys(self) -> set[str]:
        return {c.key for c in self.columns}

    def row_name(self, key: str) -> str:
        return next((r.name for r in self.rows if r.key == key), key)

    def column_name(self, key: str) -> str:
        return next((c.name for c in self.columns if c.key == key), key)

    @cached_property
    def group_children(self) -> dict[str, int]:
        return {label: g.children for g in self.groups for label in g.labels}

    @cached_property
    def vocabulary(self) -> dict[str, tuple]:
        """Every label key of the table → what it can be: ("block", Block), ("corner",),
        ("group",), ("row_group",), ("row", Entry), ("column", Entry)."""
        vocab: dict[str, list] = {}
        for block in self.blocks:
            for label in block.labels:
                vocab.setdefault(label, []).append(("block", block))
        for label in self.corner:
            vocab.setdefault(label, []).append(("corner",))
        for label in self.group_children:
            vocab.setdefault(label, []).append(("group",))
        for label in self.row_groups:
            vocab.setdefault(label, []).append(("row_group",))
        for entry in self.rows:
            for label in entry.labels:
                vocab.setdefault(label, []).append(("row", entry))
        for entry in self.columns:
            for label in entry.labels:
                vocab.setdefault(label, []).append(("column", entry))
        return {k: tuple(v) for k, v in vocab.items()}

    @cached_property
    def row_labels(self) -> tuple[str, ...]:
        """Label keys that name a row (a tuple, for ``str.endswith``)."""
        return tuple(label for label, meanings in self.vocabulary.items()
                     if label and any(m[0] == "row" for m in meanings))

    @cached_property
    def row_entries(self) -> tuple[tuple[str, tuple[Entry, ...]], ...]:
        """(label key, the rows it names) for the labels in ``row_labels``, in the same order."""
        return tuple((label, tuple(m[1] for m in self.vocabulary[label] if m[0] == "row")) for label in self.row_labels)

    @cached_property
    def row_entries_by_last(self) -> dict[str, tuple[tuple[str, tuple[Entry, ...]], ...]]:
        """``row_entries`` by the last character of the label, in the same order: the labels a
        row's text can end with, without trying them all."""
        index: dict[str, list] = {}
        for label, entries in self.row_entries:
            index.setdefault(label[-1], []).append((label, entries))
        return {last: tuple(items) for last, items in index.items()}

    def build_indexes(self) -> None:
        """Build the derived tables ``linter.tables.recognise`` reads (``load`` does: the
        per-user cache then keeps them with the catalogue, and a run finds them built)."""
        for name in INDEXES:
            getattr(self, name)

    @cached_property
    def memo(self) -> dict:
        """Memo of the steps of ``linter.tables.recognise`` that depend on labels alone (a
        header decoded, a column named), kept and bounded there."""
        return {}

    @cached_property
    def distinctive(self) -> frozenset[str]:
        """Label keys long enough to tell this table from the others (总计, 其他 are not)."""
        return frozenset(label for label in self.vocabulary if len(label) >= 4)


# Spec's cached properties that depend on the catalogue alone: all but recognising's memo
INDEXES = tuple(name for name, value in vars(Spec).items() if isinstance(value, cached_property) and name != "memo")


def _labels(values) -> tuple[str, ...]:
    return tuple(labels.key(str(v)) for v in values or ())


def _entry(located, item, where, block=None) -> Entry:
    try:
        versions = tuple(str(v) for v in item.get("versions", VERSIONS))
        value = item.get("value", "count")
        if not set(versions) <= set(VERSIONS) or value not in VALUE_KINDS:
            raise ValueError(f"versions ⊆ {VERSIONS}, value ∈ {VALUE_KINDS}")
        return Entry(key=str(item["key"]), name=str(item.get("name", item["key"])), labels=_labels(item["labels"]),
                     versions=versions, value=value, within=_labels(item.get("within")), block=block,
                     label=str(item["labels"][0] if item["labels"] else item.get("name", item["key"])))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise located.error(f"表格条目不完整或无效 (row/column needs key, labels): {exc}", *where) from None


def _spec(located, number: str, body: dict) -> Spec:
    where = (number,)
    blocks, rows, columns = [], [], []
    for i, item in enumerate(body.get("blocks", ())):
        key = item["key"]
        b_rows = tuple(_entry(located, r, (*where, "blocks", i, "rows", j), key) for j, r in enumerate(item["rows"]))
        b_cols = tuple(_entry(located, c, (*where, "blocks", i, "columns", j), key)
                       for j, c in enumerate(item["columns"]))
        blocks.append(Block(key, item["name"], _labels(item["labels"]),
                            tuple(str(v) for v in item.get("versions", VERSIONS)), b_rows, b_cols))
        rows += b_rows
        columns += b_cols
    rows += [_entry(located, r, (*where, "rows", j)) for j, r in enumerate(body.get("rows", ()))]
    columns += [_entry(located, c, (*where, "columns", j)) for j, c in enumerate(body.get("columns", ()))]
    try:
        return Spec(number=int(number), name=body["name"], title=body["title"], part=body["part"],
                    anchors=tuple(normalize(a) for a in body["anchors"]), corner=_labels(body.get("corner")),
                    groups=tuple(Group(_labels(g["labels"]), int(g["children"])) for g in body.get("groups", ())),
                    row_groups=_labels(body.get("row_groups")), rows=tuple(rows), columns=tuple(columns),
                    blocks=tuple(blocks), sums=tuple((str(k), str(v)) for k, v in body.get("sums", {}).items()))
    except (KeyError, TypeError, ValueError) as exc:
        raise located.error(f"表格定义不完整 (table needs name, title, part, anchors): {exc}", *where) from None


def load(path: Path) -> dict[int, Spec]:
    located = yamlsource.load(str(path), path.read_text("utf-8"))
    if not isinstance(located.data, dict) or set(map(str, located.data)) != {"1", "2", "3"}:
        raise located.error("应定义表 1、2、3 (tables 1, 2 and 3)")
    specs = {}
    for number, body in located.data.items():
        try:
            specs[int(number)] = spec = _spec(located, str(number), body)
        except (KeyError, TypeError) as exc:
            raise located.error(f"表格定义不完整: {exc}", str(number)) from None
        spec.build_indexes()
    return specs


@cache
def catalogue() -> dict[int, Spec]:
    from linter.builtin import RULES_DIR
    from linter.cache import memo

    return memo("tables", RULES_DIR / "tables.yaml", load)


def anchors() -> tuple[str, ...]:
    return tuple(a for spec in catalogue().values() for a in spec.anchors)
