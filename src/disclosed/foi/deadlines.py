"""Working days and time limits under FOIA 2000, FOISA 2002, the EIR 2004 and the EISR 2004.

Every limit counts whole working days *after* a starting date: the starting date is day 0 and
is never counted, whatever day of the week it is, so a request received on a Saturday has the
following Monday (if a working day) as day 1. This is how the ICO and the Scottish Information
Commissioner count "the twentieth working day following the date of receipt".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from disclosed.errors import InvalidInputError
from disclosed.foi.records import LAWS, Law

# The parts of the United Kingdom as the `holidays` package names them.
UK_PARTS = ("ENG", "WLS", "SCT", "NIR")

RESPONSE_DAYS = 20
"""FOIA s.10(1); FOISA s.10(1)(a); EIR reg 5(2); EISR reg 5(2)(a): twenty working days."""

EXTENDED_RESPONSE_DAYS = 40
"""FOIA s.10(3) allows "such time as is reasonable" for the public interest test; the ICO and the
s.45 Code of Practice (2018) put that at no more than a further 20 working days, so the 40th
working day after receipt. EIR reg 7(1) and EISR reg 7(1): 40 working days for complex and
voluminous requests. FOISA has no extension of time."""

REVIEW_REQUEST_DAYS = 40
"""The requester's window to ask for an internal review, counted from the response: FOIA s.45
Code of Practice (2018) para 5.3 (an authority need not accept one made later than 40 working
days after the response); FOISA s.20(5); EIR reg 11(2); EISR reg 16(3)."""

REVIEW_DAYS: dict[str, int] = {
    "foia": 20,  # s.45 Code of Practice (2018) para 5.4 and ICO guidance: normally 20 working days
    "foisa": 20,  # FOISA s.21(1): not later than the twentieth working day after the requirement
    "eir": 40,  # EIR reg 11(4): not later than 40 working days after receipt of representations
    "eisr": 20,  # EISR reg 16(4): not later than 20 working days after receipt of representations
}
REVIEW_LATEST_DAYS: dict[str, int] = {
    "foia": 40,  # ICO guidance: 40 working days at most, in exceptional cases only
}

APPEAL_WINDOW_MONTHS: dict[str, int] = {
    "foia": 3,  # ICO: complain within three months of your last meaningful contact with the authority
    "eir": 3,  # the same ICO complaint route (EIR reg 18 applies FOIA Part IV)
    "foisa": 6,  # FOISA s.47(4)(a): within six months after receipt of the review outcome
    "eisr": 6,  # EISR reg 17 applies FOISA s.47
}

RULES: dict[str, dict[str, str]] = {
    "response": {
        "foia": "FOIA 2000 s.10(1): 20th working day after receipt",
        "foisa": "FOISA 2002 s.10(1): 20th working day after receipt",
        "eir": "EIR 2004 reg 5(2): 20 working days after receipt",
        "eisr": "EISR 2004 reg 5(2): 20 working days after receipt",
    },
    "extended_response": {
        "foia": "FOIA 2000 s.10(3), ICO guidance: a further 20 working days for the public interest test",
        "eir": "EIR 2004 reg 7(1): 40 working days for complex and voluminous requests",
        "eisr": "EISR 2004 reg 7(1): 40 working days for complex and voluminous requests",
    },
    "review": {
        "foia": "FOIA s.45 Code of Practice para 5.4, ICO guidance: 20 working days, 40 at most",
        "foisa": "FOISA 2002 s.21(1): 20th working day after the requirement for review",
        "eir": "EIR 2004 reg 11(4): 40 working days after the representations",
        "eisr": "EISR 2004 reg 16(4): 20 working days after the representations",
    },
    "review_request": {
        "foia": "FOIA s.45 Code of Practice para 5.3: ask for a review within 40 working days",
        "foisa": "FOISA 2002 s.20(5): require a review within 40 working days",
        "eir": "EIR 2004 reg 11(2): make representations within 40 working days",
        "eisr": "EISR 2004 reg 16(3): make representations within 40 working days",
    },
    "appeal_window": {
        "foia": "ICO: complain within three months of the last meaningful contact (FOIA s.50)",
        "eir": "ICO: complain within three months of the last meaningful contact (EIR reg 18)",
        "foisa": "FOISA 2002 s.47(4)(a): apply to the Scottish Information Commissioner within six months",
        "eisr": "EISR 2004 reg 17, FOISA s.47(4)(a): apply to the Scottish Information Commissioner "
        "within six months",
    },
}

# Scottish law also dates the requester's next step when the authority doesn't answer at all.
SILENCE_RULES: dict[str, str] = {
    "review_request": "FOISA 2002 s.20(5)(b): if no response comes, require a review within 40 working "
    "days of the response deadline",
    "appeal_window": "FOISA 2002 s.47(4)(b): if the review isn't answered, apply to the Scottish "
    "Information Commissioner within six months of its deadline",
}


@lru_cache(maxsize=512)
def _bank_holidays(part: str, year: int) -> frozenset[date]:
    return frozenset(holidays.UK(subdiv=part, years=year).keys())


@lru_cache(maxsize=256)
def non_working_holidays(law: Law, year: int) -> frozenset[date]:
    """The weekday-independent days of `year` that are not working days under `law`.

    FOIA s.10(6) (and EIR reg 2(1), which borrows it): Christmas Day, Good Friday and every
    bank holiday under the Banking and Financial Dealings Act 1971 in ANY part of the UK, so the
    union of the four parts' lists (Scotland's 2 January and St Andrew's Day, Northern Ireland's
    St Patrick's Day and 12 July, England and Wales' Easter Monday...). Christmas Day and Good
    Friday are common-law holidays in England and Wales, not 1971 Act bank holidays, hence
    named apart.
    FOISA s.73 (and EISR reg 2(1), which borrows it): Christmas Day and the bank holidays in
    Scotland under the 1971 Act (Good Friday is one there); England's Easter Monday is not.
    """
    parts = ("SCT",) if law in ("foisa", "eisr") else UK_PARTS
    days: set[date] = {date(year, 12, 25)}
    if law in ("foia", "eir"):
        days.add(easter(year) - timedelta(days=2))  # Good Friday
    for part in parts:
        days |= _bank_holidays(part, year)
    return frozenset(days)


def is_working_day(day: date, law: Law) -> bool:
    """Whether `day` is a working day under `law` (see `non_working_holidays`)."""
    return day.weekday() < 5 and day not in non_working_holidays(law, day.year)


def working_days(law: Law) -> Callable[[date], bool]:
    """The working-day test of `law`, as a predicate on dates."""
    _check_law(law)
    return lambda day: is_working_day(day, law)


def add_working_days(start: date, n: int, law: Law) -> date:
    """The `n`th working day after `start` (`start` itself is day 0 and never counted)."""
    _check_law(law)
    if n < 0:
        raise InvalidInputError("days", f"expected a number of working days >= 0, got {n}")
    day = start
    while n:
        day += timedelta(days=1)
        if is_working_day(day, law):
            n -= 1
    return day


def working_days_between(start: date, end: date, law: Law) -> int:
    """How many working days fall after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, law):
            count += 1
    return count


def response_due(received: date, law: Law) -> date:
    """The last day for the first response: the 20th working day after receipt."""
    return add_working_days(received, RESPONSE_DAYS, law)


def extended_response_due(received: date, law: Law) -> date:
    """The last day for a response whose time was extended: the 40th working day after receipt.

    Counted from receipt (or from the clarification that restarted the clock), not from the
    extension notice. FOISA has no extension: asking for one is an error.
    """
    if law == "foisa":
        raise InvalidInputError("law", "FOISA 2002 has no extension of the time for compliance")
    return add_working_days(received, EXTENDED_RESPONSE_DAYS, law)


def review_due(requested: date, law: Law) -> tuple[date, date | None]:
    """The internal review's due date and, where guidance allows one (FOIA), its outer limit."""
    _check_law(law)
    latest = REVIEW_LATEST_DAYS.get(law)
    return (
        add_working_days(requested, REVIEW_DAYS[law], law),
        add_working_days(requested, latest, law) if latest else None,
    )


def review_request_closes(responded: date, law: Law) -> date:
    """The last day the requester can ask for an internal review of a response."""
    return add_working_days(responded, REVIEW_REQUEST_DAYS, law)


def appeal_window_closes(review_outcome: date, law: Law) -> date:
    """The last day to complain to the Commissioner after the internal review's outcome.

    Calendar months, not working days: three for the ICO (its guidance), six for the Scottish
    Information Commissioner (FOISA s.47(4)(a)). A month end clips (31 Aug + 6 months = 28/29 Feb).
    """
    _check_law(law)
    return review_outcome + relativedelta(months=APPEAL_WINDOW_MONTHS[law])


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str | date, field: str) -> date:
    """A YYYY-MM-DD date given by a user; anything else raises InvalidInputError naming `field`."""
    if isinstance(value, date):
        return value
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidInputError(field, f"no such date {text!r}") from None
    raise InvalidInputError(field, f"expected YYYY-MM-DD, got {value!r}")


def parse_law(value: str, field: str = "law") -> Law:
    """A law name as a user writes it ("FOIA", "foisa") to its code."""
    code = value.strip().lower()
    if code not in LAWS:
        raise InvalidInputError(field, f"unknown law {value!r}; expected one of {', '.join(LAWS)}")
    return code  # type: ignore[return-value]


def _check_law(law: str) -> None:
    if law not in LAWS:
        raise InvalidInputError("law", f"unknown law {law!r}; expected one of {', '.join(LAWS)}")


# -- time limits beyond twenty working days ---------------------------------------------------------

SCHOOL_DAYS = 20
SCHOOL_LIMIT_DAYS = 60
ARCHIVE_DAYS = 30
OVERSEAS_DAYS = 60

SPECIAL_RULES: dict[str, str] = {
    "school": "FOI (Time for Compliance with Request) Regulations 2004 reg 3, 2009, 2010: the 20th working "
    "day disregarding days that are not school days, or the 60th working day, whichever is first",
    "archive": "FOI (Time for Compliance with Request) Regulations 2004 reg 4: the 30th working day for "
    "a transferred public record held by an archive",
    "overseas": "FOI (Time for Compliance with Request) Regulations 2004 reg 5-6: up to the 60th working day "
    "for information held outside the UK or from armed forces on operations, with the Information "
    "Commissioner's agreement",
}


def _in_terms(day: date, terms: list[tuple[date, date]]) -> bool:
    return any(start <= day <= end for start, end in terms)


def school_response_due(received: date, terms: list[tuple[date, date]], law: Law = "foia") -> date:
    """A maintained school's, nursery school's, academy's or Northern Ireland school's deadline:
    the 20th working day after receipt counting only school days (working days within one of
    `terms`, each a first and last day inclusive), or the 60th working day, whichever is first."""
    _check_law(law)
    if law in ("foisa", "eisr"):
        raise InvalidInputError("law", "the school time limits are FOIA regulations; FOISA has none")
    for start, end in terms:
        if end < start:
            raise InvalidInputError("terms", f"a term ends ({end.isoformat()}) before it starts "
                                    f"({start.isoformat()})")
    cap = add_working_days(received, SCHOOL_LIMIT_DAYS, law)
    day, counted = received, 0
    while day < cap:
        day += timedelta(days=1)
        if is_working_day(day, law) and _in_terms(day, terms):
            counted += 1
            if counted == SCHOOL_DAYS:
                return day
    return cap


def archive_response_due(received: date, law: Law = "foia") -> date:
    """A request for information in a transferred public record held by an archive: the 30th working day."""
    if law in ("foisa", "eisr"):
        raise InvalidInputError("law", "the archive time limit is a FOIA regulation; FOISA has none")
    return add_working_days(received, ARCHIVE_DAYS, law)


def overseas_response_due(received: date, law: Law = "foia") -> date:
    """Information held outside the UK, or that must come from armed forces on operations: at most
    the 60th working day (only with the Information Commissioner's agreement: an explicit choice)."""
    if law in ("foisa", "eisr"):
        raise InvalidInputError("law", "the overseas time limit is a FOIA regulation; FOISA has none")
    return add_working_days(received, OVERSEAS_DAYS, law)


def parse_terms(text: str, field: str = "terms") -> list[tuple[date, date]]:
    """Term dates, one term a line: "YYYY-MM-DD YYYY-MM-DD" (first and last day; # starts a comment)."""
    out: list[tuple[date, date]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.replace(",", " ").split()
        if len(parts) != 2:
            raise InvalidInputError(field, f"line {number}: expected a first and a last day, got {line!r}")
        start, end = (parse_date(p, f"{field} line {number}") for p in parts)
        if end < start:
            raise InvalidInputError(field, f"line {number}: the term ends before it starts")
        out.append((start, end))
    return out
