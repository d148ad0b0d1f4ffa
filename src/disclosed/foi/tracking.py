"""Attaching a response file to a tracked FOI request: read it, extract its figures, store and link them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from disclosed.errors import InvalidInputError, ReadError
from disclosed.model import Document, Extraction, Figure
from disclosed.store import Store
from disclosed.store.foi import AttachedResponse, attach_response, get_request


def read_response(path: Path) -> tuple[Document, list[Figure]]:
    """The one document in a response file and the figures extracted from it (ReadError if unreadable)."""
    document, extraction = read_response_extraction(path)
    return document, list(extraction.figures)


def read_response_extraction(path: Path) -> tuple[Document, Extraction]:
    """The one document in a response file and everything extracted from it, as ingest does:
    figures, policy facts and statements."""
    from disclosed.extract.document import extract_all
    from disclosed.read import read_file

    found = list(read_file(path))
    for item in found:
        if isinstance(item, ReadError):
            raise item
    if len(found) != 1:
        raise InvalidInputError("file", f"{path}: holds {len(found)} documents; a response is one document")
    doc = found[0]
    return doc, extract_all(doc)


def attach_response_file(
    store: Store, request_id: str, path: Path, on: date, *, apply: bool = False, confirm: bool = False,
    by: str | None = None,
) -> AttachedResponse:
    """`attach_response` for a file: read it (any supported format), extract its figures, policy facts
    and statements, attach it."""
    get_request(store, request_id)  # an unknown id fails before the file is read
    document, extraction = read_response_extraction(path)
    return attach_response(store, request_id, document, list(extraction.figures), on, apply=apply,
                           confirm=confirm, by=by, policies=extraction.policies,
                           statements=extraction.statements)
