"""Fixture documents for the stories tests (tests/fixtures/stories/, dates and outlets set here)
and hand-made figures for them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from disclosed.model import Document, Figure

FIXTURES = Path(__file__).parent.parent / "fixtures" / "stories"

# name: (published, outlet)
META = {
    "hmrc_wire_original.txt": (date(2015, 3, 2), "Civic Wire"),
    "hmrc_wire_copy.txt": (date(2015, 3, 3), "Treasury Times"),
    "hmrc_syndicated.txt": (date(2015, 3, 4), "Evening Ledger"),
    "hmrc_rewrite.txt": (date(2015, 3, 5), "Ledger Weekly"),
    "hmrc_next_year.txt": (date(2016, 4, 11), "Civic Wire"),
    "citing_outlets.txt": (date(2016, 1, 1), None),
}


def load(name: str, dated: bool = True) -> Document:
    published, outlet = META[name]
    return Document(
        text=(FIXTURES / name).read_text(encoding="utf-8"),
        source=str(FIXTURES / name),
        format="text",
        published=published if dated else None,
        outlet=outlet,
    )


def figure(document: str, organisation: str, outcome: str, count: int, **kw: object) -> Figure:
    """A hand-made figure: the tests build figures themselves rather than run the extractor."""
    return Figure(
        document=document, organisation=organisation, outcome=outcome, count=count,
        staff_group=kw.pop("staff_group", "staff"), evidence=kw.pop("evidence", "-"),
        evidence_start=0, evidence_end=1,
        count_text=str(count), **kw,
    )


HMRC = "HM Revenue and Customs"
TRUST = "Digital Scrutiny Trust"


def hmrc_figures(name: str) -> list[Figure]:
    """What a careful reader takes from each HMRC fixture (written by hand from the fixture text)."""
    if name == "hmrc_next_year.txt":
        return [
            figure(name, HMRC, "dismissed", 9, requester=TRUST, period="last financial year"),
            figure(name, HMRC, "written_warning", 25, requester=TRUST),
            figure(name, HMRC, "dismissed", 6, requester=TRUST, conduct="posting confidential details"),
        ]
    return [
        figure(name, HMRC, "dismissed", 6, requester=TRUST, platforms=["Facebook", "Twitter"]),
        figure(name, HMRC, "written_warning", 19, requester=TRUST),
        figure(name, HMRC, "training", 8, requester=TRUST),
    ]


HMRC_DOCS = [
    "hmrc_wire_original.txt",
    "hmrc_wire_copy.txt",
    "hmrc_syndicated.txt",
    "hmrc_rewrite.txt",
    "hmrc_next_year.txt",
]

