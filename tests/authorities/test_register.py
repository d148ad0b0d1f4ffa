"""The register's data: well formed, unambiguous, complete where the counts are known."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import get_args

import pytest

from disclosed.authorities import Authority, get_register, read_authorities
from disclosed.authorities.names import is_acronym, name_key
from disclosed.authorities.register import COLUMNS, data_files
from disclosed.errors import InvalidInputError
from disclosed.model import AuthorityKind, Nation

REGISTER = get_register()

# Words that make a name a body rather than a place: every alias of a council, force, service,
# trust or board holds one, so a bare place name ("Kent") can never resolve.
BODY_WORDS = {
    "council",
    "police",
    "constabulary",
    "fire",
    "brigade",
    "rescue",
    "trust",
    "board",
    "nhs",
    "hsc",
    "corporation",
    "service",
    "comhairle",
    "force",
    "borough",
    "health",
    "hospital",
    "hospitals",
    "yard",
    "scotland",
    "ambulance",
    "authority",
    "met",
    "barts",
    "hey",
    "addenbrooke",
    "siar",
    "cadwaladr",
}


def count(kind: str, nation: str | None = None, tier: str | None = None) -> int:
    return sum(
        1
        for a in REGISTER
        if a.kind == kind and (nation is None or a.nation == nation) and (tier is None or a.tier == tier)
    )


def test_every_data_file_has_the_register_columns() -> None:
    for name, text in data_files():
        header = next(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
        assert tuple(header.split(",")) == COLUMNS, name


def test_official_names_are_unique() -> None:
    keys = Counter(name_key(a.official_name) for a in REGISTER)
    assert [k for k, n in keys.items() if n > 1] == []


def test_no_alias_names_two_bodies() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for a in REGISTER:
        for name in (a.official_name, *a.aliases):
            owners[name_key(name)].add(a.official_name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_kinds_and_nations_are_from_the_allowed_sets() -> None:
    kinds, nations = set(get_args(AuthorityKind)), set(get_args(Nation))
    assert {a.kind for a in REGISTER} <= kinds
    assert {a.nation for a in REGISTER} <= nations
    # every allowed kind is used by at least one body, so none is a dead value
    assert {a.kind for a in REGISTER} == kinds


TIERS = {
    "council": {
        "county",
        "district",
        "unitary",
        "metropolitan_borough",
        "london_borough",
        "sui_generis",
        "scottish_unitary",
        "welsh_principal",
        "ni_district",
        "former",
    },
    "police_force": {"territorial", "special", "former"},
    "fire_and_rescue": {"current", "former"},
    "nhs_trust": {"acute", "mental_health", "community", "specialist", "ambulance", "hsc_trust"},
    "health_board": {"territorial", "special", "former"},
}
OTHER_TIERS = {None, "law_enforcement", "combined_authority"}


def test_tiers_are_from_the_set_for_their_kind() -> None:
    for a in REGISTER:
        assert a.tier in TIERS.get(a.kind, OTHER_TIERS), (a.official_name, a.tier)
        if a.tier == "former":
            assert a.successor, a.official_name


def test_successors_and_parents_are_registered_bodies() -> None:
    names = {a.official_name for a in REGISTER}
    for a in REGISTER:
        assert a.successor is None or a.successor in names, a.official_name
        assert a.parent is None or a.parent in names, a.official_name
        assert a.successor != a.official_name


def test_headcounts_carry_a_plausible_year_and_a_source() -> None:
    for a in REGISTER:
        if a.headcount is not None:
            assert a.headcount > 0
            assert a.headcount_year is not None and 1990 <= a.headcount_year <= 2026, a.official_name
            assert a.headcount_source, a.official_name
        else:
            assert a.headcount_year is None and a.headcount_source is None, a.official_name


def test_no_alias_of_a_local_body_is_a_bare_place_name() -> None:
    local = {"council", "police_force", "fire_and_rescue", "nhs_trust", "health_board"}
    for a in REGISTER:
        if a.kind not in local:
            continue
        for name in (a.official_name, *a.aliases):
            words = set(re.findall(r"\w+", name.lower()))
            assert words & BODY_WORDS or is_acronym(name) or name.isupper(), (a.official_name, name)


@pytest.mark.parametrize(
    ("kind", "nation", "tier", "expected"),
    [
        ("police_force", "England", "territorial", 39),
        ("police_force", "Wales", "territorial", 4),
        ("police_force", "Scotland", "territorial", 1),
        ("police_force", "Northern Ireland", "territorial", 1),
        ("police_force", None, "special", 3),
        ("police_force", "Scotland", "former", 9),
        ("council", "Scotland", None, 32),
        ("council", "Wales", None, 22),
        ("council", "Northern Ireland", None, 11),
        ("council", "England", "county", 21),
        ("council", "England", "district", 164),
        ("council", "England", "metropolitan_borough", 36),
        ("council", "England", "london_borough", 32),
        ("council", "England", "unitary", 62),
        ("council", "England", "sui_generis", 2),
        ("health_board", "Wales", "territorial", 7),
        ("health_board", "Scotland", "territorial", 14),
        ("nhs_trust", "Northern Ireland", "hsc_trust", 5),
        ("fire_and_rescue", "Wales", "current", 3),
        ("fire_and_rescue", "Scotland", "current", 1),
        ("fire_and_rescue", "Northern Ireland", "current", 1),
    ],
)
def test_counts_per_category(kind: str, nation: str | None, tier: str | None, expected: int) -> None:
    assert count(kind, nation, tier) == expected


def test_england_has_its_fire_services_and_ambulance_trusts() -> None:
    assert count("fire_and_rescue", "England", "current") == 44
    ambulance = [
        a for a in REGISTER if a.tier == "ambulance" and a.nation == "England" and a.successor is None
    ]
    assert len(ambulance) == 11  # the ten regional trusts and the Isle of Wight
    assert count("nhs_trust", "England") >= 200


def test_historical_departments_name_their_successor() -> None:
    beis = "Department for Business, Energy and Industrial Strategy"
    mhclg = "Ministry of Housing, Communities and Local Government"
    expected = {
        "Department for Business, Innovation and Skills": beis,
        "Department for Communities and Local Government": mhclg,
        "Department of Energy and Climate Change": beis,
        "Department for International Development": "Foreign, Commonwealth and Development Office",
    }
    for name, successor in expected.items():
        body = REGISTER.by_name(name)
        assert body is not None and body.successor == successor


def test_by_name_search_and_iteration() -> None:
    assert (
        REGISTER.by_name("the department for work & pensions").official_name
        == "Department for Work and Pensions"
    )
    assert REGISTER.by_name("DWP") is None  # aliases are for resolve, not by_name
    assert len(list(REGISTER)) == len(REGISTER) > 1000
    found = [a.official_name for a in REGISTER.search("sussex")]
    assert {"Sussex Police", "East Sussex County Council", "West Sussex Fire and Rescue Service"} <= set(
        found
    )
    assert REGISTER.search("Kent Police")[0].official_name == "Kent Police"
    assert REGISTER.search("") == []


CSV_HEAD = ",".join(COLUMNS)


def test_read_authorities_reads_rows_and_skips_comments() -> None:
    line = "Test Borough Council,council,England,district,Test Council;TBC,120,2020,Annual report 2020,,"
    text = f"# a comment\n{CSV_HEAD}\n{line}\n"
    [body] = read_authorities("test.csv", text)
    assert body == Authority(
        official_name="Test Borough Council",
        kind="council",
        nation="England",
        tier="district",
        aliases=("Test Council", "TBC"),
        headcount=120,
        headcount_year=2020,
        headcount_source="Annual report 2020",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,kind\nX,council\n", "columns"),
        (f"{CSV_HEAD}\nX,parish,England,,,,,,,\n", "kind"),
        (f"{CSV_HEAD}\nX,council,Cornwall,,,,,,,\n", "nation"),
        (f"{CSV_HEAD}\nX,council,England,,,many,,,,\n", "headcount"),
        (f"{CSV_HEAD}\nX,council,England\n", "cells"),
    ],
)
def test_read_authorities_names_the_file_and_field_of_bad_data(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as err:
        read_authorities("bad.csv", text)
    assert "bad.csv" in str(err.value) and message in str(err.value)
