"""``xxgk-lint extract``: the standard tables of a report as canonical data, for anyone
aggregating many reports.  Keys are those of rules/tables.yaml; a cell's ``value`` is its
number (null for a placeholder or words, whose ``text`` is kept); cells that could not be
placed are not written, and the reading problems are listed as ``notes``."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

from linter import tables
from linter.document import Document
from linter.tables import structure

FORMAT_VERSION = 1
CSV_FIELDS = ("path", "table", "version", "row", "column", "value", "text", "line", "column_number")


def _number(value: Decimal | None, kind: str):
    if value is None or kind in ("placeholder", "text"):
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _cell(cell) -> dict:
    return {"text": cell.text, "value": _number(cell.value.number, cell.value.kind), "line": cell.line,
            "column": cell.column}


def data(doc: Document) -> dict:
    out = []
    for table in tables.standard(doc):
        rows = [{"key": r.key, "name": r.entry.name, "label": r.label.text if r.label else None,
                 "line": r.line, "cells": {k: _cell(c) for k, c in r.cells.items()}}
                for r in table.rows if r.entry is not None]
        notes = [{"kind": i.kind, "line": i.cell.line, "column": i.cell.column, **i.fields}
                 for i in structure.issues(table, doc.facts.regime)]
        out.append({"table": table.number, "name": table.spec.name, "title": table.spec.title,
                    "version": table.version, "line": table.line, "end_line": table.end_line,
                    "readable": not structure.unreadable(table), "rows": rows, "notes": notes})
    return {"format_version": FORMAT_VERSION, "path": doc.path, "report_year": doc.facts.year,
            "regime": doc.facts.regime, "tables": out}


def write_json(doc: Document, stream) -> None:
    json.dump(data(doc), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(doc: Document, stream) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for table in data(doc)["tables"]:
        for row in table["rows"]:
            for column, cell in row["cells"].items():
                writer.writerow([doc.path, table["table"], table["version"] or "", row["key"], column,
                                 "" if cell["value"] is None else cell["value"], cell["text"], cell["line"],
                                 cell["column"]])


WRITERS = {"json": write_json, "csv": write_csv}
