"""Periods stated in a sentence, dated where the text allows."""

from __future__ import annotations

from datetime import date

import pytest

from disclosed.extract.periods import find_periods


def _dates(text: str, published: date | None = None) -> list[tuple[str | None, str | None, str | None]]:
    return [(p.period_start, p.period_end, p.phrase) for p in find_periods(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sacked since March 2011", [("2011-03", None, None)]),
        ("sacked since 2011", [("2011", None, None)]),
        ("between 2015 and 2018", [("2015", "2018", None)]),
        ("from 2010 to 2013", [("2010", "2013", None)]),
        ("the 2016-2019 figures", [("2016", "2019", None)]),
        ("from 1 April 2018 to 31 March 2020", [("2018-04", "2020-03", None)]),
        ("up to late 2014", [(None, "2014", None)]),
        ("in June 2019", [("2019-06", "2019-06", None)]),
        ("during 2020", [("2020", "2020", None)]),
        ("in 2019/20", [("2019-04", "2020-03", None)]),
        ("in the financial year 2019-20", [("2019-04", "2020-03", None)]),
        ("across 2016-17", [("2016", "2017", None)]),
        ("over the past two years", [(None, None, "past two years")]),
        ("in the last 6 months", [(None, None, "last 6 months")]),
    ],
)
def test_dated_periods(text: str, expected: list):
    assert _dates(text) == expected


def test_last_year_is_dated_against_publication():
    assert _dates("dismissed last year", date(2016, 2, 1)) == [("2015", "2015", None)]
    assert _dates("dismissed in the last year", date(2016, 2, 1)) == [("2015", "2015", None)]
    assert _dates("dismissed last year") == [(None, None, "last year")]
    assert _dates("so far this year", date(2016, 2, 1)) == [("2016", "2016", None)]


def test_two_periods_in_one_sentence_keep_their_spans():
    text = "40 between 2012 and 2014, and 9 up to early 2016"
    periods = find_periods(text)
    assert [text[p.start : p.end] for p in periods] == ["between 2012 and 2014", "up to early 2016"]


def test_a_backwards_range_is_not_a_period():
    assert _dates("from 2019 to 2011") != [("2019", "2011", None)]
