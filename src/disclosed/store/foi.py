"""The FOI tracker's tables (requests, their status history, responses, linked stories) and the
repository functions that read and write them; every write is validated by disclosed.foi first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, selectinload

from disclosed.errors import InvalidInputError, NotFoundError, StoreError
from disclosed.foi.records import FoiRequest, StatusChange
from disclosed.foi.responses import Proposal, apply_proposal, figures_for_response, propose_status
from disclosed.foi.statuses import change_status
from disclosed.model import Document, Figure, PolicyFact, Statement
from disclosed.store.database import Store
from disclosed.store.schema import Base, DocumentRow


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class FoiRequestRow(Base):
    __tablename__ = "foi_requests"
    __table_args__ = (
        Index("ix_foi_requests_batch", "batch"),
        Index("ix_foi_requests_authority", "authority"),
        Index("ix_foi_requests_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    batch: Mapped[str | None] = mapped_column(String(64))
    authority: Mapped[str] = mapped_column(Text, nullable=False)
    nation: Mapped[str | None] = mapped_column(String(32))
    law: Mapped[str] = mapped_column(String(8), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    requester: Mapped[str | None] = mapped_column(Text)
    received: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(Text)
    our_reference: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    updated_by: Mapped[str | None] = mapped_column(Text)

    changes: Mapped[list[FoiStatusChangeRow]] = relationship(
        order_by="FoiStatusChangeRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class FoiStatusChangeRow(Base):
    __tablename__ = "foi_status_changes"
    __table_args__ = (Index("ix_foi_status_changes_request_id", "request_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("foi_requests.id", ondelete="CASCADE"), nullable=False)
    status: Mapped[str] = mapped_column(String(32), nullable=False)
    on: Mapped[date] = mapped_column("on_date", Date, nullable=False)  # "on" is an SQL keyword
    exemptions: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    appeal_to: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    created_by: Mapped[str | None] = mapped_column(Text)


class FoiResponseRow(Base):
    __tablename__ = "foi_responses"
    __table_args__ = (
        UniqueConstraint("request_id", "document_id", name="uq_foi_responses_request_document"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("foi_requests.id", ondelete="CASCADE"), nullable=False)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    received: Mapped[date] = mapped_column(Date, nullable=False)
    attached_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    proposal: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    applied: Mapped[bool] = mapped_column(nullable=False, default=False)


class FoiRequestStoryRow(Base):
    __tablename__ = "foi_request_stories"
    __table_args__ = (
        UniqueConstraint("request_id", "story_id", name="uq_foi_request_stories_request_story"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("foi_requests.id", ondelete="CASCADE"), nullable=False)
    # Stories live in another module's table; a plain id keeps this one independent of it.
    story_id: Mapped[str] = mapped_column(String(64), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)


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
        # foi branch: a unique prefix of an id works, as in git.
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
    with store.session() as s:
        row = _load_row(s, request_id)
        moved = change_status(_request_from_row(row), status, on, exemptions=exemptions,
                              appeal_to=appeal_to, note=note)
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
    # foi branch: a response's policy facts and statements are stored as ingest stores them.
    policies: Sequence[PolicyFact] = (),
    statements: Sequence[Statement] = (),
) -> AttachedResponse:
    """Attach a response document (with the figures extracted from it) to a request.

    The figures are stamped with the request's requester and stored with the document (a
    document already stored gets its figures replaced by the stamped ones); the status the text
    proposes is kept with the link. With `apply` the proposal becomes a status change on `on`:
    a weak one also needs `confirm`. Whether it can be applied is checked before anything is
    written, so a refused application stores nothing.
    """
    request = get_request(store, request_id)
    request_id = request.id  # a prefix given becomes the full id
    stamped = figures_for_response(request, figures)
    proposal = propose_status(document.text, request.law, stamped)
    moved = apply_proposal(request, proposal, on, confirm=confirm) if apply else None
    added = store.add_document(document, stamped, policies=policies, statements=statements)
    if not added.created and request.requester is not None:
        store.replace_figures(added.document_id, stamped)
    kept = proposal.model_dump(mode="json")
    with store.session() as s:
        row = _load_row(s, request_id)
        link = s.scalar(select(FoiResponseRow).where(FoiResponseRow.request_id == request_id,
                                                     FoiResponseRow.document_id == added.document_id))
        if link is None:
            s.add(FoiResponseRow(request_id=request_id, document_id=added.document_id, received=on,
                                 attached_at=_now(), proposal=kept, applied=moved is not None))
        else:
            link.proposal, link.received = kept, on
            link.applied = link.applied or moved is not None
        if moved is not None:
            _append_change(row, moved, by)
    return AttachedResponse(
        request=moved or request, document_id=added.document_id, document_name=document.name,
        new_document=added.created, figures=stamped, proposal=proposal, applied=moved is not None,
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
