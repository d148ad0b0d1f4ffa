"""A small authority register for the extractor's tests, so they don't depend on the shipped data."""

from __future__ import annotations

import pytest

from disclosed.authorities import Register
from disclosed.model import Authority

BODIES = [
    ("Department for Work and Pensions", "ministerial_department", "UK-wide", ("DWP",)),
    ("Home Office", "ministerial_department", "UK-wide", ()),
    ("Ministry of Justice", "ministerial_department", "UK-wide", ("MoJ",)),
    ("Department for Transport", "ministerial_department", "UK-wide", ("DfT",)),
    (
        "Metropolitan Police Service",
        "police_force",
        "England",
        ("Met Police", "the Met", "MPS", "Scotland Yard"),
    ),
    ("Kent Police", "police_force", "England", ()),
    ("Cumbria Constabulary", "police_force", "England", ()),
    ("Leeds City Council", "council", "England", ()),
    ("Driver and Vehicle Licensing Agency", "executive_agency", "UK-wide", ("DVLA",)),
]


@pytest.fixture(scope="session")
def register() -> Register:
    return Register(
        [Authority(official_name=n, kind=k, nation=nation, aliases=a) for n, k, nation, a in BODIES]
    )
