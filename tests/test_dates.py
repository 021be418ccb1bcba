"""Dates and periods (grammars/dates.lark + dates.py): written forms, damaged forms, non-dates."""

import datetime

import pytest

from linter.document import normalize
from linter.grammars.dates import DateValue, Period, find, parse


def date(y=None, m=None, d=None, bad=False):
    return DateValue(y, m, d, malformed=bad)


@pytest.mark.parametrize(
    "text, value",
    [
        ("2017年1月1日", date(2017, 1, 1)),
        ("２０１７年１２月３１日", date(2017, 12, 31)),  # full width, normalised first
        ("二〇一七年十二月三十一日", date(2017, 12, 31)),
        ("二零一二年五月二十六日", date(2012, 5, 26)),
        ("二○○九年一月十日", date(2009, 1, 10)),
        ("2017.1.1", date(2017, 1, 1)),
        ("2017-01-01", date(2017, 1, 1)),
        ("２０１７／１／５", date(2017, 1, 5)),
        ("2017年12月", date(2017, 12)),
        ("2017年", date(2017)),
        ("12月31日", date(None, 12, 31)),
        ("5号", date(None, None, 5)),
        # damaged by copying: 年 and 月 lost, read by the length of the digit run
        ("201711日", date(2017, 1, 1, bad=True)),
        ("1231日", date(None, 12, 31, bad=True)),
        ("20171月1日", date(2017, 1, 1, bad=True)),
        ("201712月31日", date(2017, 12, 31, bad=True)),
        ("2017年1231日", date(2017, 12, 31, bad=True)),
        ("20171231日", date(2017, 12, 31, bad=True)),
        ("2017111日", date(2017, None, None, bad=True)),  # 1-11 or 11-1: no reading
        # out of range
        ("2017年13月1日", date(2017, 13, 1, bad=True)),
        ("2017年2月30日", date(2017, 2, 30, bad=True)),
        ("2016年2月29日", date(2016, 2, 29)),
    ],
)
def test_dates(text, value):
    assert parse(normalize(text)) == value


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("自2017年1月1日起至2017年12月31日止", date(2017, 1, 1), date(2017, 12, 31)),
        ("2017年1月1日至12月31日", date(2017, 1, 1), date(2017, 12, 31)),
        ("2024 年1 月1 日\n起至2024 年12 月31 日止", date(2024, 1, 1), date(2024, 12, 31)),  # PDF text
        ("2017.1.1-2017.12.31", date(2017, 1, 1), date(2017, 12, 31)),
        ("2017-01-01-2017-12-31", date(2017, 1, 1), date(2017, 12, 31)),
        ("2017/1/1～2017/12/31", date(2017, 1, 1), date(2017, 12, 31)),
        ("2017年1-12月", date(2017, 1), date(2017, 12)),
        ("2017年1月至12月", date(2017, 1), date(2017, 12)),
        ("2012年5月24日—25日", date(2012, 5, 24), date(2012, 5, 25)),
        ("二〇一七年一月一日至十二月三十一日", date(2017, 1, 1), date(2017, 12, 31)),
        ("2017年全年", date(2017, 1, 1), date(2017, 12, 31)),
        ("全年", date(None, 1, 1), date(None, 12, 31)),
        ("201711日至1231日", date(2017, 1, 1, bad=True), date(2017, 12, 31, bad=True)),
        ("20171月1日至12月31日", date(2017, 1, 1, bad=True), date(2017, 12, 31)),
        ("20081月1日至201712月31日", date(2008, 1, 1, bad=True), date(2017, 12, 31, bad=True)),
    ],
)
def test_periods(text, start, end):
    value = parse(normalize(text))
    assert value == Period(start, end)


def test_period_days():
    value = parse("2017年1-12月")
    assert (value.first_day(), value.last_day()) == (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    assert parse("201711日至1231日").malformed and not parse("2017年1月1日至12月31日").malformed


@pytest.mark.parametrize("text", ["近三年来", "国务院令第711号", "兴贤路432号", "100号", "五年", "20**年*月*日", "1.5亿元",
                                  "电话:0517-83605210", "第十二个五年"])
def test_not_dates(text):
    assert find(normalize(text)) == []


def test_find_gives_offsets_into_the_normalised_text():
    text = normalize("本报告数据统计时限为201711日至1231日。报告的电子版可在网站下载。")
    (found,) = find(text)
    assert text[found.start:found.end] == found.written == "201711日至1231日" and found.is_period


def test_find_never_cuts_a_number():
    # web page time: "2018-01-17 15:39:21" loses its space when normalised
    assert find(normalize("发布时间: 2018-01-17 15:39:21")) == []
    assert find("截至201712月31日,") != [] and find("截至201712月31日,")[0].written == "201712月31日"


def test_a_bare_run_of_eight_digits_only_when_asked():
    assert find("20171231") == []
    (found,) = find("20171231", compact=True)
    assert found.value == date(2017, 12, 31, bad=True)


def test_several_in_a_line():
    found = find(normalize("2012年5月24日—25日，全市培训班举办；二〇一二年五月二十六日"))
    assert [f.written for f in found] == ["2012年5月24日—25日", "二〇一二年五月二十六日"]


def test_find_gives_a_list_of_its_own_each_time():
    """find keeps what it found for text it saw before (reports repeat their dates): a
    caller's changes to the list it got stay out of that."""
    first = find("统计期限自2024年1月1日起至2024年12月31日止")
    first.clear()
    assert [f.written for f in find("统计期限自2024年1月1日起至2024年12月31日止")] == \
        ["2024年1月1日起至2024年12月31日止"]
