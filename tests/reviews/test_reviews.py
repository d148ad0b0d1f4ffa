"""Overrides: corrections, rejections, confirmations and added figures, kept apart from the
extraction, laid over it after every re-extraction, orphaned (never dropped) when the figure goes."""

from __future__ import annotations

import pytest

from disclosed.errors import InvalidInputError, NotFoundError
from disclosed.runs import reviews
from disclosed.runs.ingest import ingest_paths, reextract_store
from disclosed.runs.remove import remove_documents, resolve_documents
from disclosed.runs.stories import dataset


def _figure_ids(store) -> dict[tuple[str, int], int]:
    from disclosed.store.document_refs import figures_by_document

    return {(fig.outcome, fig.count): fig_id for _doc, fig_id, fig in figures_by_document(store)}


def _by_outcome(store) -> dict[str, object]:
    return {f.outcome: f for f in store.figures()}


def test_a_correction_is_read_everywhere_and_survives_reextract(store, harbour):
    ingest_paths(store, [harbour])
    warned = _figure_ids(store)[("written_warning", 9)]
    review = reviews.review_figure(store, warned, "correct", by="alice", note="the council's staff",
                                   fields={"organisation": "Harbourside Council", "staff_group": "staff"},
                                   version=0)
    assert (review.version, review.status, review.reviewed_by) == (1, "corrected", "alice")
    assert review.extracted["organisation"] == "Northshire Police"
    [change] = review.changes
    assert change.before["organisation"] == "Northshire Police"
    assert change.after["organisation"] == "Harbourside Council" and change.note == "the council's staff"

    figs = _by_outcome(store)
    assert (figs["written_warning"].organisation, figs["written_warning"].staff_group) == (
        "Harbourside Council", "staff")
    assert figs["dismissed"].organisation == "Northshire Police"  # the others untouched
    orgs = {row.organisation for row in dataset(store, topic=None).rows}
    assert "Harbourside Council" in orgs

    report = reextract_store(store)
    assert report.figures_after == 3
    figs = _by_outcome(store)
    assert figs["written_warning"].organisation == "Harbourside Council"
    again = reviews.review_of_figure(store, _figure_ids(store)[("written_warning", 9)])
    assert again is not None and again.id == review.id and not again.orphaned and len(again.changes) == 1
    assert "Harbourside Council" in {row.organisation for row in dataset(store, topic=None).rows}


def test_reject_confirm_and_progress(store, harbour):
    ingest_paths(store, [harbour])
    ids = _figure_ids(store)
    assert reviews.progress(store) == (0, 3)
    reviews.review_figure(store, ids[("resigned_or_retired", 4)], "reject", by="bob", note="not discipline")
    reviews.review_figure(store, ids[("dismissed", 6)], "confirm", by="bob")
    assert set(_by_outcome(store)) == {"dismissed", "written_warning"}
    assert reviews.progress(store) == (2, 3)
    reextract_store(store)
    assert set(_by_outcome(store)) == {"dismissed", "written_warning"}  # still rejected
    assert reviews.progress(store) == (2, 3)
    assert reviews.orphaned_reviews(store) == []
    listed = reviews.list_changes(store, by="BOB")
    assert [c.action for _, c in listed] == ["reject", "confirm"]
    assert reviews.list_changes(store, by="alice") == []


def test_a_second_reviewer_working_from_the_same_version_is_told_it_changed(store, harbour):
    ingest_paths(store, [harbour])
    fig = _figure_ids(store)[("dismissed", 6)]
    seen = reviews.figure_version(store, fig)  # both reviewers open the figure: version 0
    assert seen == 0
    reviews.review_figure(store, fig, "correct", by="alice", fields={"count": "7"}, version=seen)
    with pytest.raises(reviews.ReviewConflict, match="changed since you read it"):
        reviews.review_figure(store, fig, "correct", by="bob", fields={"count": "5"}, version=seen)
    assert _by_outcome(store)["dismissed"].count == 7  # alice's value, bob's not written
    review = reviews.review_of_figure(store, fig)
    assert [c.by for c in review.changes] == ["alice"]
    # bob reads again and corrects: both values stay in the history
    reviews.review_figure(store, fig, "correct", by="bob", fields={"count": "5"}, version=review.version)
    review = reviews.review_of_figure(store, fig)
    assert [(c.by, c.before["count"], c.after["count"]) for c in review.changes] == [
        ("alice", 6, 7), ("bob", 7, 5)]
    # the key that re-attaches it is still the extracted one
    reextract_store(store)
    assert _by_outcome(store)["dismissed"].count == 5


def test_an_override_whose_figure_disappears_is_orphaned_not_dropped(store, harbour, rewrite):
    ingest_paths(store, [harbour])
    warned = _figure_ids(store)[("written_warning", 9)]
    reviews.review_figure(store, warned, "correct", by="alice",
                          fields={"organisation": "Harbourside Council"})
    kept = _figure_ids(store)[("dismissed", 6)]
    reviews.review_figure(store, kept, "correct", by="alice", fields={"conduct": "offensive posts"})
    old = resolve_documents(store, ["harbour.txt"])
    rewrite(harbour)
    remove_documents(store, old)
    orphans = reviews.orphaned_reviews(store)  # the document is gone: both kept, orphaned
    assert [o.fields for o in orphans] == [{"organisation": "Harbourside Council"},
                                           {"conduct": "offensive posts"}]
    assert all(o.figure_id is None for o in orphans)
    ingest_paths(store, [harbour])  # the rewritten article, same file
    figs = _by_outcome(store)
    assert "written_warning" not in figs
    # the paragraph moved nothing before it: the dismissal is found again by its span
    assert figs["dismissed"].conduct == "offensive posts"
    [orphan] = reviews.orphaned_reviews(store)
    assert orphan.extracted["outcome"] == "written_warning" and len(orphan.changes) == 1
    assert [r.id for r, _ in reviews.list_changes(store, orphaned=True)] == [orphan.id]


def test_found_again_by_key_when_the_span_moved(store, harbour, rewrite):
    ingest_paths(store, [harbour])
    dwp = _figure_ids(store)[("resigned_or_retired", 4)]
    reviews.review_figure(store, dwp, "correct", by="carol", fields={"qualifier": "up_to"})
    old = resolve_documents(store, ["harbour.txt"])
    rewrite(harbour)  # the DWP sentence moved up
    remove_documents(store, old)
    ingest_paths(store, [harbour])
    assert _by_outcome(store)["resigned_or_retired"].qualifier == "up_to"
    assert reviews.orphaned_reviews(store) == []


def test_add_a_missed_figure_and_bad_input(store, harbour):
    ingest_paths(store, [harbour])
    doc_id = store.documents()[0]["id"]
    added = reviews.add_figure(store, doc_id, {
        "organisation": "Harbourside Council", "outcome": "suspended", "count": 2,
        "evidence": "Harbourside council disciplines staff over posts"}, by="dan")
    assert added.status == "added" and added.figure_id is not None
    assert _by_outcome(store)["suspended"].organisation == "Harbourside Council"
    reextract_store(store)
    assert _by_outcome(store)["suspended"].count == 2
    now = reviews.get_review(store, added.id).figure_id  # a new row: the extraction replaced them all
    with pytest.raises(InvalidInputError, match="staff_group"):
        reviews.review_figure(store, now, "correct", by="dan", fields={"staff_group": "pilots"})
    with pytest.raises(InvalidInputError, match="evidence"):
        reviews.add_figure(store, doc_id, {"organisation": "X", "outcome": "dismissed", "count": 1,
                                           "evidence": "words not in the article"}, by="dan")
    with pytest.raises(NotFoundError):
        reviews.review_figure(store, 99999, "confirm", by="dan")
    with pytest.raises(InvalidInputError, match="--set"):
        reviews.parse_assignments(["colour=blue"])
    assert reviews.parse_assignments(["organisation=Kent Police", "platforms=X, TikTok"]) == {
        "organisation": "Kent Police", "platforms": ["X", "TikTok"]}


def test_two_reviewers_correcting_the_same_figure_at_once(store, harbour):
    import threading

    ingest_paths(store, [harbour])
    fig = _figure_ids(store)[("dismissed", 6)]
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def correct(who: str, count: str) -> None:
        start.wait()
        try:
            outcomes[who] = reviews.review_figure(store, fig, "correct", by=who, fields={"count": count},
                                                  version=0)
        except reviews.ReviewConflict as err:
            outcomes[who] = err

    threads = [threading.Thread(target=correct, args=a) for a in (("alice", "7"), ("bob", "8"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [w for w, o in outcomes.items() if isinstance(o, reviews.Review)]
    lost = [w for w, o in outcomes.items() if isinstance(o, reviews.ReviewConflict)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    review = reviews.review_of_figure(store, fig)
    assert [c.by for c in review.changes] == won and review.version == 1
    assert _by_outcome(store)["dismissed"].count == {"alice": 7, "bob": 8}[won[0]]
