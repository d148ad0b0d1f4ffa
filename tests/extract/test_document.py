"""extract_all: figures, policy facts and statements of one document, sharing its sentence split."""

from __future__ import annotations

from datetime import date

from disclosed.extract import extract_document
from disclosed.extract.document import extract_all
from disclosed.extract.policies import extract_document_facts
from disclosed.model import Document

# An invented article with figures, a rule and a quotation.
ARTICLE = (
    "Westshire Police disciplined 14 officers over social media posts last year, figures obtained "
    "by the Eastvale Gazette show.\n\n"
    "Of these, three were dismissed and five received final written warnings. The cases involved "
    "Facebook and WhatsApp, the force said.\n\n"
    "Under the force's social media policy, officers must not post anything that could damage "
    "public confidence.\n\n"
    '"We expect the highest standards from everyone who works for us," a spokesperson said.'
)


def test_extract_all_gives_what_each_extractor_gives_alone():
    doc = Document(text=ARTICLE, source="westshire.txt", format="text", published=date(2024, 3, 1))
    got = extract_all(doc)
    policies, statements = extract_document_facts(doc)
    assert got.figures and got.policies and got.statements
    assert [f.model_dump() for f in got.figures] == [f.model_dump() for f in extract_document(doc)]
    assert [p.model_dump() for p in got.policies] == [p.model_dump() for p in policies]
    assert [s.model_dump() for s in got.statements] == [s.model_dump() for s in statements]
    assert {f.document for f in got.figures} == {doc.name}


def test_extract_all_of_an_empty_document_is_empty():
    got = extract_all(Document(text="  \n", source="empty.txt", format="text"))
    assert (got.figures, got.policies, got.statements) == ([], [], [])
