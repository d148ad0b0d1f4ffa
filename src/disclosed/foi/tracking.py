"""Attaching a response file to a tracked FOI request: read it, extract its figures, store and link them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from disclosed.errors import InvalidInputError, ReadError
from disclosed.model import Document, Figure
from disclosed.store import Store
from disclosed.store.foi import AttachedResponse, attach_response, get_request


def read_response(path: Path) -> tuple[Document, list[Figure]]:
    """The one document in a response file and the figures extracted from it (ReadError if unreadable)."""
    from disclosed.extract import extract_document
    from disclosed.read import read_file

    found = list(read_file(path))
    for item in found:
        if isinstance(item, ReadError):
            raise item
    if len(found) != 1:
        raise InvalidInputError("file", f"{path}: holds {len(found)} documents; a response is one document")
    doc = found[0]
    return doc, extract_document(doc)


def attach_response_file(
    store: Store, request_id: str, path: Path, on: date, *, apply: bool = False, confirm: bool = False,
    by: str | None = None,
) -> AttachedResponse:
    """`attach_response` for a file: read it (any supported format), extract its figures, attach it."""
    get_request(store, request_id)  # an unknown id fails before the file is read
    document, figures = read_response(path)
    return attach_response(store, request_id, document, figures, on, apply=apply, confirm=confirm, by=by)
