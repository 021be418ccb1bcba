"""The table records kept as NamedTuples behave as the frozen dataclasses they replace:
immutable (they are shared: parsed values through a cache, catalogue entries by every
report) and built positionally with the same defaults."""

from decimal import Decimal

import pytest

from linter.tables.model import Cell, parse_value


def test_values_cannot_be_changed():
    value = parse_value("12万元")
    assert (value.kind, value.number, value.unit) == ("unit", Decimal(12), "万元")
    with pytest.raises(AttributeError):
        value.kind = "text"
    with pytest.raises(AttributeError):
        value.extra = 1  # no instance __dict__ either
    assert Cell("12万元", 1, 1, 5).value is Cell("12万元", 2, 1, 5).value  # why they must not change
