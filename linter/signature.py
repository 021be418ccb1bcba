"""When a report says it was done: the date of its signature (落款) at the end, and the date
it was published (``--published``, in ``Document.context``), for the deadline and date rules.

The signature date is the last line near the end of the report that is a date on its own,
or with a few words around it (``江南街道党政办公 20171231日印发``).  The search goes up
from the last line, over at most ``SCAN`` non-blank lines, and stops at body text (a line
with a sentence end or a comma); a ``label: value`` line (``发布时间: 2018-01-17``) is page
information, and a line about data (``数据截至2020年12月31日``) dates something else.
"""

import datetime
from typing import NamedTuple

from linter.document import Document, normalize
from linter.grammars import dates
from linter.regexes import compiled

SCAN = 15
WORDS_MAX = 15  # characters besides the date on a signature line
_BODY = compiled(r"[。,，;；!?！？]")
_LABEL = compiled(r"[:：]")
_NOT_SIGNED = compiled(r"截至|截止|统计|数据|期限|以来|施行|时间|日期")  # a date of something else


class Signature(NamedTuple):
    """The date under the report's signature."""

    line: int
    column: int
    end_column: int
    value: dates.DateValue
    written: str

    @property
    def date(self) -> datetime.date | None:
        return self.value.as_date()


def signature(doc: Document) -> Signature | None:
    """The signature date of the report (cached), or None."""
    return doc.derive(("signature",), lambda: _find(doc))


def _find(doc: Document) -> Signature | None:
    seen = 0
    for number in range(len(doc.lines), 0, -1):
        raw = doc.lines[number - 1]
        text = normalize(raw)
        if not text:
            continue
        seen += 1
        if seen > SCAN or _BODY.search(raw):
            return None
        if _LABEL.search(raw) or _NOT_SIGNED.search(text):
            continue
        found = [f for f in dates.find(text, compact=True) if not f.is_period]
        if len(found) != 1 or not (found[0].value.year and (found[0].value.month or found[0].value.malformed)):
            continue
        hit = found[0]
        if len(text) - len(hit.written) > WORDS_MAX:
            continue
        column, end_column = _columns(raw, hit.written)
        return Signature(number, column, end_column, hit.value, hit.written)
    return None


def _columns(raw: str, written: str) -> tuple[int, int]:
    """Source columns of ``written`` (normalised) in ``raw``: its first and last characters."""
    flat, columns = [], []
    for column, char in enumerate(raw, start=1):
        for piece in normalize(char):
            flat.append(piece)
            columns.append(column)
    at = "".join(flat).find(written)
    if at < 0:
        return 1, len(raw) + 1
    return columns[at], columns[at + len(written) - 1] + 1


def published(doc: Document) -> tuple[datetime.date, Signature | None] | None:
    """(date, signature) of publication: ``--published`` (signature None) or else the
    signature date unless it lies in the future; None when neither is known."""
    given = doc.context.get("published") if doc.context else None
    if given:
        return given, None
    found = signature(doc)
    if found and found.date and found.date <= datetime.date.today():  # a future date is a typo (D105)
        return found.date, found
    return None
