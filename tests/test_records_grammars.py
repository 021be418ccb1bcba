"""The grammars' result records (NamedTuples where they were frozen dataclasses) keep what
the rules rely on: they are immutable, survive the rule-set pickle, and value's node stays true."""

import pickle

import pytest

from linter.grammars import dates, identity
from linter.grammars.numbering import parse_numbering

IDENTITY = identity.parse("t2[total, _] + value == sum(t2[new, _]) - 1")[0]


def _records():
    period = dates.find("2017年1月1日至12月31日")[0]
    return [IDENTITY, IDENTITY.left, IDENTITY.left.left, IDENTITY.right.left, IDENTITY.right.right,
            identity.Found(), period, period.value, period.value.end, parse_numbering("（一）主动公开")]


@pytest.mark.parametrize("record", _records(), ids=lambda r: type(r).__qualname__)
def test_records_are_immutable(record):
    name = next(iter(getattr(record, "_fields", ())), "value")
    with pytest.raises(AttributeError):
        setattr(record, name, None)


@pytest.mark.parametrize("record", _records(), ids=lambda r: type(r).__qualname__)
def test_records_survive_the_rule_set_pickle(record):
    again = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(again) is type(record) and again == record


def test_value_node_is_true_and_no_tuple():
    """``value`` has no fields: as a NamedTuple it would be false and equal to ()."""
    found = IDENTITY.left.right
    assert isinstance(found, identity.Found) and found and found != ()
