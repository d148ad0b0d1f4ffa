"""The open deadlines of tracked requests as an iCalendar file, one all-day event per deadline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from disclosed.foi.records import Deadline, FoiRequest
from disclosed.foi.requests import open_deadlines

PRODID = "-//disclosed//FOI deadlines//EN"
UID_DOMAIN = "disclosed.foi"

_SUMMARY = {
    "response": "FOI response due",
    "extended_response": "FOI extended response due",
    "review": "FOI internal review due",
    "review_request": "Last day to ask for an internal review",
    "appeal_window": "Last day to complain to the Commissioner",
}


def deadline_uid(deadline: Deadline, stage: int) -> str:
    """A UID that stays the same each time the calendar is written, so calendar apps update the
    event instead of adding a copy: the request, the kind of deadline and the history entry
    that opened it (a second internal review is a new event)."""
    return f"{deadline.request_id}-{deadline.kind}-{stage}@{UID_DOMAIN}"


def deadlines_calendar(requests: Iterable[FoiRequest], stamp: datetime | None = None) -> bytes:
    """An iCalendar (RFC 5545) file of every open deadline of `requests`, as bytes to write.

    Each deadline is an all-day VEVENT on its due date; FOIA's internal review outer limit goes
    in the description. `stamp` (DTSTAMP, default now) is the only thing that varies between
    two writes of the same requests.
    """
    stamp = stamp or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "FOI deadlines")
    for request in requests:
        stage = len(request.history)
        for deadline in open_deadlines(request):
            cal.add_component(_event(request, deadline, stage, stamp))
    return cal.to_ical()


def _event(request: FoiRequest, deadline: Deadline, stage: int, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", deadline_uid(deadline, stage))
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("summary", f"{_SUMMARY[deadline.kind]}: {request.authority}: {request.title}")
    lines = [deadline.rule, f"Law: {request.law.upper()}"]
    if deadline.latest:
        lines.append(f"At the latest: {deadline.latest.isoformat()}")
    if request.reference:
        lines.append(f"Authority's reference: {request.reference}")
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    return event
