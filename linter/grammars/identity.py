"""Table identities (grammars/identity.lark) parsed into a small tree of named tuples.

The tree is evaluated by ``linter.tables.evaluate`` — our own interpreter, never
Python's ``eval``.  ``parse`` raises ``IdentityError`` with the line and column
(within the expression text) of what it could not read.
"""

# No ``from __future__ import annotations``: see linter/__init__.py (NamedTuple fields).

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from lark import Token, Transformer, v_args
from lark.exceptions import LarkError, UnexpectedInput

from linter.grammars import parser

EACH = "_"


class IdentityError(ValueError):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line, self.column = line, column


class Number(NamedTuple):
    """A constant in an identity."""

    value: Decimal


class Ref(NamedTuple):
    """One cell, ``t2[total, _]``; with ``*`` in a key only inside ``sum()``."""

    table: int
    row: str
    column: str
    line: int
    col: int

    @property
    def pattern(self) -> bool:
        return "*" in self.row or "*" in self.column

    def axis(self) -> str | None:
        return "row" if self.row == EACH else "column" if self.column == EACH else None


@dataclass(frozen=True)  # a NamedTuple without fields would be false, and equal to ()
class Found:
    """``value``: the number a cross-check rule read in the report's text."""


class Total(NamedTuple):
    """``total(ref)``: a row's or column's total cell."""

    ref: Ref


class Binary(NamedTuple):
    """``left + right`` or ``left - right``."""

    op: str  # "+" or "-"
    left: object
    right: object


class Identity(NamedTuple):
    """One checked relation between table cells, ``left op right``."""

    left: object
    op: str  # "==", "<=", ">="
    right: object
    line: int  # within the expression text

    def refs(self) -> list[Ref]:
        return list(_refs(self.left)) + list(_refs(self.right))

    def axis(self) -> tuple[str, int] | None:
        """("row" | "column", table) that ``_`` runs over, or None."""
        for ref in self.refs():
            if ref.axis():
                return ref.axis(), ref.table
        return None

    def uses_value(self) -> bool:
        return _has_found(self.left) or _has_found(self.right)

    def at(self) -> Ref:
        """The cell a failure is reported at: the first single cell of the left side
        (write the total being checked first), else of the right side."""
        for side in (self.left, self.right):
            for ref, in_sum in _refs_in(side):
                if not in_sum:
                    return ref
        return self.refs()[0]


def _has_found(node) -> bool:
    if isinstance(node, Found):
        return True
    return isinstance(node, Binary) and (_has_found(node.left) or _has_found(node.right))


def _refs(node):
    for ref, _ in _refs_in(node):
        yield ref


def _refs_in(node, in_sum=False):
    if isinstance(node, Ref):
        yield node, in_sum
    elif isinstance(node, Total):
        yield node.ref, True
    elif isinstance(node, Binary):
        yield from _refs_in(node.left, in_sum)
        yield from _refs_in(node.right, in_sum)


def terms(node, sign: str = "+"):
    """The additive terms of an expression with their signs, left to right."""
    if isinstance(node, Binary):
        yield from terms(node.left, sign)
        yield from terms(node.right, node.op if sign == "+" else ("+" if node.op == "-" else "-"))
    else:
        yield sign, node


@v_args(inline=True)
class _ToTree(Transformer):
    def start(self, *identities):
        return list(identities)

    def identity(self, left, op, right):
        return Identity(left, str(op), right, _first_line(left, right))

    def add(self, left, _op, right):
        return Binary("+", left, right)

    def sub(self, left, _op, right):
        return Binary("-", left, right)

    def number(self, token):
        return Number(Decimal(str(token)))

    def total(self, ref):
        return Total(ref)

    def found(self):
        return Found()

    def ref(self, table: Token, row: Token, column: Token):
        return Ref(int(table[1]), str(row), str(column), table.line, table.column)


def _first_line(*nodes) -> int:
    for node in nodes:
        for ref in _refs(node):
            return ref.line
    return 1


def parse(text: str) -> list[Identity]:
    """The identities of ``text`` (one per line); IdentityError when it is not one."""
    try:
        tree = parser("identity").parse(text)
    except UnexpectedInput as exc:
        got = getattr(exc, "token", None) or getattr(exc, "char", None) or ""
        if not str(got).strip():
            raise IdentityError("表达式不完整 (unexpected end)", exc.line, exc.column) from None
        raise IdentityError(f"无法解析 (cannot parse) “{got}”", exc.line, exc.column) from None
    except LarkError as exc:  # pragma: no cover - lark reports input errors as UnexpectedInput
        raise IdentityError(str(exc)) from None
    identities = _ToTree().transform(tree)
    for identity in identities:
        _check_shape(identity)
    return identities


def _check_shape(identity: Identity) -> None:
    for ref, in_sum in _refs_in(identity.left):
        _check_ref(ref, in_sum)
    for ref, in_sum in _refs_in(identity.right):
        _check_ref(ref, in_sum)
    axes = {(r.axis(), r.table) for r in identity.refs() if r.axis()}
    if len(axes) > 1:
        raise IdentityError("“_”只能代表同一张表的行或列之一 (_ runs over one axis of one table)", identity.line)
    if not any(True for _ in identity.refs()):
        raise IdentityError("恒等式至少引用一个单元格 (an identity names at least one cell)", identity.line)


def _check_ref(ref: Ref, in_sum: bool) -> None:
    if ref.row == EACH and ref.column == EACH:
        raise IdentityError("行和列不能同时为“_” (not both row and column _)", ref.line, ref.col)
    if ref.pattern and not in_sum:
        raise IdentityError(f"带 * 的键只能用在 sum() 中 (a pattern needs sum()): t{ref.table}[{ref.row}, {ref.column}]",
                            ref.line, ref.col)
