"""Text to Figures: the public entry points of the rules-based figure extractor.

The machinery lives in named steps other extractors reuse: sentences.py (sentence splitting with
offsets), organisations.py (bodies in context), numbers.py, periods.py, clauses.py, tables.py,
requester.py; figures.py puts them together.
"""

from __future__ import annotations

from typing import Any

from disclosed.extract.figures import _DEFAULT, extract_figures
from disclosed.extract.organisations import OrgContext
from disclosed.extract.sentences import Sentence
from disclosed.model import Document, Figure


def extract_document(
    doc: Document,
    register: Any = _DEFAULT,
    *,
    sentences: list[Sentence] | None = None,
    orgs: OrgContext | None = None,
) -> list[Figure]:
    """The figures of one Document, each citing `doc.name` as its document."""
    figures = extract_figures(
        doc.text, published=doc.published, register=register, sentences=sentences, orgs=orgs, title=doc.title
    )
    for f in figures:
        f.document = doc.name
    return figures


__all__ = ["extract_document", "extract_figures"]
