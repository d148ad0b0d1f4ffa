"""Shared fixtures for the FOI tracker's tests: a small register of made-up bodies."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from disclosed.foi.records import FoiRequest, StatusChange
from disclosed.foi.statuses import change_status
from disclosed.model import Authority

FIXTURES = Path(__file__).parent / "fixtures"


class FakeRegister:
    """Resolves official names and aliases, case aside, like the real register's exact match."""

    def __init__(self, authorities: list[Authority]) -> None:
        self._by_name = {}
        for a in authorities:
            for name in (a.official_name, *a.aliases):
                self._by_name[name.lower()] = a

    def resolve(self, name: str) -> Authority | None:
        return self._by_name.get(name.strip().lower())


def _fixture_authorities() -> list[Authority]:
    data = tomllib.loads((FIXTURES / "authorities.toml").read_text(encoding="utf-8"))
    return [Authority(**entry) for entry in data["authority"]]


@pytest.fixture(scope="session")
def register() -> FakeRegister:
    """Fifty bodies: the named ones in fixtures/authorities.toml plus numbered councils in each nation."""
    authorities = _fixture_authorities()
    named = len(authorities)
    nations = ["England", "Scotland", "Wales", "Northern Ireland"]
    for i in range(50 - named):
        nation = nations[i % 4]
        name = f"{nation} Test Council {i + 1}"
        authorities.append(Authority(official_name=name, kind="council", nation=nation))
    return FakeRegister(authorities)


def _sent_request(authority: str, law: str, sent: date, rid: str) -> FoiRequest:
    r = FoiRequest(id=rid, authority=authority, law=law, title="Social media discipline", text="q",
                   requester="A. Researcher", history=[StatusChange(status="draft", on=date(2023, 12, 1))])
    return change_status(r, "sent", sent)


@pytest.fixture
def tracked() -> dict[str, FoiRequest]:
    """Hand-made requests with known histories; the working-day counts are in test_performance."""
    north, glen, afon = "Northshire Constabulary", "Glenmoor Council", "Afon Valley Fire and Rescue Service"
    r1 = change_status(_sent_request(north, "foia", date(2023, 12, 15), "r1"), "successful",
                       date(2024, 1, 10))
    r2 = change_status(_sent_request(north, "foia", date(2024, 6, 3), "r2"), "refused", date(2024, 7, 5),
                       exemptions=["s.12", "s.40(2)"])
    r3 = change_status(_sent_request(north, "foia", date(2024, 6, 3), "r3"), "extended", date(2024, 6, 20))
    r3 = change_status(r3, "partially_successful", date(2024, 7, 25), exemptions=["s.40(2)"])
    r4 = _sent_request(north, "foia", date(2024, 6, 3), "r4")
    r5 = change_status(_sent_request(glen, "foisa", date(2024, 6, 3), "r5"), "refused", date(2024, 6, 28),
                       exemptions=["not held"])
    r6 = change_status(_sent_request(glen, "foisa", date(2024, 6, 3), "r6"), "internal_review",
                       date(2024, 7, 10))
    r7 = change_status(_sent_request(afon, "foia", date(2024, 6, 3), "r7"), "successful", date(2024, 6, 14))
    draft = FoiRequest(id="r8", authority=afon, law="foia", title="t", text="q",
                       history=[StatusChange(status="draft", on=date(2024, 6, 1))])
    return {r.id: r for r in (r1, r2, r3, r4, r5, r6, r7, draft)}
