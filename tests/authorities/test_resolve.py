"""Resolving a mention to one body: aliases, spelling variants, misspellings, and what must not resolve."""

from __future__ import annotations

import random
import string

import pytest

from disclosed.authorities import find_authority_mentions, get_register, resolve_authority
from disclosed.authorities.names import name_key
from disclosed.authorities.register import ambiguous_names

REGISTER = get_register()


@pytest.mark.parametrize(
    ("mention", "official"),
    [
        ("DWP", "Department for Work and Pensions"),
        ("DWP's", "Department for Work and Pensions"),
        ("the Met's", "Metropolitan Police Service"),
        ("Department of Work and Pensions", "Department for Work and Pensions"),
        ("Department for Work & Pensions", "Department for Work and Pensions"),
        ("the Department for Work and Pensions", "Department for Work and Pensions"),
        ("the Met", "Metropolitan Police Service"),
        ("Met Police", "Metropolitan Police Service"),
        ("Metropolitan Police", "Metropolitan Police Service"),
        ("Scotland Yard", "Metropolitan Police Service"),
        ("MPS", "Metropolitan Police Service"),
        ("MoJ", "Ministry of Justice"),
        ("Department of Transport", "Department for Transport"),
        ("DfT", "Department for Transport"),
        ("HMRC", "HM Revenue and Customs"),
        ("Revenue and Customs", "HM Revenue and Customs"),
        ("Her Majesty's Revenue & Customs", "HM Revenue and Customs"),
        ("H.M. Revenue and Customs", "HM Revenue and Customs"),
        ("MoD", "Ministry of Defence"),
        ("MOD", "Ministry of Defence"),
        ("GMP", "Greater Manchester Police"),
        ("PSNI", "Police Service of Northern Ireland"),
        ("the Home Office", "Home Office"),
        ("HOME OFFICE", "Home Office"),
        ("Met Office", "Met Office"),
        ("Avon and Somerset Police", "Avon and Somerset Constabulary"),
        ("Avon & Somerset Constabulary", "Avon and Somerset Constabulary"),
        ("Kent Police", "Kent Police"),
        ("Kent County Council", "Kent County Council"),
        ("Kent Fire and Rescue Service", "Kent Fire and Rescue Service"),
        ("Camden Council", "London Borough of Camden"),
        ("Dyfed Powys Police", "Dyfed-Powys Police"),
        ("Department of Energy and Climate Change", "Department of Energy and Climate Change"),
        ("Strathclyde Police", "Strathclyde Police"),
    ],
)
def test_aliases_resolve_to_the_official_body(mention: str, official: str) -> None:
    body = REGISTER.resolve(mention)
    assert body is not None and body.official_name == official


@pytest.mark.parametrize(
    ("mention", "official"),
    [
        ("Metropolitian Police", "Metropolitan Police Service"),
        ("Department for Work and Pensons", "Department for Work and Pensions"),
        ("Ministry of Justise", "Ministry of Justice"),
        ("Ministry of Defense", "Ministry of Defence"),
        ("Greater Manchester Polise", "Greater Manchester Police"),
        ("Avon and Somerset Constabluary", "Avon and Somerset Constabulary"),
    ],
)
def test_misspellings_resolve_by_fuzzy_match(mention: str, official: str) -> None:
    body = REGISTER.resolve(mention)
    assert body is not None and body.official_name == official


@pytest.mark.parametrize(
    "mention",
    [
        "Birmingham",
        "Kent",
        "Home",
        "Office",
        "Department",
        "Police",
        "the council",
        "met",
        "mod",
        "dwp",
        "Sussex Council",
        "Gwent Police Federation",
        "Department of Educaton",
        "Kent Polise Federation",
        "East West Sussex County Council",
        "Department of Education",
        "Department of Justice",
        "FSA",
        "CSA",
        "Metropolitan",
        "",
        "   ",
    ],
)
def test_unknown_or_unsafe_mentions_resolve_to_nothing(mention: str) -> None:
    assert REGISTER.resolve(mention) is None


def test_no_registered_name_fuzzily_resolves_to_another_body() -> None:
    # Every name of every body, resolved as if it were a misspelling with its own body out of
    # the running, must find nothing: fuzzy matching never turns one real body into another.
    resolver = REGISTER._resolver
    for body in REGISTER:
        for name in (body.official_name, *body.aliases):
            assert resolver.fuzzy(name, exclude=body) is None, (name, body.official_name)


def test_ambiguous_names_are_not_also_aliases() -> None:
    # A name in ambiguous.toml that were also some body's alias would be unreachable by design.
    aliases = {name_key(n) for a in REGISTER for n in (a.official_name, *a.aliases)}
    assert {name_key(n) for n in ambiguous_names()} & aliases == set()


def test_module_level_shortcuts_use_the_shared_register() -> None:
    body = resolve_authority("the DWP")
    assert body is not None and body.official_name == "Department for Work and Pensions"
    assert [m.text for m in find_authority_mentions("Figures from the MoJ.")] == ["MoJ"]


def test_one_letter_slips_resolve_to_their_body_or_to_nothing() -> None:
    # Every name with one letter dropped or replaced, at a position fixed by a seeded generator:
    # a slip may be too close to call, but it must never land on a different body.
    rng = random.Random(3)
    wrong, right = [], 0
    for body in REGISTER:
        for name in (body.official_name, *body.aliases):
            if len(name) <= 8:
                continue
            cut = rng.randrange(len(name))
            for slip in (
                name[:cut] + name[cut + 1 :],
                name[:cut] + rng.choice(string.ascii_lowercase) + name[cut + 1 :],
            ):
                found = REGISTER.resolve(slip)
                if found is not None and found != body:
                    wrong.append((slip, body.official_name, found.official_name))
                right += found == body
    assert wrong == []
    assert right > 3000  # most slips are still recognised


def test_a_slip_keeps_the_first_letter_of_the_place_word():
    from disclosed.extract.organisations import default_register

    register = default_register()
    assert register.resolve("Wessex Police") is None  # another place, not "Essex" misspelt
    essex = register.resolve("Esex Police")
    assert essex is not None and essex.official_name == "Essex Police"
    assert register.is_near_match("Esex Police")
