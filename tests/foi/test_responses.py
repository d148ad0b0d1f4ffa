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
from disclosed.foi.responses import (
    FINDINGS,
    apply_proposal,
    cited_exemptions,
    cited_sections,
    figures_for_response,
    propose_status,
)
from disclosed.foi.statuses import change_status, check_exemptions
from disclosed.model import Figure

RESPONSES = Path(__file__).parent / "fixtures" / "responses"
REPLIES = Path(__file__).parents[1] / "fixtures" / "foi" / "replies"
EXPECTED = tomllib.loads((REPLIES / "expected.toml").read_text(encoding="utf-8"))


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
        ("not_held.txt", "foia", "not_held", "strong", ["not held"]),
        ("clarification.txt", "foia", "clarification_requested", "strong", []),
        ("success.txt", "foia", "successful", "strong", []),
        ("extension.txt", "foia", "extended", "strong", []),
        ("scottish_refusal.txt", "foisa", "refused", "strong", ["s.38(1)(b)", "s.17"]),
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
    assert "exceed the appropriate limit" in phrases
    assert "refusing your request" in phrases
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
        ("deemed vexatious", "foisa", ["s.14(1)"]),
        ("it would exceed the cost limit", "eisr", ["reg.10(4)(b)"]),
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
    for finding, levels in data["signals"].items():
        assert finding in FINDINGS
        assert set(levels) <= {"strong", "weak"}
        phrases = levels.get("strong", []) + levels.get("weak", [])
        assert len(phrases) == len(set(phrases)), finding
        for phrase in phrases:
            re.compile(phrase)
    for name, ground in data["grounds"].items():
        assert ground["kind"] in FINDINGS, name
        for law in ("foia", "foisa", "eir", "eisr"):
            assert check_exemptions([ground[law]], law) == [ground[law]], (name, law)
    for law, kinds in data["section_kinds"].items():
        for code, kind in kinds.items():
            assert kind in (*FINDINGS, "soft"), (law, code)
            assert check_exemptions([code], law) == [code], (law, code)
    for group in ("request_headings", "response_headings", "quoted_from", "boilerplate", "request_sentences"):
        for phrase in data["layout"][group]:
            re.compile(phrase)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_kind_of_reply_is_read_right(name: str) -> None:
    """Cost limit (FOIA and FOISA), NCND, not held, partial disclosures (with exemptions, with
    part not held, with part over the cost limit), clarification, disclosures by link,
    attachment and Q&A, EIR and EISR wording, vexatious and repeated, extension, acknowledgement."""
    want = EXPECTED[name]
    text = (REPLIES / f"{name}.txt").read_text(encoding="utf-8")
    p = propose_status(text, want["law"])
    assert (p.status, p.exemptions) == (want["status"], want["sections"])
    assert p.confidence == "strong", p.reason
    assert p.reason
    for m in p.evidence:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    ("text", "law", "codes"),
    [
        ("withheld under s.40(2)", "foia", ["s.40(2)"]),
        ("exempt under section 40 (2) of the Act", "foia", ["s.40(2)"]),
        ("exempt by virtue of section 27(1)(a)(b) & (d)", "foia", ["s.27(1)(a)", "s.27(1)(b)", "s.27(1)(d)"]),
        ("exempt under s24(1) and S.23(1)", "foia", ["s.24(1)", "s.23(1)"]),
        ("excepted under Regulation 12(4)(b)", "eir", ["reg.12(4)(b)"]),
        ("regulations 12(5)(b) and (e), and 13", "eir", ["reg.12(5)(b)", "reg.12(5)(e)", "reg.13"]),
        ("sections 31(1)(a) and (b), 40(2) and/or 43(2)", "foia",
         ["s.31(1)(a)", "s.31(1)(b)", "s.40(2)", "s.43(2)"]),
        ("section 40(2) and (3)", "foia", ["s.40(2)", "s.40(3)"]),
        ("section 38(1)(b) of FOISA", "foisa", ["s.38(1)(b)"]),
        ("section 35 of the Data Protection Act 2018", "foia", []),
        ("section 30(1)(c)(ii)", "foia", ["s.30(1)(c)(ii)"]),
        ("Section 12 of the Freedom of Information Act 2000 (FOIA)", "foia", ["s.12"]),
    ],
)
def test_section_lists_in_every_written_form(text: str, law: str, codes: list[str]) -> None:
    assert [m.code for m in cited_sections(text, law)] == codes


def test_partial_disclosure_says_what_was_withheld_under_which_section() -> None:
    p = propose_status((REPLIES / "partial_table.txt").read_text(encoding="utf-8"), "foia")
    withheld = [(part.finding, part.sections) for part in p.parts if part.finding == "withheld"]
    assert withheld == [("withheld", ["s.40(2)"]), ("withheld", ["s.31(1)(a)", "s.31(1)(b)", "s.31(1)(g)"])]
    assert any(part.finding == "disclosed" for part in p.parts)


def test_the_requesters_words_quoted_in_the_reply_are_not_read_as_the_reply() -> None:
    quoted = "Request\n\nIf you do not hold it, say so. Please find attached my earlier letter.\n\n"
    answer = "Response\n\nPlease find attached the figures you asked for.\n"
    p = propose_status(quoted + answer, "foia")
    assert (p.status, p.confidence) == ("successful", "strong")
    assert all(m.start >= len(quoted) for m in p.evidence)
    only_request = propose_status(quoted, "foia")
    assert only_request.status is None


def test_negated_phrases_do_not_count() -> None:
    p = propose_status("We do not consider the information to be exempt. Please find it attached.", "foia")
    assert (p.status, p.exemptions) == ("successful", [])


def test_a_weak_proposal_gives_its_reason() -> None:
    p = propose_status(_read("vague.txt"), "foia")
    assert p.needs_confirmation and "weak" in p.reason
