"""Making requests (one, or a batch of fifty) and the deadlines each has open."""

from __future__ import annotations

from datetime import date

import pytest

from disclosed.errors import InvalidInputError
from disclosed.foi.requests import (
    clock_start,
    due_within,
    first_response_due,
    is_overdue,
    law_for,
    new_batch,
    new_request,
    next_deadline,
    open_deadlines,
    render_text,
)
from disclosed.foi.statuses import change_status

TEMPLATE = (
    "Dear {authority},\n\nPlease tell me how many staff were disciplined for misusing social media "
    "between {period_start} and {period_end}, by outcome.\n\nYours faithfully,\n{requester}"
)
VALUES = {"period_start": "2019", "period_end": "2023"}


def _request(register, authority: str = "Northshire Police", **kw):
    return new_request(authority, title="Social media discipline", template=TEMPLATE, values=VALUES,
                       requester="A. Researcher", on=date(2023, 12, 1), register=register, **kw)


def test_new_request_fills_the_template_and_picks_the_law(register) -> None:
    r = _request(register)
    assert r.authority == "Northshire Constabulary"  # the alias resolved to the official name
    assert r.law == "foia"
    assert r.text.startswith("Dear Northshire Constabulary,")
    assert "between 2019 and 2023" in r.text and r.text.endswith("A. Researcher")
    assert r.status == "draft" and [c.status for c in r.history] == ["draft"]
    assert r.history[0].on == date(2023, 12, 1)


def test_law_follows_the_nation(register) -> None:
    assert _request(register, "Glenmoor").law == "foisa"
    assert _request(register, "Glenmoor", environmental=True).law == "eisr"
    assert _request(register, "DEA").law == "foia"  # a UK-wide department answers under FOIA
    assert _request(register, "Lagan Shore Trust").law == "foia"
    assert _request(register, "Afon Valley Fire and Rescue Service", environmental=True).law == "eir"
    assert law_for(register.resolve("Loch Arden Health Board")) == "foisa"


def test_unknown_authority_is_named(register) -> None:
    with pytest.raises(InvalidInputError) as err:
        _request(register, "Ministry of Magic")
    assert str(err.value).startswith("authority: unknown authority 'Ministry of Magic' (or give --law")


def test_template_errors_name_the_placeholder() -> None:
    values = {"authority": "Glenmoor Council"}
    assert render_text("To {authority}, with {{braces}}", values) == "To Glenmoor Council, with {braces}"
    unknown = r"^template: unknown placeholder \{period\}; known: \{authority\}"
    with pytest.raises(InvalidInputError, match=unknown):
        render_text("Since {period}", values)
    with pytest.raises(InvalidInputError, match=r"^template: unknown placeholder \{authority.name\}"):
        render_text("To {authority.name}", values)
    with pytest.raises(InvalidInputError, match="^template: malformed placeholder"):
        render_text("To {authority", values)


def test_batch_of_fifty_each_with_its_own_law_and_clock(register) -> None:
    names = [a.official_name for a in {id(a): a for a in register._by_name.values()}.values()]
    assert len(names) == 50
    batch = new_batch(names, title="Social media discipline", template=TEMPLATE, values=VALUES,
                      requester="A. Researcher", on=date(2024, 3, 1), register=register)
    assert len(batch) == 50
    assert len({r.id for r in batch}) == 50
    assert len({r.batch for r in batch}) == 1 and batch[0].batch
    scottish = [r for r in batch if r.nation == "Scotland"]
    assert len(scottish) == 13 and all(r.law == "foisa" for r in scottish)
    assert all(r.law == "foia" for r in batch if r.nation != "Scotland")
    assert all(r.text.startswith(f"Dear {r.authority},") for r in batch)

    # All sent the day before Good Friday 2024: FOIA skips Easter Monday, FOISA doesn't
    # (hand-counted in test_deadlines: 2024-04-29 and 2024-04-26).
    sent = [change_status(r, "sent", date(2024, 3, 28)) for r in batch]
    for r in sent:
        assert first_response_due(r) == (date(2024, 4, 26) if r.law == "foisa" else date(2024, 4, 29))
    # One body's clock moving leaves the others' alone.
    answered = change_status(sent[0], "successful", date(2024, 4, 2))
    assert open_deadlines(answered) == []
    # FOISA also dates the requester's review if no answer comes (s.20(5)(b)).
    assert all(len(open_deadlines(r)) == (2 if r.law == "foisa" else 1) for r in sent)


def test_a_batch_with_an_unknown_or_repeated_body_makes_nothing(register) -> None:
    unknown = "^authority: unknown authorities 'Nowhere Council', 'Atlantis'"
    with pytest.raises(InvalidInputError, match=unknown):
        new_batch(["Glenmoor", "Nowhere Council", "DEA", "Atlantis"], title="t", template=TEMPLATE,
                  values=VALUES, register=register)
    same = "^authority: 'DEA' and 'Department for Example Affairs' are the same authority"
    with pytest.raises(InvalidInputError, match=same):
        new_batch(["DEA", "Department for Example Affairs"], title="t", template=TEMPLATE, values=VALUES,
                  register=register)
    with pytest.raises(InvalidInputError, match="^authorities: a batch needs at least one authority"):
        new_batch([], title="t", template=TEMPLATE, register=register)


def test_first_response_deadline_from_receipt_or_sending(register) -> None:
    r = change_status(_request(register), "sent", date(2023, 12, 15))
    d = next_deadline(r, today=date(2024, 1, 2))
    assert (d.kind, d.party, d.due) == ("response", "authority", date(2024, 1, 18))
    assert "s.10(1)" in d.rule
    # A receipt date given by the authority wins over the day it was sent.
    r2 = change_status(_request(register, received=date(2023, 12, 18)), "sent", date(2023, 12, 15))
    assert clock_start(r2) == date(2023, 12, 18)


def test_overdue_and_due_within(register) -> None:
    r = change_status(_request(register), "sent", date(2023, 12, 15))  # due 2024-01-18
    assert not is_overdue(r, date(2024, 1, 18))
    assert is_overdue(r, date(2024, 1, 19))
    assert [d.due for d in due_within(r, date(2024, 1, 11), 7)] == [date(2024, 1, 18)]
    assert due_within(r, date(2024, 1, 11), 6) == []
    assert next_deadline(r, date(2024, 3, 1)).due == date(2024, 1, 18)  # overdue still shows


def test_clarification_stops_and_restarts_the_clock(register) -> None:
    r = change_status(_request(register), "sent", date(2024, 6, 3))
    r = change_status(r, "clarification_requested", date(2024, 6, 5))
    assert open_deadlines(r) == []
    r = change_status(r, "awaiting_response", date(2024, 6, 10))  # clarification received
    # From Mon 2024-06-10: Jun 11-14 (1-4), 17-21 (5-9), 24-28 (10-14), Jul 1-5 (15-19), Jul 8 (20).
    assert next_deadline(r, date(2024, 6, 10)).due == date(2024, 7, 8)


def test_extension_review_and_appeal_windows(register) -> None:
    r = change_status(_request(register), "sent", date(2023, 12, 15))
    r = change_status(r, "extended", date(2024, 1, 10))
    d = next_deadline(r, date(2024, 1, 10))
    assert (d.kind, d.due) == ("extended_response", date(2024, 2, 15))
    r = change_status(r, "refused", date(2024, 6, 3), exemptions=["s.40(2)"])
    d = next_deadline(r, date(2024, 6, 3))
    # The requester's window to ask for a review: 40 working days (FOIA), hand-counted in test_deadlines.
    assert (d.kind, d.party, d.due) == ("review_request", "requester", date(2024, 7, 30))
    assert not is_overdue(r, date(2024, 8, 1))  # a lapsed requester window isn't the authority's fault
    assert next_deadline(r, date(2024, 8, 1)) is None
    r = change_status(r, "internal_review", date(2024, 6, 3))
    d = next_deadline(r, date(2024, 6, 3))
    assert (d.kind, d.party, d.due, d.latest) == ("review", "authority", date(2024, 7, 1), date(2024, 7, 30))
    assert is_overdue(r, date(2024, 7, 2))
    assert [x.kind for x in due_within(r, date(2024, 6, 25), 10)] == ["review"]
    r = change_status(r, "refused", date(2024, 8, 31))
    d = next_deadline(r, date(2024, 9, 1))
    assert (d.kind, d.party, d.due) == ("appeal_window", "requester", date(2024, 11, 30))
    assert [x.kind for x in due_within(r, date(2024, 11, 1), 30)] == ["appeal_window"]
    r = change_status(r, "appeal", date(2024, 10, 1))
    assert open_deadlines(r) == []


def test_foisa_appeal_window_is_six_months(register) -> None:
    r = change_status(_request(register, "Glenmoor"), "sent", date(2024, 5, 1))
    r = change_status(r, "refused", date(2024, 5, 20), exemptions=["s.38(1)(b)"])
    r = change_status(r, "internal_review", date(2024, 6, 3))
    assert next_deadline(r, date(2024, 6, 3)).due == date(2024, 7, 1)  # FOISA s.21(1), no outer limit
    assert next_deadline(r, date(2024, 6, 3)).latest is None
    r = change_status(r, "partially_successful", date(2024, 8, 31))
    assert next_deadline(r, date(2024, 9, 1)).due == date(2025, 2, 28)


def test_the_shipped_register_is_used_by_default() -> None:
    met = new_request("the Met", title="t", template="Dear {authority}", on=date(2024, 1, 2))
    assert (met.authority, met.law, met.text) == ("Metropolitan Police Service", "foia",
                                                  "Dear Metropolitan Police Service")
    assert new_request("Police Scotland", title="t", template="x", on=date(2024, 1, 2)).law == "foisa"
    with pytest.raises(InvalidInputError, match="^authority: unknown authority 'Ministry of Magic'"):
        new_request("Ministry of Magic", title="t", template="x")


def test_foisa_dates_the_next_step_when_the_authority_is_silent(register) -> None:
    r = change_status(_request(register, "Glenmoor"), "sent", date(2024, 6, 3))
    response, review = open_deadlines(r)
    # FOISA, sent Mon 2024-06-03: Jun 4-28 (19), Jul 1 (20).
    assert (response.kind, response.due) == ("response", date(2024, 7, 1))
    # Then 40 working days after Jul 1 (s.20(5)(b)): Jul 2-5 (4), 8-12 (9; 12 July counts in
    # Scotland), 15-19 (14), 22-26 (19), 29-31 (22), Aug 1-2 (24), Aug 5 x (first Monday in
    # August), 6-9 (28), 12-16 (33), 19-23 (38), 26-27 (40).
    assert (review.kind, review.party, review.due) == ("review_request", "requester", date(2024, 8, 27))
    assert "s.20(5)(b)" in review.rule
    assert next_deadline(r, date(2024, 7, 2)).kind == "response"  # overdue, and still first
    # An unanswered review: due 2024-08-08 (counted in test_calendar), then six months (s.47(4)(b)).
    r = change_status(r, "internal_review", date(2024, 7, 10))
    assert [(d.kind, d.due) for d in open_deadlines(r)] == [
        ("review", date(2024, 8, 8)), ("appeal_window", date(2025, 2, 8))
    ]
    # FOIA has no such statutory steps: one deadline only.
    foia = change_status(_request(register), "sent", date(2024, 6, 3))
    assert [d.kind for d in open_deadlines(foia)] == ["response"]
