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


def test_tokens_cannot_be_changed():
    from linter.tables.labels import Token, segment

    vocabulary = {"商业企业": None, "科研机构": None}
    tokens = segment("商业企业科研机构其他", vocabulary)
    assert tokens == (Token(0, 4, "商业企业"), Token(4, 8, "科研机构"), Token(8, 10, None))
    with pytest.raises(AttributeError):
        tokens[0].label = None  # the same tuple is handed out again for the same text
    assert segment("商业企业科研机构其他", vocabulary) is tokens


def test_catalogue_entries_cannot_be_changed_and_survive_the_cache():
    import pickle

    from linter.tables.catalogue import catalogue

    specs = catalogue()
    entry, block, group = specs[1].rows[0], specs[1].blocks[0], specs[3].groups[0]
    for record, name in ((entry, "name"), (block, "rows"), (group, "children")):
        with pytest.raises(AttributeError):
            setattr(record, name, None)  # shared by every report of a run
    # the catalogue is kept pickled in the per-user cache (linter.cache.memo)
    again = pickle.loads(pickle.dumps(specs, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == specs
    assert type(again[1].rows[0]) is type(entry) and again[1].rows[0].only() == entry.only()
