"""Status changes: the transition table, the history, and moves that make no sense."""

from __future__ import annotations

from datetime import date

import pytest

from disclosed.errors import InvalidInputError
from disclosed.foi.records import FoiRequest, StatusChange
from disclosed.foi.statuses import (
    STATUSES,
    change_status,
    check_exemptions,
    exemptions_for,
    normalise_exemption,
    parse_status,
    status_label,
    transitions,
)


def _draft(law: str = "foia") -> FoiRequest:
    return FoiRequest(
        authority="Northshire Constabulary", law=law, title="Social media discipline", text="Please...",
        history=[StatusChange(status="draft", on=date(2024, 5, 1))],
    )


def test_table_covers_every_status_and_only_known_ones() -> None:
    table = transitions()
    assert set(table) == set(STATUSES)
    for source, targets in table.items():
        assert set(targets) <= set(STATUSES), source
        assert source not in targets, f"{source} moves to itself"
        assert len(set(targets)) == len(targets)
    assert table["closed"] == ()
    assert all(status_label(s) for s in STATUSES)


def test_every_status_is_reachable_from_draft_and_can_reach_closed() -> None:
    table = transitions()
    seen, todo = {"draft"}, ["draft"]
    while todo:
        for nxt in table[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(STATUSES)
    assert all("closed" in targets for status, targets in table.items() if status != "closed")


def test_exemption_lists_are_well_formed() -> None:
    for law in ("foia", "foisa", "eir", "eisr"):
        codes = exemptions_for(law)
        assert "not held" in codes
        assert all(normalise_exemption(code) == code for code in codes), law
    assert exemptions_for("foia")["s.40"] == "personal data"
    assert exemptions_for("foisa")["s.38"] == "personal information"


def test_a_request_goes_through_its_life_with_a_dated_history() -> None:
    r = _draft()
    r = change_status(r, "sent", date(2024, 5, 2))
    r = change_status(r, "awaiting response", date(2024, 5, 3))
    r = change_status(r, "refused", date(2024, 5, 30), exemptions=["section 12", "s 14(1)"])
    r = change_status(r, "internal_review", date(2024, 6, 3))
    r = change_status(r, "Partially-Successful", date(2024, 6, 20), exemptions=["s.40(2)"])
    r = change_status(r, "appeal", date(2024, 7, 1), appeal_to="ico")
    r = change_status(r, "closed", date(2024, 9, 1), note="decision notice received")
    assert r.status == "closed"
    assert [(c.status, c.on) for c in r.history] == [
        ("draft", date(2024, 5, 1)),
        ("sent", date(2024, 5, 2)),
        ("awaiting_response", date(2024, 5, 3)),
        ("refused", date(2024, 5, 30)),
        ("internal_review", date(2024, 6, 3)),
        ("partially_successful", date(2024, 6, 20)),
        ("appeal", date(2024, 7, 1)),
        ("closed", date(2024, 9, 1)),
    ]
    assert r.history[3].exemptions == ["s.12", "s.14(1)"]
    assert r.history[6].appeal_to == "ico"
    assert r.history[7].note == "decision notice received"


def test_change_returns_a_copy_and_leaves_the_original() -> None:
    r = _draft()
    sent = change_status(r, "sent", date(2024, 5, 2))
    assert r.status == "draft" and len(r.history) == 1
    assert sent.status == "sent" and len(sent.history) == 2


@pytest.mark.parametrize(
    ("moves", "bad", "message"),
    [
        ([], "internal_review", "status: cannot move from draft to internal_review"),
        ([], "refused", "status: cannot move from draft to refused"),
        (["sent"], "sent", "status: cannot move from sent to sent"),
        (["sent", "closed"], "sent", "status: cannot move from closed to sent"),
        (["sent", "clarification_requested"], "successful",
         "status: cannot move from clarification_requested to successful"),
        ([], "pending", "status: unknown status 'pending'"),
    ],
)
def test_moves_that_make_no_sense_are_refused(moves: list[str], bad: str, message: str) -> None:
    r = _draft()
    for status in moves:
        r = change_status(r, status, date(2024, 5, 2))
    before = r.model_copy(deep=True)
    with pytest.raises(InvalidInputError) as err:
        change_status(r, bad, date(2024, 5, 3))
    assert str(err.value).startswith(message)
    assert err.value.field == "status"
    assert r == before


def test_a_change_dated_before_the_last_one_is_refused() -> None:
    r = change_status(_draft(), "sent", date(2024, 5, 10))
    with pytest.raises(InvalidInputError, match=r"^on: 2024-05-09 is before the last change \(2024-05-10\)"):
        change_status(r, "awaiting_response", date(2024, 5, 9))


def test_foisa_rules() -> None:
    r = change_status(_draft("foisa"), "sent", date(2024, 5, 2))
    with pytest.raises(InvalidInputError, match="^status: FOISA 2002 has no extension"):
        change_status(r, "extended", date(2024, 5, 20))
    refused = change_status(r, "refused", date(2024, 5, 20), exemptions=["section 38(1)(b)"])
    assert refused.history[-1].exemptions == ["s.38(1)(b)"]
    with pytest.raises(InvalidInputError, match="needs a review first"):
        change_status(refused, "appeal", date(2024, 6, 1))
    reviewed = change_status(change_status(refused, "internal_review", date(2024, 6, 1)), "refused",
                             date(2024, 6, 20))
    appealed = change_status(reviewed, "appeal", date(2024, 7, 1))
    assert appealed.history[-1].appeal_to == "sic"
    with pytest.raises(InvalidInputError, match="^appeal_to: a FOISA appeal goes to sic, not 'ico'"):
        change_status(reviewed, "appeal", date(2024, 7, 1), appeal_to="ico")


def test_exemptions_are_checked_against_the_law() -> None:
    r = change_status(_draft(), "sent", date(2024, 5, 2))
    with pytest.raises(InvalidInputError, match="^exemptions: 's.99' is not an exemption under FOIA"):
        change_status(r, "refused", date(2024, 5, 20), exemptions=["s.99"])
    with pytest.raises(InvalidInputError, match="^exemptions: only a refusal or partial disclosure"):
        change_status(r, "successful", date(2024, 5, 20), exemptions=["s.40"])
    cited = check_exemptions(["information not held", "Section 40 (2)", "s40(2)"], "foia")
    assert cited == ["not held", "s.40(2)"]
    assert check_exemptions(["regulation 12(5)(e)"], "eir") == ["reg.12(5)(e)"]
    with pytest.raises(InvalidInputError, match="^exemptions: 's.43' is not an exemption under FOISA"):
        check_exemptions(["s.43"], "foisa")  # FOISA's commercial interests exemption is s.33


def test_parse_status() -> None:
    assert parse_status("Awaiting Response") == "awaiting_response"
    assert parse_status("internal-review") == "internal_review"
    with pytest.raises(InvalidInputError, match="^status: unknown status 'lost'"):
        parse_status("lost")


def test_status_must_agree_with_the_history() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="is not the last change in the history"):
        FoiRequest(authority="X", law="foia", title="t", text="q", status="sent",
                   history=[StatusChange(status="draft", on=date(2024, 5, 1))])
