"""WhatDoTheyKnow imports: the authorities CSV as bodies beside the register, a request's JSON as
a tracked request with its history and responses; both idempotent (fixtures in Alaveteli's formats)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosed.authorities import get_register
from disclosed.errors import InvalidInputError
from disclosed.foi.bodies import choose_body
from disclosed.runs import whatdotheyknow as wdtk
from disclosed.store import foi as tracker
from disclosed.store import open_store

HERE = Path(__file__).parents[1] / "fixtures" / "foi" / "whatdotheyknow"


@pytest.fixture
def store(tmp_path):
    return open_store(str(tmp_path / "wdtk.db"))


def test_authorities_csv_imports_once_and_keeps_place_names_as_display_names(store) -> None:
    assert wdtk.import_authorities(store, HERE / "all-authorities.csv") == (4, 0)
    assert wdtk.import_authorities(store, HERE / "all-authorities.csv") == (0, 0)  # idempotent
    known = {b.name: b for b in wdtk.known_bodies(store)}
    assert known["Upper Wick Academy Trust"].match_short_name  # "UWAT" is an acronym: an alias
    assert not known["Nowhere Parish Council"].match_short_name  # "Nowhere" is a bare place name
    assert known["Glen Ardoch Housing Association"].match_short_name  # a short name with a body noun
    assert known["Glen Ardoch Housing Association"].nation == "Scotland"  # from the "scotland" tag
    reg = get_register()
    assert choose_body("UWAT", reg, known=list(known.values())).name == "Upper Wick Academy Trust"
    with pytest.raises(InvalidInputError, match="did you mean Nowhere Parish Council"):
        choose_body("Nowhere", reg, known=list(known.values()))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Name,Tags\nA body,x\n", "no URL name column"),
        ("Name,URL name\n,empty_name\n", ":2: a body needs a Name and a URL name"),
    ],
)
def test_a_bad_authorities_csv_names_the_file_and_stores_nothing(store, tmp_path, text, message) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=message):
        wdtk.import_authorities(store, bad)
    assert wdtk.known_bodies(store) == []


def test_a_request_imports_with_its_history_and_reply_once(store) -> None:
    first = wdtk.import_request(store, HERE / "request.json", attachments=[HERE / "reply.txt"])
    r = first.request
    assert first.created and first.attached == ["reply.txt"]
    assert (r.authority, r.law, r.requester) == ("Upper Wick Academy Trust", "foia", "R. Okoro")
    assert [c.status for c in r.history] == ["draft", "sent", "partially_successful"]
    assert [c.on.isoformat() for c in r.history] == ["2024-02-05", "2024-02-05", "2024-03-04"]
    assert r.received.isoformat() == "2024-02-05"
    [response] = tracker.responses(store, r.id)
    assert (response.proposal.status, response.proposal.exemptions) == ("partially_successful", ["s.40(2)"])
    assert store.count_documents() == 1

    again = wdtk.import_request(store, HERE / "request.json", attachments=[HERE / "reply.txt"])
    assert (again.created, again.new_events, again.attached) == (False, 0, [])
    assert len(tracker.list_requests(store)) == 1 and len(tracker.responses(store, r.id)) == 1
    assert tracker.get_request(store, r.id).history == r.history

    later = wdtk.import_request(store, HERE / "request_later.json")
    assert (later.created, later.new_events) == (False, 1)
    assert later.request.status == "internal_review"


def test_a_json_that_is_not_an_alaveteli_request_is_refused(store, tmp_path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"title": "t"}), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="not an Alaveteli request"):
        wdtk.import_request(store, bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="not JSON"):
        wdtk.import_request(store, bad)
    assert tracker.list_requests(store) == []
