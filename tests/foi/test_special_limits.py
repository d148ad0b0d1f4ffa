"""Time limits beyond twenty working days, each counted by hand day by day (FOIA working days:
weekends, Christmas, Good Friday and every UK bank holiday excluded)."""

from __future__ import annotations

from datetime import date

import pytest

from disclosed.errors import InvalidInputError
from disclosed.foi.deadlines import (
    archive_response_due,
    extended_response_due,
    overseas_response_due,
    parse_terms,
    school_response_due,
)

SUMMER_TERM_END = (date(2024, 4, 15), date(2024, 7, 19))


def test_a_school_counts_school_days_only() -> None:
    # Received Friday 12 July 2024. School days: 15-19 July (5); term starts again Wednesday 4 September:
    # 4-6 Sep (8), 9-13 (13), 16-20 (18), 23 (19), Tuesday 24 September (20).
    terms = [SUMMER_TERM_END, (date(2024, 9, 4), date(2024, 12, 20))]
    assert school_response_due(date(2024, 7, 12), terms) == date(2024, 9, 24)


def test_a_school_answers_by_the_sixtieth_working_day_at_the_latest() -> None:
    # The next term starts only on 4 November: the 20th school day would be 22 November, but the
    # 60th working day comes first. Counting from Friday 12 July 2024: July 15-31 (13); August 1-2
    # (15), 5 August is Scotland's summer bank holiday, 6-9 (19), 12-16 (24), 19-23 (29), 26 August
    # is England's, 27-30 (33); September 2-27 (53), 30 (54); October 1-4 (58), 7 (59), 8 (60).
    terms = [SUMMER_TERM_END, (date(2024, 11, 4), date(2024, 12, 20))]
    assert school_response_due(date(2024, 7, 12), terms) == date(2024, 10, 8)
    assert overseas_response_due(date(2024, 7, 12)) == date(2024, 10, 8)  # the same 60th working day


def test_an_archive_has_thirty_working_days() -> None:
    # Received Monday 3 June 2024: June 4-7 (4), 10-14 (9), 17-21 (14), 24-28 (19), July 1-5 (24),
    # 8-11 (28), Friday 12 July is a Northern Ireland bank holiday, 15 (29), Tuesday 16 July (30).
    assert archive_response_due(date(2024, 6, 3)) == date(2024, 7, 16)


@pytest.mark.parametrize(("law", "due"), [("eir", date(2024, 7, 30)), ("eisr", date(2024, 7, 29))])
def test_eir_and_eisr_extend_to_forty_working_days(law: str, due: date) -> None:
    # Received Monday 3 June 2024. EIR (every UK bank holiday): the 30th working day is 16 July
    # (above), 17-19 (33), 22-26 (38), 29 (39), Tuesday 30 July (40). EISR (Scottish bank holidays
    # only, so 12 July is a working day): the 30th is 15 July, 16-19 (34), 22-26 (39), Monday 29 July (40).
    assert extended_response_due(date(2024, 6, 3), law) == due


def test_term_dates_are_read_and_checked() -> None:
    assert parse_terms("2024-09-04 2024-12-20  # autumn\n\n2025-01-06, 2025-02-14\n") == [
        (date(2024, 9, 4), date(2024, 12, 20)), (date(2025, 1, 6), date(2025, 2, 14))]
    with pytest.raises(InvalidInputError, match="line 1: the term ends before it starts"):
        parse_terms("2024-12-20 2024-09-04")
    with pytest.raises(InvalidInputError, match="FOISA has none"):
        archive_response_due(date(2024, 6, 3), "foisa")
