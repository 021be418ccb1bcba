"""A table cut off inside a rowspan group: findings still end after they start."""

from conftest import FIXTURES, lint_path


def test_row_anchor_does_not_end_at_a_cell_spanned_from_above(rules):
    result = lint_path(FIXTURES / "tables" / "cut-in-rowspan.txt", rules)
    spans = {(d.rule, d.line, d.column, d.end_line, d.end_column) for d in result.diagnostics
             if d.rule in ("T121", "T126")}
    assert ("T121", 12, 9, 12, 71) in spans and ("T126", 12, 9, 12, 71) in spans
    assert all((d.end_line, d.end_column) >= (d.line, d.column) for d in result.diagnostics)
