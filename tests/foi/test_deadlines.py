"""Deadlines under FOIA and FOISA across every kind of UK holiday, each date counted by hand.

Counting convention (FOIA s.10(1), FOISA s.10(1)): the day of receipt is day 0; the due date is
the 20th working day after it. In the comments "(n)" is working day n; "x" a day that isn't one.
"""

from __future__ import annotations

from datetime import date

import pytest

from disclosed.errors import InvalidInputError
from disclosed.foi.deadlines import (
    add_working_days,
    appeal_window_closes,
    extended_response_due,
    is_working_day,
    non_working_holidays,
    parse_date,
    parse_law,
    response_due,
    review_due,
    review_request_closes,
    working_days,
    working_days_between,
)


@pytest.mark.parametrize(
    ("received", "law", "due"),
    [
        # Christmas and New Year. Received Fri 2023-12-15: Dec 18-22 (1-5), 25 Christmas x,
        # 26 Boxing Day x, 27-29 (6-8), Jan 1 x, Jan 2 x (Scotland's 2 January: a bank holiday
        # in a part of the UK, so not a working day under FOIA either), Jan 3-5 (9-11),
        # 8-12 (12-16), 15-18 (17-20). An England-only calendar would wrongly give 2024-01-17.
        (date(2023, 12, 15), "foia", date(2024, 1, 18)),
        (date(2023, 12, 15), "foisa", date(2024, 1, 18)),
        # Substitute days. Christmas 2022 fell on a Sunday: Mon 26 Boxing Day x, Tue 27 Christmas
        # substitute x; New Year's Day 2023 a Sunday: Mon Jan 2 substitute x, Tue Jan 3 (Scotland's
        # 2 January substitute) x. Received Fri 2022-12-16: Dec 19-23 (1-5), 28-30 (6-8),
        # Jan 4-6 (9-11), 9-13 (12-16), 16-19 (17-20).
        (date(2022, 12, 16), "foia", date(2023, 1, 19)),
        (date(2022, 12, 16), "foisa", date(2023, 1, 19)),
        # Easter 2024: Good Friday Mar 29 (x for both), Easter Monday Apr 1 (bank holiday in
        # England, Wales and NI: x for FOIA; not in Scotland: a working day for FOISA).
        # FOIA, received Thu 2024-03-28: Apr 2-5 (1-4), 8-12 (5-9), 15-19 (10-14), 22-26 (15-19), 29 (20).
        (date(2024, 3, 28), "foia", date(2024, 4, 29)),
        # FOISA: Apr 1-5 (1-5), 8-12 (6-10), 15-19 (11-15), 22-26 (16-20).
        (date(2024, 3, 28), "foisa", date(2024, 4, 26)),
        # St Andrew's Day, Thu 2023-11-30 (Scotland): x for both laws. Received Wed 2023-11-15:
        # Nov 16-17 (1-2), 20-24 (3-7), 27-29 (8-10), 30 x, Dec 1 (11), 4-8 (12-16), 11-14 (17-20).
        (date(2023, 11, 15), "foia", date(2023, 12, 14)),
        (date(2023, 11, 15), "foisa", date(2023, 12, 14)),
        # St Andrew's Day 2024 is a Saturday; its substitute Mon 2024-12-02 is x for both.
        # Received Mon 2024-11-18: Nov 19-22 (1-4), 25-29 (5-9), Dec 2 x, 3-6 (10-13), 9-13 (14-18),
        # 16-17 (19-20).
        (date(2024, 11, 18), "foia", date(2024, 12, 17)),
        (date(2024, 11, 18), "foisa", date(2024, 12, 17)),
        # Scotland's summer holiday, first Monday in August (2023-08-07), and the late summer
        # holiday elsewhere, last Monday (2023-08-28): FOIA skips both, FOISA only the first.
        # FOIA, received Mon 2023-07-31: Aug 1-4 (1-4), 7 x, 8-11 (5-8), 14-18 (9-13), 21-25 (14-18),
        # 28 x, 29-30 (19-20).
        (date(2023, 7, 31), "foia", date(2023, 8, 30)),
        # FOISA: Aug 1-4 (1-4), 7 x, 8-11 (5-8), 14-18 (9-13), 21-25 (14-18), 28-29 (19-20).
        (date(2023, 7, 31), "foisa", date(2023, 8, 29)),
        # St Patrick's Day, Fri 2023-03-17 (Northern Ireland): x for FOIA, a working day for FOISA.
        # FOIA, received Fri 2023-03-03: Mar 6-10 (1-5), 13-16 (6-9), 17 x, 20-24 (10-14), 27-31 (15-19),
        # Apr 3 (20).
        (date(2023, 3, 3), "foia", date(2023, 4, 3)),
        # FOISA: Mar 6-10 (1-5), 13-17 (6-10), 20-24 (11-15), 27-31 (16-20).
        (date(2023, 3, 3), "foisa", date(2023, 3, 31)),
        # St Patrick's Day 2024 is a Sunday: its substitute Mon 2024-03-18 is x for FOIA; then Easter.
        # FOIA, received Fri 2024-03-08: Mar 11-15 (1-5), 18 x, 19-22 (6-9), 25-28 (10-13), 29 Good
        # Friday x, Apr 1 Easter Monday x, Apr 2-5 (14-17), 8-10 (18-20).
        (date(2024, 3, 8), "foia", date(2024, 4, 10)),
        # FOISA: Mar 11-15 (1-5), 18-22 (6-10), 25-28 (11-14), 29 x, Apr 1-5 (15-19), 8 (20).
        (date(2024, 3, 8), "foisa", date(2024, 4, 8)),
        # Battle of the Boyne, Wed 2023-07-12 (Northern Ireland): x for FOIA only.
        # FOIA, received Wed 2023-07-05: Jul 6-7 (1-2), 10-11 (3-4), 12 x, 13-14 (5-6), 17-21 (7-11),
        # 24-28 (12-16), 31 (17), Aug 1-3 (18-20).
        (date(2023, 7, 5), "foia", date(2023, 8, 3)),
        # FOISA: Jul 6-7 (1-2), 10-14 (3-7), 17-21 (8-12), 24-28 (13-17), 31 (18), Aug 1-2 (19-20).
        (date(2023, 7, 5), "foisa", date(2023, 8, 2)),
        # One-off: the coronation, Mon 2023-05-08, everywhere; with May Day (1st) and spring (29th).
        # Received Fri 2023-04-28: May 1 x, 2-5 (1-4), 8 x, 9-12 (5-8), 15-19 (9-13), 22-26 (14-18),
        # 29 x, 30-31 (19-20).
        (date(2023, 4, 28), "foia", date(2023, 5, 31)),
        (date(2023, 4, 28), "foisa", date(2023, 5, 31)),
        # One-off: the state funeral, Mon 2022-09-19. Received Mon 2022-09-12: Sep 13-16 (1-4),
        # 19 x, 20-23 (5-8), 26-30 (9-13), Oct 3-7 (14-18), 10-11 (19-20).
        (date(2022, 9, 12), "foia", date(2022, 10, 11)),
        (date(2022, 9, 12), "foisa", date(2022, 10, 11)),
        # Received on a Saturday (2024-06-01): day 1 is Monday 3rd. Jun 3-7 (1-5), 10-14 (6-10),
        # 17-21 (11-15), 24-28 (16-20); no holidays in June 2024.
        (date(2024, 6, 1), "foia", date(2024, 6, 28)),
        (date(2024, 6, 1), "foisa", date(2024, 6, 28)),
    ],
)
def test_response_due(received: date, law: str, due: date) -> None:
    assert response_due(received, law) == due


def test_eir_counts_working_days_as_foia_and_eisr_as_foisa() -> None:
    # EIR reg 2(1) borrows FOIA s.10(6); EISR reg 2(1) borrows FOISA s.73 (Easter 2024 above).
    assert response_due(date(2024, 3, 28), "eir") == date(2024, 4, 29)
    assert response_due(date(2024, 3, 28), "eisr") == date(2024, 4, 26)


def test_scottish_holidays_are_what_the_1971_act_gives_scotland() -> None:
    scottish = non_working_holidays("foisa", 2024)
    assert {date(2024, 1, 1), date(2024, 1, 2), date(2024, 3, 29), date(2024, 5, 6), date(2024, 5, 27),
            date(2024, 8, 5), date(2024, 12, 2), date(2024, 12, 25), date(2024, 12, 26)} <= scottish
    # Not Scottish bank holidays: Easter Monday, the late summer holiday, St Patrick's, 12 July.
    assert not {date(2024, 4, 1), date(2024, 8, 26), date(2024, 3, 18), date(2024, 7, 12)} & scottish


def test_foia_takes_the_union_of_every_part_of_the_uk() -> None:
    foia = non_working_holidays("foia", 2024)
    assert {date(2024, 1, 2), date(2024, 3, 18), date(2024, 3, 29), date(2024, 4, 1), date(2024, 7, 12),
            date(2024, 8, 5), date(2024, 8, 26), date(2024, 12, 2), date(2024, 12, 25)} <= foia


def test_working_day_predicate() -> None:
    is_foia_day = working_days("foia")
    assert is_foia_day(date(2024, 4, 2))  # Tuesday after Easter
    assert not is_foia_day(date(2024, 4, 1))  # Easter Monday
    assert not is_foia_day(date(2024, 4, 6))  # Saturday
    assert is_working_day(date(2024, 4, 1), "foisa")
    assert not is_working_day(date(2024, 12, 25), "foisa")


def test_public_interest_extension_is_the_fortieth_working_day() -> None:
    # From the 20th day (2024-01-18, above): Jan 19 (21), 22-26 (22-26), 29-31 (27-29),
    # Feb 1-2 (30-31), 5-9 (32-36), 12-15 (37-40).
    assert extended_response_due(date(2023, 12, 15), "foia") == date(2024, 2, 15)
    assert extended_response_due(date(2023, 12, 15), "eir") == date(2024, 2, 15)


def test_foisa_has_no_extension() -> None:
    with pytest.raises(InvalidInputError, match="^law: FOISA 2002 has no extension"):
        extended_response_due(date(2023, 12, 15), "foisa")


def test_internal_review_due_and_outer_limit() -> None:
    # Requested Mon 2024-06-03: Jun 4-7 (1-4), 10-14 (5-9), 17-21 (10-14), 24-28 (15-19), Jul 1 (20);
    # then Jul 2-5 (21-24), 8-11 (25-28), 12 x (Battle of the Boyne, NI), 15-19 (29-33),
    # 22-26 (34-38), 29-30 (39-40).
    assert review_due(date(2024, 6, 3), "foia") == (date(2024, 7, 1), date(2024, 7, 30))
    assert review_due(date(2024, 6, 3), "foisa") == (date(2024, 7, 1), None)
    assert review_due(date(2024, 6, 3), "eir") == (date(2024, 7, 30), None)  # EIR reg 11(4): 40 days


def test_window_to_ask_for_a_review() -> None:
    # 40 working days after a response on Mon 2024-06-03: as above, but 12 July counts in
    # Scotland: Jul 2-5 (21-24), 8-12 (25-29), 15-19 (30-34), 22-26 (35-39), 29 (40).
    assert review_request_closes(date(2024, 6, 3), "foisa") == date(2024, 7, 29)
    assert review_request_closes(date(2024, 6, 3), "foia") == date(2024, 7, 30)


def test_appeal_windows_are_calendar_months() -> None:
    assert appeal_window_closes(date(2024, 8, 31), "foia") == date(2024, 11, 30)
    assert appeal_window_closes(date(2024, 8, 31), "foisa") == date(2025, 2, 28)
    assert appeal_window_closes(date(2024, 5, 15), "eisr") == date(2024, 11, 15)


def test_add_and_count_working_days() -> None:
    assert add_working_days(date(2024, 6, 3), 0, "foia") == date(2024, 6, 3)
    # Fri 2023-12-22 -> Wed 27 is the first working day after Christmas and Boxing Day.
    assert add_working_days(date(2023, 12, 22), 1, "foia") == date(2023, 12, 27)
    assert working_days_between(date(2023, 12, 15), date(2024, 1, 18), "foia") == 20
    assert working_days_between(date(2024, 1, 18), date(2023, 12, 15), "foia") == 0
    with pytest.raises(InvalidInputError, match="^days:"):
        add_working_days(date(2024, 6, 3), -1, "foia")


def test_parse_date() -> None:
    assert parse_date("2023-12-31", "received") == date(2023, 12, 31)
    assert parse_date(" 2024-02-29 ", "received") == date(2024, 2, 29)
    with pytest.raises(InvalidInputError) as err:
        parse_date("31/12/2023", "received")
    assert str(err.value) == "received: expected YYYY-MM-DD, got '31/12/2023'"
    with pytest.raises(InvalidInputError, match="^received: no such date '2023-02-29'"):
        parse_date("2023-02-29", "received")
    with pytest.raises(InvalidInputError, match="^on: expected YYYY-MM-DD"):
        parse_date("2023-1-5", "on")


def test_parse_law() -> None:
    assert parse_law("FOISA") == "foisa"
    with pytest.raises(InvalidInputError, match="^law: unknown law 'dpa'"):
        parse_law("dpa")
    with pytest.raises(InvalidInputError, match="^law:"):
        response_due(date(2024, 1, 1), "dpa")  # type: ignore[arg-type]
