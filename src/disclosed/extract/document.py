"""One document to everything the rules read from it: figures, policy facts and statements."""

from __future__ import annotations

from disclosed.model import Document, Extraction


def extract_all(doc: Document) -> Extraction:
    """Figures, policy facts and statements of a document, each stamped with the document's name."""
    from disclosed.extract import extract_document
    from disclosed.extract.policies import extract_document_facts

    policies, statements = extract_document_facts(doc)
    return Extraction(figures=extract_document(doc), policies=policies, statements=statements)
