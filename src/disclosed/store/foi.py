"""The FOI tracker's tables (requests, their status history, responses, linked stories) and the
repository functions that read and write them. The rules (which moves are valid, what a response
proposes) are disclosed.foi's; the use cases that apply them are in disclosed.runs.foi, which hands
them in here as functions so each write is one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import (
    delete,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from disclosed.errors import InvalidInputError, NotFoundError, StoreError
from disclosed.model import Document, Figure, FoiRequest, PolicyFact, Proposal, Statement, StatusChange
from disclosed.store.database import Store, insert_document, insert_extraction, mark_stories_owed
from disclosed.store.schema import (
    DocumentRow,
    FigureRow,
    FoiRequestRow,
    FoiRequestStoryRow,
    FoiResponseRow,
    FoiStatusChangeRow,
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- records in and out ---------------------------------------------------------------------------

_REQUEST_FIELDS = ("id", "batch", "authority", "nation", "law", "title", "text", "requester", "received",
                   "reference", "our_reference", "status")


def _request_row(request: FoiRequest, by: str | None) -> FoiRequestRow:
    now = _now()
    row = FoiRequestRow(**{k: getattr(request, k) for k in _REQUEST_FIELDS}, created_at=now, updated_at=now,
                        updated_by=by)
    row.changes = [_change_row(c, by) for c in request.history]
    return row


def _change_row(change: StatusChange, by: str | None) -> FoiStatusChangeRow:
    return FoiStatusChangeRow(status=change.status, on=change.on, exemptions=list(change.exemptions),
                              appeal_to=change.appeal_to, note=change.note, created_at=_now(), created_by=by)


def _request_from_row(row: FoiRequestRow) -> FoiRequest:
    history = [StatusChange(status=c.status, on=c.on, exemptions=c.exemptions or [], appeal_to=c.appeal_to,
                            note=c.note) for c in row.changes]
    return FoiRequest(**{k: getattr(row, k) for k in _REQUEST_FIELDS}, history=history)


def _load_row(session: Session, request_id: str) -> FoiRequestRow:
    row = session.get(FoiRequestRow, request_id)
    if row is None and len(request_id.strip()) >= 4:
        # A unique prefix of an id works, as in git (LIKE wildcards in it are dropped).
        prefix = request_id.strip().replace("%", "").replace("_", "")
        query = select(FoiRequestRow).where(FoiRequestRow.id.startswith(prefix)).limit(2)
        found = list(session.scalars(query))
        if len(found) > 1:
            raise InvalidInputError("id", f"{request_id!r} starts more than one request's id; give more")
        row = found[0] if found else None
    if row is None:
        raise NotFoundError(f"no FOI request with id {request_id!r} (see `disclosed foi list`)")
    return row


# -- requests -------------------------------------------------------------------------------------

def save_requests(store: Store, requests: Sequence[FoiRequest], *, by: str | None = None) -> list[str]:
    """Store new requests (one, or a whole batch) in ONE transaction: all are stored or none is.

    An id already stored raises StoreError and nothing of the batch is written.
    """
    if not requests:
        raise InvalidInputError("requests", "nothing to save")
    ids = [r.id for r in requests]
    if len(set(ids)) != len(ids):
        raise InvalidInputError("requests", "the same request id appears twice")
    try:
        with store.session() as s:
            s.add_all(_request_row(r, by) for r in requests)
            s.flush()
    except StoreError as err:
        if isinstance(err.__cause__, IntegrityError):
            raise StoreError(f"{store.url}: a request with one of these ids is already stored; "
                             "nothing was saved") from err
        raise
    return ids


def save_request(store: Store, request: FoiRequest, *, by: str | None = None) -> str:
    """Store one new request with its history; returns its id."""
    return save_requests(store, [request], by=by)[0]


def get_request(store: Store, request_id: str) -> FoiRequest:
    """The request with this id, history included; NotFoundError if there is none."""
    with store.session() as s:
        return _request_from_row(_load_row(s, request_id))


def list_requests(
    store: Store,
    *,
    status: str | None = None,
    batch: str | None = None,
    authority: str | None = None,
) -> list[FoiRequest]:
    """Stored requests, oldest first, filtered by exact status code, batch id, and authority
    (case-insensitive, part of the name)."""
    query = (select(FoiRequestRow).options(selectinload(FoiRequestRow.changes))
             .order_by(FoiRequestRow.created_at, FoiRequestRow.authority, FoiRequestRow.id))
    if status:
        query = query.where(FoiRequestRow.status == status)
    if batch:
        query = query.where(FoiRequestRow.batch == batch)
    if authority:
        query = query.where(FoiRequestRow.authority.ilike(f"%{authority}%"))
    with store.session() as s:
        return [_request_from_row(row) for row in s.scalars(query)]


def batch_ids(store: Store, batch: str) -> list[str]:
    """The ids of a batch's requests; NotFoundError when the batch has none."""
    with store.session() as s:
        found = list(s.scalars(select(FoiRequestRow.id).where(FoiRequestRow.batch == batch)))
    if not found:
        raise NotFoundError(f"no FOI batch with id {batch!r}")
    return found


def change_request(store: Store, request_id: str, move: Callable[[FoiRequest], FoiRequest], *,
                   by: str | None = None) -> FoiRequest:
    """Apply `move` (the stored request -> the same request one status change later) and keep the
    change in its history, in one transaction; an error raised by `move` writes nothing."""
    with store.session() as s:
        row = _load_row(s, request_id)
        moved = move(_request_from_row(row))
        _append_change(row, moved, by)
    return moved


def _append_change(row: FoiRequestRow, moved: FoiRequest, by: str | None) -> None:
    row.changes.append(_change_row(moved.history[-1], by))
    row.status = moved.status
    row.updated_at = _now()
    row.updated_by = by


# -- responses ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttachedResponse:
    """What attaching a response did: the stored document, its figures and the proposed status."""

    request: FoiRequest  # after the proposal was applied, if it was
    document_id: int
    document_name: str
    new_document: bool
    figures: list[Figure]
    proposal: Proposal
    applied: bool


# What a use case decides about a response once it sees the stored request: the figures to store
# (stamped with the requester), the proposal, and the request after the proposal was applied, or None.
ResponseDecision = tuple[list[Figure], Proposal, FoiRequest | None]


def attach_response(store: Store, request_id: str, document: Document,
                    decide: Callable[[FoiRequest], ResponseDecision], on: date, *,
                    by: str | None = None, policies: Sequence[PolicyFact] = (),
                    statements: Sequence[Statement] = ()) -> AttachedResponse:
    """Attach a response document to a request in ONE transaction: the document with the figures
    `decide` gives and its policy facts and statements (a document already stored gets its figures
    replaced when they were stamped), the link with the proposal, and the status change when
    `decide` applied one. An error raised by `decide` writes nothing. `request_id` may be a unique
    prefix of the id."""
    with store.session() as s:
        row = _load_row(s, request_id)
        request_id = row.id  # a prefix given becomes the full id
        request = _request_from_row(row)
        figures, proposal, moved = decide(request)
        conn = s.connection()
        document_id = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == document.sha256))
        created = document_id is None
        if document_id is None:
            document_id = insert_document(conn, document)
            insert_extraction(conn, document_id, figures, policies, statements)
        elif request.requester is not None:
            conn.execute(delete(FigureRow).where(FigureRow.document_id == document_id))
            insert_extraction(conn, document_id, figures, (), ())
        kept = proposal.model_dump(mode="json")
        link = s.scalar(select(FoiResponseRow).where(FoiResponseRow.request_id == request_id,
                                                     FoiResponseRow.document_id == document_id))
        if link is None:
            s.add(FoiResponseRow(request_id=request_id, document_id=document_id, received=on,
                                 attached_at=_now(), proposal=kept, applied=moved is not None))
        else:
            link.proposal, link.received = kept, on
            link.applied = link.applied or moved is not None
        if moved is not None:
            _append_change(row, moved, by)
        mark_stories_owed(conn)
    return AttachedResponse(
        request=moved or request, document_id=document_id, document_name=document.name,
        new_document=created, figures=list(figures), proposal=proposal, applied=moved is not None,
    )


@dataclass(frozen=True)
class StoredResponse:
    document_id: int
    document_name: str
    received: date
    attached_at: datetime
    proposal: Proposal
    applied: bool


def responses(store: Store, request_id: str) -> list[StoredResponse]:
    """The responses attached to a request, in the order they were attached."""
    query = (select(FoiResponseRow, DocumentRow.name)
             .join(DocumentRow, DocumentRow.id == FoiResponseRow.document_id)
             .where(FoiResponseRow.request_id == request_id).order_by(FoiResponseRow.id))
    with store.session() as s:
        return [StoredResponse(document_id=r.document_id, document_name=name, received=r.received,
                               attached_at=r.attached_at, proposal=Proposal.model_validate(r.proposal),
                               applied=r.applied) for r, name in s.execute(query)]


def response_figures(store: Store, request_ids: Iterable[str]) -> dict[str, list[Figure]]:
    """The figures of each request's responses, by request id (requests without any are left out)."""
    wanted = list(request_ids)
    if not wanted:
        return {}
    with store.session() as s:
        links = s.execute(select(FoiResponseRow.request_id, FoiResponseRow.document_id)
                          .where(FoiResponseRow.request_id.in_(wanted)).order_by(FoiResponseRow.id)).all()
    out: dict[str, list[Figure]] = {}
    for request_id, document_id in links:
        out.setdefault(request_id, []).extend(store.figures(document_id=document_id))
    return out


# -- stories --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LinkedStory:
    story_id: str
    note: str | None
    linked_at: datetime


def link_story(store: Store, request_id: str, story_id: str, note: str | None = None) -> bool:
    """Link a press story to the request that produced its figures; False if already linked."""
    story_id = story_id.strip()
    if not story_id:
        raise InvalidInputError("story_id", "a story id is needed")
    with store.session() as s:
        request_id = _load_row(s, request_id).id  # a prefix given becomes the full id
        exists = s.scalar(select(FoiRequestStoryRow.id).where(FoiRequestStoryRow.request_id == request_id,
                                                             FoiRequestStoryRow.story_id == story_id))
        if exists is not None:
            return False
        s.add(FoiRequestStoryRow(request_id=request_id, story_id=story_id, note=note, created_at=_now()))
    return True


def linked_stories(store: Store, request_id: str) -> list[LinkedStory]:
    """The stories linked to a request, in the order they were linked."""
    query = (select(FoiRequestStoryRow).where(FoiRequestStoryRow.request_id == request_id)
             .order_by(FoiRequestStoryRow.id))
    with store.session() as s:
        return [LinkedStory(r.story_id, r.note, r.created_at) for r in s.scalars(query)]
