"""Reviews: a person's value for a figure (confirm, correct any field, reject, add one the extractor
missed), and the FOI requester stamp, as one mechanism: an override kept apart from the extraction.

An override is a `reviews` row (where the figure was found and the values set) with every change
to it in `review_changes` (who, when, before, after, note). The figures table always holds the
values readers should see: `reattach` lays each override over the figure it belongs to after any
extraction writes a document's figures, so the dataset, stories, checks, exports, the API and the
CLI all read reviewed figures without knowing about reviews. An override finds its figure again by
document and evidence span first, then by the figure's key (organisation, staff group, outcome,
count) within the document; when neither finds it, the override is kept and marked orphaned.

Optimistic concurrency: every change carries the version of the override it saw; a change made
against an older version is refused with ReviewConflict, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from disclosed.errors import DisclosedError, InvalidInputError, NotFoundError
from disclosed.model import Figure
from disclosed.store import Store
from disclosed.store.database import mark_stories_owed
from disclosed.store.schema import DocumentRow, FigureRow, ReviewChangeRow, ReviewRow

# Fields a person may set on a figure (everything but where it was read from).
EDITABLE = (
    "organisation", "organisation_mention", "staff_group", "outcome", "count", "qualifier", "suppressed",
    "platforms", "period_start", "period_end", "period", "conduct", "requester", "topic",
)
_FIGURE_FIELDS = (*EDITABLE, "part_of", "evidence", "evidence_start", "evidence_end", "count_text",
                  "attribution")
ACTIONS = ("confirm", "correct", "reject", "add", "stamp")
# a stamp (the FOI requester) is a machine's override: it does not make a figure reviewed
REVIEWED = ("confirmed", "corrected", "rejected", "added")
_STATUS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected", "add": "added"}


class ReviewConflict(DisclosedError):
    """The record changed since the reviewer read it: nothing was written."""


@dataclass(frozen=True)
class ReviewChange:
    review_id: int
    version: int
    action: str
    by: str
    at: datetime
    before: dict
    after: dict
    note: str | None


@dataclass(frozen=True)
class Review:
    id: int
    document: str
    document_id: int | None
    figure_id: int | None
    status: str
    version: int
    orphaned: bool
    reviewed_by: str | None
    reviewed_at: datetime | None
    extracted: dict
    fields: dict
    evidence: str
    changes: tuple[ReviewChange, ...] = ()

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _figure_values(row: FigureRow) -> dict[str, Any]:
    return {k: getattr(row, k) for k in _FIGURE_FIELDS}


def _key(values: Mapping[str, Any]) -> tuple:
    return (values["organisation"], values["staff_group"], values["outcome"], values["count"])


def parse_assignments(assignments: Iterable[str]) -> dict[str, Any]:
    """`field=value` strings (from the command line) as a dict; InvalidInputError naming a bad one."""
    out: dict[str, Any] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep:
            raise InvalidInputError("--set", f"{item!r} is not field=value")
        if name not in EDITABLE:
            raise InvalidInputError("--set", f"{name!r} is not a field a review can set "
                                             f"(one of {', '.join(EDITABLE)})")
        value = value.strip()
        if name == "platforms":
            out[name] = [p.strip() for p in value.split(",") if p.strip()]
        elif name == "suppressed":
            out[name] = value.lower() in ("1", "true", "yes", "y")
        else:
            out[name] = value or None
    return out


def _checked(values: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """`values` with `changes` laid over, validated as a Figure (InvalidInputError naming the field)."""
    merged = {**values, **changes}
    try:
        fig = Figure.model_validate(merged)
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "figure"
        raise InvalidInputError(field, f"{first['msg']} (got {first.get('input')!r})") from None
    return {k: v for k, v in fig.model_dump(mode="json").items() if k in _FIGURE_FIELDS}


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


# -- writing ---------------------------------------------------------------------------------------

def review_figure(store: Store, figure_id: int, action: str, *, by: str,
                  fields: Mapping[str, Any] | None = None, note: str | None = None,
                  version: int | None = None) -> Review:
    """Confirm, correct or reject the stored figure `figure_id` as `by`, in one transaction.

    `version` is the override's version the reviewer saw (0: the figure was not reviewed yet);
    when it changed meanwhile, ReviewConflict is raised and nothing is written. None skips the check
    (the change is still kept in the history with the values it replaced)."""
    if action not in ("confirm", "correct", "reject"):
        raise InvalidInputError("action", f"{action!r} is not confirm, correct or reject")
    if not by or not by.strip():
        raise InvalidInputError("by", "a review needs the reviewer's name")
    changes = dict(fields or {})
    if action == "correct" and not changes:
        raise InvalidInputError("--set", "a correction needs at least one field=value")
    if action == "reject" and changes:
        raise InvalidInputError("--set", "a rejected figure takes no values")
    if action == "confirm" and changes:
        action = "correct"
    with store.session() as s:
        review = _change(s, figure_id, action, by.strip(), changes, note, version)
        mark_stories_owed(s)
        out = _review_out(s, review)
    _refresh(store)
    return out


def _change(s: Session, figure_id: int, action: str, by: str, changes: Mapping[str, Any], note: str | None,
            version: int | None) -> ReviewRow:
    # a write first: SQLite takes its write lock now (a reviewer working at the same moment waits,
    # then reads what this one wrote); PostgreSQL locks the override's row
    s.execute(update(ReviewRow).where(ReviewRow.figure_id == figure_id)
              .values(version=ReviewRow.version).execution_options(synchronize_session=False))
    row = s.get(FigureRow, figure_id)
    if row is None:
        raise NotFoundError(f"figure {figure_id} is not stored (see `disclosed reviews --pending`)")
    review = s.scalar(select(ReviewRow).where(ReviewRow.figure_id == figure_id))
    seen = review.version if review is not None else 0
    if version is not None and version != seen:
        last = f" by {review.changes[-1].by}" if review is not None and review.changes else ""
        raise ReviewConflict(f"figure {figure_id} changed since you read it (now version {seen}{last}); "
                             "nothing was saved, read it again")
    current = _figure_values(row)
    after = _checked(current, changes) if action == "correct" else dict(current)
    now = _now()
    if review is None:
        doc = s.get(DocumentRow, row.document_id)
        review = ReviewRow(
            kind="figure", document_source=doc.source, document_name=doc.name, document_id=doc.id,
            figure_id=row.id, evidence=row.evidence, evidence_start=row.evidence_start,
            evidence_end=row.evidence_end, organisation=row.organisation, staff_group=row.staff_group,
            outcome=row.outcome, count=row.count, extracted=_jsonable(current), fields={}, status="confirmed",
            version=0, orphaned=False, updated_at=now)
        s.add(review)
        try:
            s.flush()  # a concurrent first review of the same figure fails here (unique figure_id)
        except IntegrityError:
            raise ReviewConflict(f"figure {figure_id} was reviewed by someone else just now; "
                                 "nothing was saved, read it again") from None
    new_version = review.version + 1
    done = s.execute(update(ReviewRow).where(ReviewRow.id == review.id, ReviewRow.version == review.version)
                     .values(version=new_version).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise ReviewConflict(f"figure {figure_id} changed since you read it; "
                             "nothing was saved, read it again")
    s.refresh(review)
    fields = dict(review.fields or {})
    if action == "correct":
        fields.update({k: after[k] for k in changes})
    review.fields = fields
    if action in _STATUS:
        review.status = _STATUS[action]
        review.reviewed_by, review.reviewed_at = by, now
    review.updated_at = now
    s.add(ReviewChangeRow(review_id=review.id, version=new_version, action=action, by=by, at=now,
                          before=_jsonable(current), after=_jsonable(after) if action != "reject" else {},
                          note=note))
    _apply(s, review, row)
    return review


def add_figure(store: Store, document_id: int, values: Mapping[str, Any], *, by: str,
               note: str | None = None) -> Review:
    """Add a figure the extractor missed to a stored document. `values` need organisation, outcome,
    count and evidence (a passage of the document's text: its span is found there)."""
    if not by or not by.strip():
        raise InvalidInputError("by", "a review needs the reviewer's name")
    with store.session() as s:
        doc = s.get(DocumentRow, document_id)
        if doc is None:
            raise NotFoundError(f"document {document_id} is not stored")
        evidence = str(values.get("evidence") or "").strip()
        if not evidence:
            raise InvalidInputError("evidence", "an added figure needs the passage it is read from")
        start = doc.text.find(evidence)
        if start < 0:
            raise InvalidInputError("evidence", f"not found in the text of {doc.name}")
        base = {"evidence": evidence, "evidence_start": start, "evidence_end": start + len(evidence),
                "count_text": str(values.get("count", "")), "part_of": None, "attribution": f"added by {by}"}
        fig = _checked(base, {k: v for k, v in values.items() if k in EDITABLE})
        now = _now()
        review = ReviewRow(
            kind="figure", document_source=doc.source, document_name=doc.name, document_id=doc.id,
            evidence=evidence, evidence_start=start, evidence_end=start + len(evidence),
            organisation=fig["organisation"], staff_group=fig["staff_group"], outcome=fig["outcome"],
            count=fig["count"], extracted={}, fields=fig, status="added", reviewed_by=by, reviewed_at=now,
            version=1, orphaned=False, updated_at=now)
        s.add(review)
        s.flush()
        s.add(ReviewChangeRow(review_id=review.id, version=1, action="add", by=by, at=now, before={},
                              after=fig, note=note))
        _apply(s, review, None)
        mark_stories_owed(s)
        out = _review_out(s, review)
    _refresh(store)
    return out


def stamp_requester(store: Store, document_id: int, requester: str, *, by: str) -> int:
    """Keep the FOI requester of a response on each of its figures as an override, so a re-extraction
    does not wipe it. The number of figures stamped."""
    stamped = 0
    with store.session() as s:
        rows = s.scalars(select(FigureRow).where(FigureRow.document_id == document_id)).all()
        for row in rows:
            review = s.scalar(select(ReviewRow).where(ReviewRow.figure_id == row.id))
            if review is not None and (review.fields or {}).get("requester") == requester:
                continue
            _change_stamp(s, row, requester, by)
            stamped += 1
        if stamped:
            mark_stories_owed(s)
    return stamped


def _change_stamp(s: Session, row: FigureRow, requester: str, by: str) -> None:
    review = s.scalar(select(ReviewRow).where(ReviewRow.figure_id == row.id))
    current = _figure_values(row)
    now = _now()
    if review is None:
        doc = s.get(DocumentRow, row.document_id)
        extracted = {**current, "requester": None}  # the stamp is not the extractor's
        review = ReviewRow(
            kind="figure", document_source=doc.source, document_name=doc.name, document_id=doc.id,
            figure_id=row.id, evidence=row.evidence, evidence_start=row.evidence_start,
            evidence_end=row.evidence_end, organisation=row.organisation, staff_group=row.staff_group,
            outcome=row.outcome, count=row.count, extracted=_jsonable(extracted), fields={}, status="stamped",
            version=0, orphaned=False, updated_at=now)
        s.add(review)
        s.flush()
    review.version += 1
    review.fields = {**(review.fields or {}), "requester": requester}
    review.updated_at = now
    s.add(ReviewChangeRow(review_id=review.id, version=review.version, action="stamp", by=by, at=now,
                          before=_jsonable(current), after=_jsonable({**current, "requester": requester}),
                          note="requester of the FOI request this document answers"))
    _apply(s, review, row)


def _apply(s: Session, review: ReviewRow, row: FigureRow | None) -> None:
    """Lay the override over the figure row it is attached to (inserting an added figure, deleting a
    rejected one)."""
    if review.status == "rejected":
        if row is not None:
            s.execute(delete(FigureRow).where(FigureRow.id == row.id))
        review.figure_id = None
        review.orphaned = False
        return
    if row is None:  # an added figure, or one attached again
        if review.document_id is None:
            return
        values = {**review.fields, "figure_key": None, "document_id": review.document_id}
        review.figure_id = s.execute(insert(FigureRow).values(**values).returning(FigureRow.id)).scalar_one()
        review.orphaned = False
        return
    for k, v in (review.fields or {}).items():
        setattr(row, k, v)
    review.figure_id = row.id
    review.document_id = row.document_id
    review.orphaned = False
    s.flush()


# -- re-attaching after an extraction ----------------------------------------------------------------

def reattach(store: Store, document_ids: Sequence[int] | None = None) -> int:
    """Lay every override over its figure again after an extraction replaced figures (of
    `document_ids`, or of every document): found by document and evidence span, then by the figure's
    key within the document; one whose figure is gone is marked orphaned and kept. One transaction;
    the number of overrides that could not be attached (orphaned)."""
    with store.session() as s:
        query = select(ReviewRow).order_by(ReviewRow.id)
        docs_query = select(DocumentRow.id, DocumentRow.source)
        if document_ids is not None:
            if not document_ids:
                return 0
            sources = s.scalars(select(DocumentRow.source).where(DocumentRow.id.in_(document_ids))).all()
            query = query.where(ReviewRow.document_source.in_(sources))
            docs_query = docs_query.where(DocumentRow.source.in_(sources))
        reviews = s.scalars(query).all()
        if not reviews:
            return 0
        by_source: dict[str, list[int]] = {}
        for doc_id, source in s.execute(docs_query.order_by(DocumentRow.id)):
            by_source.setdefault(source, []).append(doc_id)
        all_docs = [d for ids in by_source.values() for d in ids]
        rows_by_doc: dict[int, list[FigureRow]] = {}
        for row in s.scalars(select(FigureRow).where(FigureRow.document_id.in_(all_docs))
                             .order_by(FigureRow.id)):
            rows_by_doc.setdefault(row.document_id, []).append(row)
        claimed: set[int] = set()
        orphaned = 0
        changed = False
        for review in reviews:
            docs = by_source.get(review.document_source, [])
            candidates = [r for d in docs for r in rows_by_doc.get(d, []) if r.id not in claimed]
            before = (review.figure_id, review.orphaned, review.document_id)
            if review.status == "added":
                row = next((r for r in candidates if r.id == review.figure_id), None)
                if row is None:
                    review.document_id = docs[-1] if docs else None
                    review.figure_id = None
                if row is None and review.document_id is None:
                    review.orphaned = True
                    orphaned += 1
                    continue
            else:
                row = _find(review, candidates)
            if row is not None:
                claimed.add(row.id)
                _apply(s, review, row)
            elif review.status == "added":
                _apply(s, review, None)
            elif review.status != "rejected":  # a rejected figure that is gone is as it should be
                review.figure_id = None
                review.orphaned = True
                review.document_id = docs[-1] if docs else None
                orphaned += 1
            if before != (review.figure_id, review.orphaned, review.document_id):
                changed = True
        if changed:
            mark_stories_owed(s)
        return orphaned


def _find(review: ReviewRow, candidates: list[FigureRow]) -> FigureRow | None:
    same_row = next((r for r in candidates if r.id == review.figure_id), None)
    if same_row is not None:
        return same_row
    key = (review.organisation, review.staff_group, review.outcome, review.count)
    span = [r for r in candidates if (r.evidence_start, r.evidence_end) == (review.evidence_start,
                                                                            review.evidence_end)]
    by_key = [r for r in span if _key(_figure_values(r)) == key]
    if by_key:
        return by_key[0]
    if len(span) == 1:
        return span[0]
    return next((r for r in candidates if _key(_figure_values(r)) == key), None)


def _refresh(store: Store) -> None:
    """Stories read the figures (their organisations and requesters): bring them up to date."""
    from disclosed.runs.stories import refresh_stories

    refresh_stories(store)


# -- reading -------------------------------------------------------------------------------------------

def _review_out(s: Session, review: ReviewRow) -> Review:
    changes = s.scalars(select(ReviewChangeRow).where(ReviewChangeRow.review_id == review.id)
                        .order_by(ReviewChangeRow.version)).all()
    return Review(
        id=review.id, document=review.document_name, document_id=review.document_id,
        figure_id=review.figure_id, status=review.status, version=review.version, orphaned=review.orphaned,
        reviewed_by=review.reviewed_by, reviewed_at=review.reviewed_at,
        extracted=dict(review.extracted or {}), fields=dict(review.fields or {}), evidence=review.evidence,
        changes=tuple(ReviewChange(c.review_id, c.version, c.action, c.by, c.at, dict(c.before),
                                   dict(c.after), c.note) for c in changes))


def get_review(store: Store, review_id: int) -> Review:
    with store.session() as s:
        review = s.get(ReviewRow, review_id)
        if review is None:
            raise NotFoundError(f"review {review_id} does not exist")
        return _review_out(s, review)


def review_of_figure(store: Store, figure_id: int) -> Review | None:
    """The override attached to a stored figure, with its history (None when it was never reviewed)."""
    with store.session() as s:
        review = s.scalar(select(ReviewRow).where(ReviewRow.figure_id == figure_id))
        return _review_out(s, review) if review is not None else None


def figure_version(store: Store, figure_id: int) -> int:
    """The version a reviewer of `figure_id` sees now (0 when it was never reviewed)."""
    with store.session() as s:
        return s.scalar(select(ReviewRow.version).where(ReviewRow.figure_id == figure_id)) or 0


def reviews_by_figure(store: Store) -> dict[int, Review]:
    """Every attached override by the figure it is attached to (no history): for marking exports."""
    with store.session() as s:
        return {r.figure_id: Review(r.id, r.document_name, r.document_id, r.figure_id, r.status, r.version,
                                    r.orphaned, r.reviewed_by, r.reviewed_at, {}, dict(r.fields or {}),
                                    r.evidence)
                for r in s.scalars(select(ReviewRow).where(ReviewRow.figure_id.is_not(None)))}


def list_changes(store: Store, *, since: date | None = None, by: str | None = None,
                 orphaned: bool = False) -> list[tuple[Review, ReviewChange]]:
    """Every change to an override, oldest first; filtered by day, reviewer, or orphaned overrides."""
    query = (select(ReviewRow, ReviewChangeRow)
             .join(ReviewChangeRow, ReviewChangeRow.review_id == ReviewRow.id)
             .order_by(ReviewChangeRow.at, ReviewChangeRow.id))
    if since is not None:
        query = query.where(ReviewChangeRow.at >= datetime.combine(since, datetime.min.time()))
    if by:
        query = query.where(func.lower(ReviewChangeRow.by) == by.lower())
    if orphaned:
        query = query.where(ReviewRow.orphaned.is_(True))
    with store.session() as s:
        out = []
        for review, c in s.execute(query):
            out.append((Review(review.id, review.document_name, review.document_id, review.figure_id,
                               review.status, review.version, review.orphaned, review.reviewed_by,
                               review.reviewed_at, dict(review.extracted or {}), dict(review.fields or {}),
                               review.evidence),
                        ReviewChange(c.review_id, c.version, c.action, c.by, c.at, dict(c.before),
                                     dict(c.after), c.note)))
        return out


def orphaned_reviews(store: Store) -> list[Review]:
    with store.session() as s:
        return [_review_out(s, r) for r in s.scalars(select(ReviewRow).where(ReviewRow.orphaned.is_(True))
                                                     .order_by(ReviewRow.id))]


def progress(store: Store) -> tuple[int, int]:
    """(figures reviewed, figures stored): a figure counts as reviewed when a person confirmed or
    corrected it; rejected and added ones count on both sides."""
    with store.session() as s:
        stored = s.scalar(select(func.count(FigureRow.id))) or 0
        reviewed = s.scalar(select(func.count(ReviewRow.id)).where(
            ReviewRow.status.in_(("confirmed", "corrected", "added")), ReviewRow.figure_id.is_not(None))) or 0
        rejected = s.scalar(select(func.count(ReviewRow.id)).where(ReviewRow.status == "rejected",
                                                                   ReviewRow.orphaned.is_(False))) or 0
    return reviewed + rejected, stored + rejected
