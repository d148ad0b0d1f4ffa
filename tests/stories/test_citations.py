"""Citations: which outlet a document republishes or cites, with its evidence sentence."""

from __future__ import annotations

from disclosed.model import Document
from disclosed.stories import find_citations

from .documents import load


def _doc(text: str) -> Document:
    return Document(text=text, source="t.txt", format="text")


def test_syndicated_copy_names_the_outlet_it_republishes() -> None:
    doc = load("hmrc_syndicated.txt")
    (c,) = find_citations(doc)
    assert (c.relation, c.outlet, c.document) == ("republishes", "Civic Wire", "hmrc_syndicated.txt")
    assert doc.text[c.evidence_start : c.evidence_end] == "This story was originally published by Civic Wire."
    assert c.evidence == "This story was originally published by Civic Wire."


def test_outlets_cited_and_republished_but_not_sources_that_are_not_outlets() -> None:
    found = {(c.relation, c.outlet) for c in find_citations(load("citing_outlets.txt"))}
    assert found == {("cites", "BBC"), ("cites", "Yorkshire Post"), ("republishes", "Northern Review")}


def test_original_article_line_without_a_name_is_a_republication_of_an_unnamed_outlet() -> None:
    (c,) = find_citations(_doc("Six staff were sacked.\nThe original article can be found here."))
    assert (c.relation, c.outlet) == ("republishes", None)


def test_original_article_line_takes_the_name_given_elsewhere_in_the_document() -> None:
    text = (
        "Harbour Gazette report on new research\nSix staff were sacked.\n"
        "The original article can be found here."
    )
    found = [(c.relation, c.outlet) for c in find_citations(_doc(text))]
    assert found == [("republishes", "Harbour Gazette")]


def test_spellings_of_one_outlet_give_one_citation() -> None:
    text = (
        "Institute of Public Management cover our research\n"
        "The Institue of Public Management have covered our new research into council discipline."
    )
    assert [(c.relation, c.outlet) for c in find_citations(_doc(text))] == [
        ("republishes", "Institute of Public Management")
    ]


def test_outlet_name_stops_at_the_end_of_the_line() -> None:
    (c,) = find_citations(_doc("This article was originally published at Kable.\nKable's weekly newsletter"))
    assert c.outlet == "Kable"


def test_a_document_without_citations_has_none() -> None:
    assert find_citations(load("hmrc_wire_original.txt")) == []
    assert find_citations(_doc("According to a Freedom of Information request, nine were dismissed.")) == []
