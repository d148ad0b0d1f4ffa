"""The FOI tables: requests round trip, all-or-nothing batches, validated status changes,
responses whose figures carry the requester, and linked stories."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from disclosed.authorities import get_register
from disclosed.errors import InvalidInputError, NotFoundError, ReadError, StoreError
from disclosed.foi.records import FoiRequest, StatusChange
from disclosed.foi.requests import new_batch
from disclosed.foi.statuses import change_status
from disclosed.runs import foi as tracking
from disclosed.store import foi as tracker
from disclosed.store.database import migration_heads
from disclosed.store.schema import FoiStatusChangeRow

FIXTURES = Path(__file__).parents[1] / "fixtures" / "foi"
DISMISSALS = FIXTURES / "response_dismissals.txt"
TABLE_ONLY = FIXTURES / "response_table_only.txt"  # figures, but no words saying what was decided
TEMPLATE = "Dear {authority},\n\nHow many staff were disciplined for misusing social media?\n\n{requester}"


def _request(rid: str = "r1", authority: str = "Home Office", law: str = "foia", *, batch: str | None = None,
             requester: str | None = "A. Researcher", sent: date | None = date(2024, 3, 4)) -> FoiRequest:
    r = FoiRequest(id=rid, batch=batch, authority=authority, nation="UK-wide", law=law, title="Social media",
                   text="How many?", requester=requester, reference="FOI-1", our_reference="ours-1",
                   history=[StatusChange(status="draft", on=date(2024, 3, 1))])
    return change_status(r, "sent", sent) if sent else r


def _change_rows(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(FoiStatusChangeRow.id)))


def test_migration_creates_the_four_tables(store):
    names = set(inspect(store.engine).get_table_names())
    assert {"foi_requests", "foi_status_changes", "foi_responses", "foi_request_stories"} <= names
    with store.engine.connect() as conn:
        heads = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    assert heads == migration_heads()


def test_a_request_round_trips_with_its_history(store):
    original = change_status(_request(), "refused", date(2024, 3, 20), exemptions=["section 40(2)"],
                             note="by letter")
    tracker.save_request(store, original, by="tester")
    assert tracker.get_request(store, "r1") == original
    assert tracker.get_request(store, "r1").history[-1].exemptions == ["s.40(2)"]


def test_an_unknown_id_is_a_clear_not_found(store):
    with pytest.raises(NotFoundError, match="'nope'"):
        tracker.get_request(store, "nope")
    with pytest.raises(NotFoundError):
        tracking.record_status(store, "nope", "sent", date(2024, 1, 1))


def test_list_filters_by_status_batch_and_authority(store):
    scottish = _request("b", "Police Scotland", "foisa", batch="b1")
    tracker.save_requests(store, [_request("a", batch="b1"), scottish, _request("c", sent=None)])
    assert {r.id for r in tracker.list_requests(store)} == {"a", "b", "c"}
    assert [r.id for r in tracker.list_requests(store, status="draft")] == ["c"]
    assert {r.id for r in tracker.list_requests(store, batch="b1")} == {"a", "b"}
    assert [r.id for r in tracker.list_requests(store, authority="scotland")] == ["b"]


def test_a_batch_of_fifty_is_stored_in_one_transaction(store):
    names = [a.official_name for a in list(get_register())[:50]]
    batch = new_batch(names, title="Social media discipline", template=TEMPLATE, requester="A. Researcher",
                      on=date(2024, 3, 1))
    assert len(batch) == 50
    tracker.save_requests(store, batch)
    stored = tracker.list_requests(store, batch=batch[0].batch)
    assert len(stored) == 50
    assert {r.authority for r in stored} == set(names)


def test_a_batch_with_one_unknown_authority_stores_nothing(store):
    names = [a.official_name for a in list(get_register())[:49]] + ["Ministry of Imaginary Affairs"]
    with pytest.raises(InvalidInputError, match="Ministry of Imaginary Affairs"):
        tracker.save_requests(store, new_batch(names, title="t", template=TEMPLATE, on=date(2024, 3, 1)))
    assert tracker.list_requests(store) == []


def test_a_batch_failing_in_the_database_rolls_back_whole(store):
    tracker.save_request(store, _request("taken"))
    batch = [_request(f"r{i}", batch="b") for i in range(49)] + [_request("taken", batch="b")]
    with pytest.raises(StoreError, match="nothing was saved"):
        tracker.save_requests(store, batch)
    assert [r.id for r in tracker.list_requests(store)] == ["taken"]
    assert _change_rows(store) == 2  # the first request's draft and sent, no more


def test_a_status_change_is_kept_in_the_history(store):
    tracker.save_request(store, _request())
    moved = tracking.record_status(store, "r1", "refused", date(2024, 3, 28), exemptions=["s.12", "s.40(2)"])
    again = tracker.get_request(store, "r1")
    assert again == moved
    assert [c.status for c in again.history] == ["draft", "sent", "refused"]
    assert again.history[-1].exemptions == ["s.12", "s.40(2)"]
    assert tracker.list_requests(store, status="refused")[0].id == "r1"


@pytest.mark.parametrize(
    ("sent", "status", "on", "field"),
    [
        (None, "internal_review", date(2024, 3, 5), "status"),  # a draft has had no answer to review
        (date(2024, 3, 4), "refused", date(2024, 3, 2), "on"),  # before the last change
        (date(2024, 3, 4), "successful", date(2024, 3, 20), "exemptions"),  # a success cites nothing
        (date(2024, 3, 4), "sideways", date(2024, 3, 20), "status"),
    ],
)
def test_an_invalid_status_change_writes_nothing(store, sent, status, on, field):
    tracker.save_request(store, _request(sent=sent))
    before = tracker.get_request(store, "r1")
    rows = _change_rows(store)
    exemptions = ["s.40(2)"] if field == "exemptions" else []
    with pytest.raises(InvalidInputError) as err:
        tracking.record_status(store, "r1", status, on, exemptions=exemptions)
    assert err.value.field == field
    assert tracker.get_request(store, "r1") == before
    assert _change_rows(store) == rows


def test_a_response_becomes_figures_carrying_the_requester(store):
    tracker.save_request(store, _request())
    result = tracking.attach_response_file(store, "r1", DISMISSALS, date(2024, 3, 25))
    assert result.new_document and not result.applied
    stored = store.figures(document_id=result.document_id)
    seven = [f for f in stored if f.count == 7]
    assert len(seven) == 1
    assert (seven[0].organisation, seven[0].outcome, seven[0].period_start, seven[0].period_end) == (
        "Home Office", "dismissed", "2019", "2022")
    assert stored and all(f.requester == "A. Researcher" for f in stored)
    assert tracker.response_figures(store, ["r1"])["r1"] == stored
    assert tracker.get_request(store, "r1").status == "sent"  # a proposal is only shown
    [kept] = tracker.responses(store, "r1")
    assert kept.proposal == result.proposal and kept.received == date(2024, 3, 25) and not kept.applied


def test_a_document_already_ingested_gets_the_requester_when_attached(store):
    doc, figures = tracking.read_response(DISMISSALS)
    first = store.add_document(doc, figures)
    assert {f.requester for f in store.figures()} == {None}
    tracker.save_request(store, _request())
    result = tracking.attach_response(store, "r1", doc, figures, date(2024, 3, 25))
    assert result.document_id == first.document_id and not result.new_document
    assert {f.requester for f in store.figures()} == {"A. Researcher"}
    assert store.count_documents() == 1


def test_a_strong_proposal_is_applied_only_when_asked(store):
    tracker.save_request(store, _request())
    shown = tracking.attach_response_file(store, "r1", FIXTURES / "response_refusal.txt", date(2024, 3, 28))
    assert (shown.proposal.status, shown.proposal.confidence) == ("refused", "strong")
    assert tracker.get_request(store, "r1").status == "sent"
    applied = tracking.attach_response_file(store, "r1", FIXTURES / "response_refusal.txt", date(2024, 3, 28),
                                           apply=True)
    again = tracker.get_request(store, "r1")
    assert applied.applied and again.status == "refused"
    assert again.history[-1].exemptions == ["s.12(1)"]
    assert [r.applied for r in tracker.responses(store, "r1")] == [True]  # one link, now applied


def test_a_weak_proposal_needs_confirming_and_otherwise_stores_nothing(store):
    tracker.save_request(store, _request())
    with pytest.raises(InvalidInputError, match="weak"):
        tracking.attach_response_file(store, "r1", TABLE_ONLY, date(2024, 3, 25),
                                     apply=True)
    assert store.count_documents() == 0 and tracker.responses(store, "r1") == []
    assert tracker.get_request(store, "r1").status == "sent"
    result = tracking.attach_response_file(store, "r1", TABLE_ONLY, date(2024, 3, 25),
                                          apply=True, confirm=True)
    assert result.proposal.confidence == "weak"
    assert tracker.get_request(store, "r1").status == "successful"


def test_an_unreadable_response_is_a_read_error(store, tmp_path):
    tracker.save_request(store, _request())
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ReadError, match="empty.txt"):
        tracking.attach_response_file(store, "r1", empty, date(2024, 3, 25))
    assert store.count_documents() == 0


def test_stories_link_once(store):
    tracker.save_request(store, _request())
    assert tracker.link_story(store, "r1", "story-17", note="front page")
    assert not tracker.link_story(store, "r1", "story-17")
    assert [(s.story_id, s.note) for s in tracker.linked_stories(store, "r1")] == [("story-17", "front page")]
    with pytest.raises(NotFoundError):
        tracker.link_story(store, "missing", "story-17")
