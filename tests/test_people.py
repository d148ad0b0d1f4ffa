"""The register of speakers across documents, and each body's policy profile over time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from disclosed.extract.statements import extract_document_statements
from disclosed.model import Document, PolicyFact, Statement
from disclosed.people import build_people, name_key, policy_profile

FIXTURES = Path(__file__).parent / "fixtures" / "facts"


def said(speaker, role=None, org=None, document="a.txt", published=None, quote="words") -> Statement:
    return Statement(
        speaker=speaker,
        role=role,
        speaker_organisation=org,
        quote=quote,
        document=document,
        published=published,
        evidence=quote,
        evidence_start=0,
        evidence_end=len(quote),
    )


def rule(kind, stance, document, published=None, org="Home Office", platforms=(), detail=None) -> PolicyFact:
    return PolicyFact(
        organisation=org,
        kind=kind,
        stance=stance,
        platforms=list(platforms),
        detail=detail,
        document=document,
        published=published,
        evidence="e",
        evidence_start=0,
        evidence_end=1,
    )


def test_name_key_ignores_case_accents_honorifics_and_hyphens():
    assert name_key("Dr Zoë George-Hill") == name_key("zoe george hill") == "zoe george hill"


def test_same_person_with_two_titles_is_one_person_with_a_history():
    people = build_people(
        [
            said("Priya Raman", "chief executive", "Civic Data Unit", "b.txt", date(2023, 6, 1)),
            said("Priya Raman", "research director", "Civic Data Unit", "a.txt", date(2021, 2, 1)),
            said(
                "Priya Raman", "research director", "Civic Data Unit", "a.txt", date(2021, 2, 1), quote="more"
            ),
        ]
    )
    (person,) = people
    assert person.name == "Priya Raman"
    assert [(t.role, t.document) for t in person.titles] == [
        ("research director", "a.txt"),
        ("chief executive", "b.txt"),
    ]
    assert person.organisations == ["Civic Data Unit"]
    assert person.documents == ["a.txt", "b.txt"]
    assert person.statements == 3


def test_near_identical_spellings_merge_and_are_kept_as_variants():
    people = build_people(
        [
            said("Steven George-Hilley", document="a.txt"),
            said("Steven George Hilley", document="b.txt"),
            said("Stephen George-Hilley", document="c.txt"),
            said("Steven George-Hilley", document="d.txt"),
        ]
    )
    (person,) = people
    assert person.name == "Steven George-Hilley"
    assert person.variants == ["Stephen George-Hilley", "Steven George Hilley"]


def test_different_people_stay_apart_and_unnamed_speakers_are_not_people():
    people = build_people(
        [
            said("Jane Roe"),
            said("Jane Rowe-Smith"),
            said("John Roe"),
            said(None, "spokesperson", "Home Office"),
        ]
    )
    assert sorted(p.name for p in people) == ["Jane Roe", "Jane Rowe-Smith", "John Roe"]


def test_people_across_fixture_documents():
    statements = []
    for name in ("06_two_bodies_banned.txt", "13_west_midlands_mixed.txt"):
        doc = Document(text=(FIXTURES / name).read_text("utf-8"), source=name, format="text")
        statements += extract_document_statements(doc)
    raman = next(p for p in build_people(statements) if p.name == "Priya Raman")
    assert {t.role for t in raman.titles} == {"research director", "chief executive"}
    assert raman.organisations == ["Civic Data Unit"]


def test_policy_profile_latest_fact_wins_and_history_is_kept():
    facts = [
        rule("access", "banned", "2012.txt", date(2012, 1, 5), platforms=["Facebook"]),
        rule("access", "allowed", "2019.txt", date(2019, 3, 1), platforms=["Facebook"]),
        rule("access", "allowed", "2020.txt", date(2020, 7, 1), platforms=["Facebook"]),
        rule("access", "allowed", "2012.txt", date(2012, 1, 5), platforms=["Twitter"]),
        rule("guidance", "issued", "undated.txt", None, detail="a short guide"),
        rule("access", "banned", "other.txt", date(2021, 1, 1), org="Kent Police", platforms=["Facebook"]),
    ]
    profile = policy_profile(facts, "Home Office")
    by_key = {(r.kind, r.platform): r for r in profile.rules}
    facebook = by_key[("access", "Facebook")]
    assert facebook.stance == "allowed"
    assert (facebook.since, facebook.as_of) == (date(2019, 3, 1), date(2020, 7, 1))
    assert facebook.sources == ["2019.txt", "2020.txt"]
    assert [f.stance for f in facebook.history] == ["banned", "allowed", "allowed"]
    assert by_key[("access", "Twitter")].stance == "allowed"
    guidance = by_key[("guidance", None)]
    assert (guidance.since, guidance.detail, guidance.sources) == (None, "a short guide", ["undated.txt"])
    assert len(profile.rules) == 3  # Kent Police's facts are not the Home Office's


def test_policy_profile_accepts_an_alias_and_keeps_side_by_side_exceptions():
    facts = [
        rule("exception", "business_case", "a.txt", date(2015, 1, 1), org="Department for Work and Pensions"),
        rule("exception", "permission", "b.txt", date(2018, 1, 1), org="Department for Work and Pensions"),
    ]
    profile = policy_profile(facts, "DWP")
    assert profile.organisation == "Department for Work and Pensions"
    assert sorted(r.stance for r in profile.rules) == ["business_case", "permission"]
