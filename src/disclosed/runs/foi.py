"""FOI use cases that write: moving a request's status and attaching a response, each one transaction.

The rules are disclosed.foi's (which moves are valid, what a response proposes, stamping its figures
with the requester); the store writes what they decide inside the transaction that read the request,
so nothing is written when a rule refuses, and a kill leaves all of it or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from disclosed.errors import InvalidInputError, ReadError
from disclosed.model import Document, Extraction, Figure, FoiRequest, PolicyFact, Statement
from disclosed.store import Store
from disclosed.store import foi as tracker
from disclosed.store.foi import AttachedResponse, ResponseDecision


def record_status(
    store: Store,
    request_id: str,
    status: str,
    on: date,
    *,
    exemptions: Iterable[str] = (),
    appeal_to: str | None = None,
    note: str | None = None,
    by: str | None = None,
) -> FoiRequest:
    """Move a stored request to `status` on `on` and keep the move in its history.

    The move is checked by foi.statuses.change_status before anything is written: an invalid one
    raises InvalidInputError and the request and its history stay as they were.
    """
    from disclosed.foi.statuses import change_status

    exemptions = list(exemptions)
    return tracker.change_request(
        store, request_id,
        lambda request: change_status(request, status, on, exemptions=exemptions, appeal_to=appeal_to,
                                      note=note),
        by=by)


def attach_response(
    store: Store,
    request_id: str,
    document: Document,
    figures: Sequence[Figure],
    on: date,
    *,
    apply: bool = False,
    confirm: bool = False,
    by: str | None = None,
    policies: Sequence[PolicyFact] = (),
    statements: Sequence[Statement] = (),
) -> AttachedResponse:
    """Attach a response document (with the figures extracted from it) to a request, in one transaction.

    Its policy facts and statements, when given, are stored with a new document as ingest stores
    them. `request_id` may be a unique prefix of the id.

    The figures are stamped with the request's requester and stored with the document (a
    document already stored gets its figures replaced by the stamped ones); the status the text
    proposes is kept with the link. With `apply` the proposal becomes a status change on `on`:
    a weak one also needs `confirm`. A refused application stores nothing.
    """
    from disclosed.foi.responses import apply_proposal, figures_for_response, propose_status

    def decide(request: FoiRequest) -> ResponseDecision:
        stamped = figures_for_response(request, figures)
        proposal = propose_status(document.text, request.law, stamped)
        moved = apply_proposal(request, proposal, on, confirm=confirm) if apply else None
        return stamped, proposal, moved

    attached = tracker.attach_response(store, request_id, document, decide, on, by=by, policies=policies,
                                       statements=statements)
    # the stamp is kept as an override, so a re-extraction does not wipe it (runs.reviews)
    from disclosed.runs.reviews import reattach, stamp_requester

    reattach(store, [attached.document_id])
    if attached.request.requester is not None:
        stamp_requester(store, attached.document_id, attached.request.requester, by=f"foi {request_id}")
    return attached


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
    tracker.get_request(store, request_id)  # an unknown id fails before the file is read
    document, extraction = read_response_extraction(path)
    return attach_response(store, request_id, document, list(extraction.figures), on, apply=apply,
                           confirm=confirm, by=by, policies=extraction.policies,
                           statements=extraction.statements)
