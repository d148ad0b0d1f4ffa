"""One document to everything the rules read from it: figures, policy facts and statements."""

from __future__ import annotations

from disclosed.model import Document, Extraction


def extract_all(doc: Document) -> Extraction:
    """Figures, policy facts and statements of a document, each stamped with the document's name.

    The sentence split and the organisations in context (with their register look-ups) are most of
    what the two extractors share, so they are computed once here and given to both.
    """
    from disclosed.extract import extract_document
    from disclosed.extract.organisations import OrgContext, default_register
    from disclosed.extract.policies import extract_document_facts
    from disclosed.extract.sentences import split_sentences

    if not doc.text.strip():  # both extractors find nothing in an empty text
        return Extraction()
    sentences = split_sentences(doc.text)
    orgs = OrgContext(doc.text, default_register())
    policies, statements = extract_document_facts(doc, sentences=sentences, orgs=orgs)
    figures = extract_document(doc, sentences=sentences, orgs=orgs)
    return Extraction(figures=figures, policies=policies, statements=statements)
