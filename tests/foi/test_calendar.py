"""The deadlines calendar parses back with icalendar and has one event per open deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from disclosed.foi.calendar import deadlines_calendar

STAMP = datetime(2024, 8, 1, 9, 0, tzinfo=UTC)


def _events(ical: bytes) -> list:
    return [c for c in Calendar.from_ical(ical).walk() if c.name == "VEVENT"]


def test_one_all_day_event_per_open_deadline(tracked) -> None:
    events = _events(deadlines_calendar(tracked.values(), stamp=STAMP))
    # Open: r2 refused (review window), r3 partial (review window), r4 response, r5 refused
    # (review window), r6 FOISA internal review and the appeal window should it go unanswered.
    # None for r1 and r7 (successful) or r8 (a draft).
    kinds = sorted((str(e["uid"]).split("-")[0], str(e["uid"]).split("-")[1]) for e in events)
    assert kinds == [("r2", "review_request"), ("r3", "review_request"), ("r4", "response"),
                     ("r5", "review_request"), ("r6", "appeal_window"), ("r6", "review")]
    by_request = {str(e["uid"]).split("-")[0]: e for e in events if "appeal" not in str(e["uid"])}
    r4 = by_request["r4"]
    # r4: FOIA, sent Mon 2024-06-03: Jun 4-28 (19), Jul 1 (20).
    assert r4.decoded("dtstart") == date(2024, 7, 1)
    assert r4.decoded("dtend") == date(2024, 7, 2)
    assert str(r4["summary"]) == "FOI response due: Northshire Constabulary: Social media discipline"
    # r6: FOISA review asked for Wed 2024-07-10: Jul 11-12 (2), 15-19 (7), 22-26 (12), 29-31 (15),
    # Aug 1-2 (17), 5 x (Scotland's first Monday in August), 6-8 (20).
    assert by_request["r6"].decoded("dtstart") == date(2024, 8, 8)
    assert "FOISA 2002 s.21(1)" in str(by_request["r6"]["description"])


def test_uids_are_stable_and_unique(tracked) -> None:
    first = deadlines_calendar(tracked.values(), stamp=STAMP)
    again = deadlines_calendar(tracked.values(), stamp=STAMP)
    later = deadlines_calendar(tracked.values(), stamp=datetime(2024, 9, 1, tzinfo=UTC))
    assert first == again
    uids = [str(e["uid"]) for e in _events(first)]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["uid"]) for e in _events(later)]


def test_empty_calendar_is_valid() -> None:
    cal = Calendar.from_ical(deadlines_calendar([], stamp=STAMP))
    assert str(cal["version"]) == "2.0"
    assert _events(cal.to_ical()) == []
