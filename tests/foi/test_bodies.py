"""Choosing the body a request goes to: exact names, near misses that need a yes, bodies outside
the register tracked as written, and "did you mean" suggestions (the packaged register)."""

from __future__ import annotations

import pytest

from disclosed.authorities import get_register
from disclosed.errors import InvalidInputError
from disclosed.foi.bodies import KnownBody, choose_bodies, choose_body
from disclosed.foi.requests import new_batch, new_request


@pytest.fixture(scope="module")
def reg():
    return get_register()


def test_an_exact_name_or_alias_is_taken_without_a_note(reg) -> None:
    choice = choose_body("the Met", reg)
    assert (choice.name, choice.source, choice.note) == ("Metropolitan Police Service", "register", None)


@pytest.mark.parametrize(("typo", "body"), [("Home Ofice", "Home Office"), ("Surrey Plice", "Surrey Police")])
def test_a_near_miss_is_never_silent(reg, typo: str, body: str) -> None:
    with pytest.raises(InvalidInputError, match=f"resolved to {body}\\? Rerun with --yes"):
        choose_body(typo, reg)
    taken = choose_body(typo, reg, yes=True)
    assert (taken.name, taken.note) == (body, f"resolved {typo!r} to {body}")


def test_a_made_up_trust_one_letter_from_an_alias_is_not_that_trust(reg) -> None:
    made_up = (
        "North Wust Ambulance Service"  # one letter from an alias of North West Ambulance Service NHS Trust
    )
    with pytest.raises(InvalidInputError, match="did you mean North West Ambulance Service NHS Trust\\?"):
        choose_body(made_up, reg)
    tracked = choose_body(made_up, reg, law="foia")
    assert (tracked.name, tracked.source, tracked.law) == (made_up, "outside", "foia")
    assert "not in the authority register" in (tracked.note or "")
    near = choose_body("Surrey Plice", reg, law="foia")  # a near miss named with --law stays as written
    assert (near.name, near.source) == ("Surrey Plice", "outside")
    assert "closest registered body is Surrey Police" in (near.note or "")


def test_an_unknown_name_gets_suggestions(reg) -> None:
    with pytest.raises(InvalidInputError) as err:
        choose_body("Kent", reg)
    message = str(err.value)
    assert message.startswith(
        "authority: unknown authority 'Kent'; did you mean Kent Police? Kent County Council? "
        "Kent Fire and Rescue Service?"
    )
    assert "--law foia|foisa|eir|eisr" in message


def test_a_body_outside_the_register_is_tracked_with_the_law_named(reg) -> None:
    r = new_request(
        "Parish Council of Nowhere", title="t", template="Dear {authority}", law="foia", register=reg
    )
    assert (r.authority, r.law, r.nation, r.text) == (
        "Parish Council of Nowhere",
        "foia",
        None,
        "Dear Parish Council of Nowhere",
    )
    eir = new_request(
        "Parish Council of Nowhere", title="t", template="q", law="foia", environmental=True, register=reg
    )
    assert eir.law == "eir"
    scottish = new_request(
        "Glen Nowhere Community Council", title="t", template="q", law="foisa", register=reg
    )
    assert scottish.law == "foisa"
    with pytest.raises(InvalidInputError, match="unknown authority 'Parish Council of Nowhere'"):
        new_request("Parish Council of Nowhere", title="t", template="q", register=reg)


def test_imported_bodies_match_by_name_and_short_name(reg) -> None:
    known = [
        KnownBody(name="Upper Wick Academy Trust", short_name="UWAT"),
        KnownBody(name="Nowhere Town Council", short_name="Nowhere", match_short_name=False),
    ]
    assert choose_body("uwat", reg, known=known).name == "Upper Wick Academy Trust"
    assert choose_body("Upper Wick Academy Trust", reg, known=known).source == "whatdotheyknow"
    with pytest.raises(InvalidInputError, match="did you mean Nowhere Town Council"):
        choose_body("Nowhere", reg, known=known)  # a bare place name is a display name, never an alias


def test_a_batch_reports_every_problem_and_makes_nothing(reg) -> None:
    with pytest.raises(InvalidInputError) as err:
        new_batch(
            ["Home Office", "Home Ofice", "Atlantis Borough Council"], title="t", template="q", register=reg
        )
    message = str(err.value)
    assert "'Home Ofice' is not in the register: resolved to Home Office?" in message
    assert "unknown authority 'Atlantis Borough Council'" in message
    with pytest.raises(InvalidInputError, match="are the same authority"):
        choose_bodies(["Home Office", "Home Ofice"], reg, yes=True)
    made = new_batch(
        ["Kent Police", "Atlantis Borough Council"], title="t", template="q", law="foia", register=reg
    )
    assert [(r.authority, r.law) for r in made] == [
        ("Kent Police", "foia"),
        ("Atlantis Borough Council", "foia"),
    ]
