"""Counts and their qualifiers; numbers that count something else are skipped."""

from __future__ import annotations

import pytest

from disclosed.extract.numbers import find_counts, parse_number


def _counts(text: str) -> list[tuple[str, int, str, bool]]:
    return [(c.text, c.value, c.qualifier, c.suppressed) for c in find_counts(text)]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,250", 1250),
        ("eleven", 11),
        ("twenty-three", 23),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("one hundred and four", 104),
        ("a single", 1),
        ("Forty", 40),
    ],
)
def test_parse_number(written: str, value: int):
    assert parse_number(written) == value


def test_qualifiers_before_a_count():
    text = "over 30 clerks, at least 6 nurses, nearly 90 officers, up to 15 staff and some 40 people"
    assert _counts(text) == [
        ("over 30", 30, "more_than", False),
        ("at least 6", 6, "at_least", False),
        ("nearly 90", 90, "about", False),
        ("up to 15", 15, "up_to", False),
        ("some 40", 40, "about", False),
    ]


def test_strict_upper_bounds_are_one_less_and_small_ones_suppressed():
    assert _counts("fewer than five PCs and <3 clerks, less than 200 others") == [
        ("fewer than five", 4, "up_to", True),
        ("<3", 2, "up_to", True),
        ("less than 200", 199, "up_to", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "in 2016 and 2017",
        "a 12-page report",
        "a 30 page leaflet",
        "it cost £4,000 and $60",
        "rose by 14% or 9 per cent",
        "a 27-year-old constable",
        "aged 45",
        "within 20 working days",
        "for 18 months",
        "section 40(2) and s. 12",
        "call 0161 555 0199",
        "on 4 March and March 9",
        "a nine point plan",
        "no one was hurt",
        "not a single officer",
        "one of the largest employers",
        "across 43 forces",
    ],
)
def test_numbers_that_are_not_counts(text: str):
    assert find_counts(text) == []


def test_count_text_is_the_span_in_the_sentence():
    text = "They disciplined more than 40 clerks."
    (c,) = find_counts(text)
    assert text[c.start : c.end] == c.text == "more than 40"
    assert text[c.number_start : c.end] == "40"


def test_one_more_person_before_a_singular_staff_noun():
    assert _counts("A further officer retired and another employee quit.") == [
        ("A further", 1, "exact", False),
        ("another", 1, "exact", False),
    ]
    assert _counts("another report and a further two PCSOs") == [("two", 2, "exact", False)]


def test_fewer_than_zero_is_no_count():
    assert [c.value for c in find_counts("fewer than 0 officers, fewer than 3 staff")] == [2]
