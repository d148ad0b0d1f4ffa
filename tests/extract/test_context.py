"""The per-document context: bodies by place, roles of outlets and requesters, the heading body."""

from __future__ import annotations

from datetime import date

from disclosed.extract.context import document_context, text_context
from disclosed.model import Document


def _named(text: str, **kw):
    ctx = text_context(text, **kw)
    return ctx, [(m.text, m.name) for m in ctx.orgs.named]


def test_a_bare_place_takes_the_kind_of_the_nearest_kind_word():
    _, named = _named("Two Kent constables were sacked. In Wiltshire the council suspended a clerk.")
    assert ("Kent", "Kent Police") in named
    assert ("Wiltshire", "Wiltshire Council") in named


def test_a_place_after_a_preposition_with_no_kind_word_is_a_location():
    _, named = _named("The agency, based in Swansea, sacked nine people. Kent Police dismissed two officers.")
    assert all(text != "Swansea" for text, _ in named)


def test_a_former_force_gives_way_to_its_successor_by_date():
    text = "A Strathclyde officer was dismissed for posting on Facebook."
    _, old = _named(text, published=date(2011, 5, 1))
    _, new = _named(text, published=date(2019, 5, 1))
    assert ("Strathclyde", "Strathclyde Police") in old
    assert ("Strathclyde", "Police Scotland") in new
    ctx = text_context(text, published=date(2019, 5, 1))
    assert "succeeded by Police Scotland" in (ctx.orgs.named[0].via or "")


def test_outlets_and_requesters_have_roles_and_are_not_the_documents_body():
    text = (
        "Figures obtained by the TaxPayers' Alliance and seen by the BBC show that Leeds City Council "
        "warned 14 staff. The BBC has learned that two more were sacked."
    )
    ctx = text_context(text)
    roles = {m.text: ctx.orgs.role(m) for m in ctx.orgs.named}
    assert roles["BBC"] == "outlet"
    assert roles["Leeds City Council"] is None
    assert ctx.orgs.main == "Leeds City Council"


def test_an_outlet_whose_own_staff_are_counted_is_a_body():
    ctx = text_context("BBC staff were told to delete the posts; three BBC employees were suspended.")
    assert all(ctx.orgs.role(m) is None for m in ctx.orgs.named)


def test_the_heading_body_is_named_in_the_first_lines():
    doc = Document(
        text="Northshire Gazette\nSuffolk Constabulary\nFreedom of Information request 2023/114\n\n"
        "Your request asked how many officers were dismissed. The answer is 3.",
        title="FOI reply",
        source="reply.txt",
        format="text",
    )
    ctx = document_context(doc)
    assert ctx.heading_body is not None and ctx.heading_body.name == "Suffolk Constabulary"
    assert ctx.title == "FOI reply"
