"""One document to everything the rules read from it: figures, policy facts and statements."""

from __future__ import annotations

from disclosed.model import Document, Extraction


def extract_all(doc: Document) -> Extraction:
    """Figures, policy facts and statements of a document, each stamped with the document's name.

    The document's context (extract.context: sentences and table rows, the bodies named with their
    roles, the title and date) is built once here and shared by every extractor. Ingest and the
    `extract` command both come this way.
    """
    from disclosed.extract import extract_document
    from disclosed.extract.context import document_context
    from disclosed.extract.policies import extract_document_facts

    if not doc.text.strip():  # both extractors find nothing in an empty text
        return Extraction()
    ctx = document_context(doc)
    policies, statements = extract_document_facts(doc, sentences=ctx.sentences, orgs=ctx.orgs)
    figures = extract_document(doc, ctx.register, sentences=ctx.sentences, orgs=ctx.orgs)
    return Extraction(figures=figures, policies=policies, statements=statements)
