"""Reading responses: proposed statuses with evidence, applying them, and stamping figures."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from disclosed.errors import InvalidInputError
from disclosed.foi.records import FoiRequest, StatusChange
from disclosed.foi.responses import apply_proposal, cited_exemptions, figures_for_response, propose_status
from disclosed.foi.statuses import STATUSES, change_status, exemptions_for
from disclosed.model import Figure

RESPONSES = Path(__file__).parent / "fixtures" / "responses"


def _read(name: str) -> str:
    return (RESPONSES / name).read_text(encoding="utf-8")


def _sent(law: str = "foia", requester: str | None = "A. Researcher") -> FoiRequest:
    r = FoiRequest(authority="Northshire Constabulary", law=law, title="t", text="q", requester=requester,
                   history=[StatusChange(status="draft", on=date(2024, 5, 1))])
    return change_status(r, "sent", date(2024, 5, 3))


@pytest.mark.parametrize(
    ("name", "law", "status", "confidence", "exemptions"),
    [
        ("refusal_cost.txt", "foia", "refused", "strong", ["s.12(1)", "s.40(2)", "s.30(1)(a)"]),
        ("partial.txt", "foia", "partially_successful", "strong", ["s.40(2)"]),
        ("not_held.txt", "foia", "refused", "strong", ["not held"]),
        ("clarification.txt", "foia", "clarification_requested", "strong", []),
        ("success.txt", "foia", "successful", "strong", []),
        ("extension.txt", "foia", "extended", "strong", []),
        ("scottish_refusal.txt", "foisa", "refused", "strong", ["s.38(1)(b)", "not held"]),
        ("eir_refusal.txt", "eir", "refused", "strong", ["reg.12(4)(b)", "reg.12(5)(e)"]),
        ("vague.txt", "foia", "refused", "weak", []),
    ],
)
def test_proposals(name: str, law: str, status: str, confidence: str, exemptions: list[str]) -> None:
    text = _read(name)
    p = propose_status(text, law)
    assert (p.status, p.confidence, p.exemptions) == (status, confidence, exemptions)
    assert p.evidence, "a proposal always shows its evidence"
    for m in p.evidence:
        assert text[m.start:m.end] == m.text


def test_refusal_evidence_names_the_phrases() -> None:
    p = propose_status(_read("refusal_cost.txt"), "foia")
    phrases = [x.lower() for x in p.phrases]
    assert "would exceed the appropriate limit" in phrases
    assert "are therefore refusing your request" in " ".join(phrases)
    assert "section 12(1)" in phrases
    assert "section 17" not in [m.text for m in p.evidence if m.points_to == "exemption"]


def test_nothing_recognisable_proposes_nothing() -> None:
    p = propose_status("Thank you for your letter of 4 June.", "foia")
    assert p.status is None and p.confidence == "weak" and p.evidence == []
    with pytest.raises(InvalidInputError, match="^status: the response suggests no status"):
        apply_proposal(_sent(), p, date(2024, 5, 30))


def test_figures_are_weak_evidence_of_a_disclosure() -> None:
    fig = _figure("Northshire Constabulary", "dismissed", 3)
    p = propose_status("2021: 3 dismissed.", "foia", figures=[fig])
    assert (p.status, p.confidence) == ("successful", "weak")


@pytest.mark.parametrize(
    ("text", "law", "codes"),
    [
        ("exempt under sections 21, 40(2) and 43(2)", "foia", ["s.21", "s.40(2)", "s.43(2)"]),
        ("see s.14(1) and ss.40 and 41", "foia", ["s.14(1)", "s.40", "s.41"]),
        ("section 1(1)(a) and section 10 of the Act", "foia", []),  # not exemptions
        ("the officer's 40 posts", "foia", []),
        ("section 43(2)", "foisa", []),  # FOISA has no section 43
        ("regulation 13 applies", "eir", ["reg.13"]),
        ("deemed vexatious", "foisa", ["s.14"]),
        ("the cost limit", "eisr", ["reg.10(4)(b)"]),
    ],
)
def test_cited_exemptions(text: str, law: str, codes: list[str]) -> None:
    assert [m.code for m in cited_exemptions(text, law)] == codes


def test_strong_proposal_is_applied_only_on_request() -> None:
    r = _sent()
    p = propose_status(_read("refusal_cost.txt"), "foia")
    assert r.status == "sent"  # proposing changed nothing
    applied = apply_proposal(r, p, date(2024, 5, 30))
    assert applied.status == "refused"
    assert applied.history[-1].exemptions == ["s.12(1)", "s.40(2)", "s.30(1)(a)"]
    assert applied.history[-1].on == date(2024, 5, 30)


def test_weak_proposal_needs_confirmation_and_changes_nothing() -> None:
    r = _sent()
    before = r.model_copy(deep=True)
    p = propose_status(_read("vague.txt"), "foia")
    with pytest.raises(InvalidInputError, match="^status: the evidence for refused is weak"):
        apply_proposal(r, p, date(2024, 5, 30))
    assert r == before
    confirmed = apply_proposal(r, p, date(2024, 5, 30), confirm=True)
    assert confirmed.status == "refused"


def test_a_proposal_that_is_not_a_valid_move_is_refused() -> None:
    draft = FoiRequest(authority="X", law="foia", title="t", text="q",
                       history=[StatusChange(status="draft", on=date(2024, 5, 1))])
    p = propose_status(_read("partial.txt"), "foia")
    with pytest.raises(InvalidInputError, match="^status: cannot move from draft to partially_successful"):
        apply_proposal(draft, p, date(2024, 5, 30))


def _figure(org: str, outcome: str, count: int, requester: str | None = None) -> Figure:
    return Figure(organisation=org, outcome=outcome, count=count, requester=requester, evidence="e",
                  evidence_start=0, evidence_end=1, count_text=str(count))


def test_figures_for_response_stamp_the_requester() -> None:
    figs = [
        _figure("Northshire Constabulary", "dismissed", 3),
        _figure("Northshire Constabulary", "investigated", 14, requester="someone else"),
    ]
    stamped = figures_for_response(_sent(), figs)
    assert [f.requester for f in stamped] == ["A. Researcher", "A. Researcher"]
    assert [f.requester for f in figs] == [None, "someone else"]  # originals untouched
    assert figures_for_response(_sent(requester=None), figs) == figs


def test_phrase_data_is_well_formed() -> None:
    with resources.files("disclosed.foi").joinpath("responses.toml").open("rb") as f:
        data = tomllib.load(f)
    for status, levels in data["signals"].items():
        assert status in STATUSES
        assert set(levels) <= {"strong", "weak"}
        phrases = levels.get("strong", []) + levels.get("weak", [])
        assert len(phrases) == len(set(phrases)), status
        for phrase in phrases:
            re.compile(phrase)
    for name, ground in data["grounds"].items():
        for law in ("foia", "foisa", "eir", "eisr"):
            assert ground[law] in exemptions_for(law), (name, law)
        for phrase in ground["phrases"]:
            re.compile(phrase)
