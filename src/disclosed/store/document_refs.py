"""Documents by reference: short ids and paths for listings, finding a document a user names, each
record listed with the document it came from, and deleting documents with what was derived from them.

A document's short id is the start of its content hash (`sha256[:8]`): the same document has the
same short id in every database and in `disclosed extract` output. A user may name a document by
its short id (or any unique start of its hash, 4 characters or more), its file name, its path or
URL, or its row id.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from disclosed.model import Figure, PolicyFact, Statement
from disclosed.store.database import Store
from disclosed.store.schema import Base, DocumentRow, FigureRow, PolicyRow, StatementRow

SHORT_ID = 8
MIN_PREFIX = 4


def short_id(sha256: str) -> str:
    return sha256[:SHORT_ID]


@dataclass(frozen=True)
class DocumentRef:
    """What listings show of a document: its ids, name, path (or URL) and a few facts."""

    id: int
    sha256: str
    name: str
    path: str  # the file path it was read from, or the URL of a page out of a WARC
    container: str | None
    format: str
    title: str | None
    published: date | None
    outlet: str | None

    @property
    def short_id(self) -> str:
        return short_id(self.sha256)


_REF_COLUMNS = (
    DocumentRow.id,
    DocumentRow.sha256,
    DocumentRow.name,
    DocumentRow.source,
    DocumentRow.container,
    DocumentRow.format,
    DocumentRow.title,
    DocumentRow.published,
    DocumentRow.outlet,
)


def _ref(row: Any) -> DocumentRef:
    return DocumentRef(
        id=row.id,
        sha256=row.sha256,
        name=row.name,
        path=row.source,
        container=row.container,
        format=row.format,
        title=row.title,
        published=row.published,
        outlet=row.outlet,
    )


def document_refs(store: Store, ids: Iterable[int] | None = None) -> dict[int, DocumentRef]:
    """Every stored document (or those with these row ids) by row id, oldest first."""
    query = select(*_REF_COLUMNS).order_by(DocumentRow.id)
    if ids is not None:
        query = query.where(DocumentRow.id.in_(list(set(ids))))
    with store.session() as s:
        return {row.id: _ref(row) for row in s.execute(query)}


def find_documents(store: Store, reference: str) -> list[DocumentRef]:
    """The documents `reference` names: a row id, a start of the content hash, a path or URL, a file
    name. The first kind that matches anything wins; several documents may share a file name."""
    ref = reference.strip()
    with store.session() as s:
        lowered = ref.lower()
        is_hex = len(lowered) >= MIN_PREFIX and all(c in "0123456789abcdef" for c in lowered)
        # A whole short id wins over a row id of the same digits (a short id may be all digits).
        if is_hex and len(lowered) >= SHORT_ID and (found := _by_hash(s, lowered)):
            return found
        if ref.isdigit() and (
            row := s.execute(select(*_REF_COLUMNS).where(DocumentRow.id == int(ref))).first()
        ):
            return [_ref(row)]
        if is_hex and (found := _by_hash(s, lowered)):
            return found
        candidates = {ref, os.path.abspath(ref)} if "://" not in ref else {ref}
        rows = s.execute(
            select(*_REF_COLUMNS).where(DocumentRow.source.in_(candidates)).order_by(DocumentRow.id)
        ).all()
        if not rows:  # stored as given on another command line: compare absolute paths
            wanted = os.path.abspath(ref)
            rows = [
                r
                for r in s.execute(
                    select(*_REF_COLUMNS)
                    .where(DocumentRow.name == os.path.basename(ref))
                    .order_by(DocumentRow.id)
                )
                if os.path.abspath(r.source) == wanted
            ]
        if not rows:
            rows = s.execute(
                select(*_REF_COLUMNS).where(DocumentRow.name == ref).order_by(DocumentRow.id)
            ).all()
        return [_ref(r) for r in rows]


def _by_hash(s: Session, prefix: str) -> list[DocumentRef]:
    rows = s.execute(
        select(*_REF_COLUMNS).where(DocumentRow.sha256.startswith(prefix)).order_by(DocumentRow.id)
    ).all()
    return [_ref(r) for r in rows]


def document_names(store: Store) -> list[str]:
    """Every stored document's file name (or URL), for suggestions."""
    with store.session() as s:
        return list(s.scalars(select(DocumentRow.name).distinct()))


def document_text(store: Store, document_id: int) -> str | None:
    with store.session() as s:
        return s.scalar(select(DocumentRow.text).where(DocumentRow.id == document_id))


# -- records with their documents -------------------------------------------------------------------


def _contains(column: Any, value: str | None) -> Any:
    return func.lower(column).contains(value.lower()) if value else None


def _where(query: Any, *conditions: Any) -> Any:
    for condition in conditions:
        if condition is not None:
            query = query.where(condition)
    return query


def _fields(row: Any, model: type, skip: Sequence[str] = ()) -> dict[str, Any]:
    return {k: getattr(row, k) for k in model.model_fields if hasattr(row, k) and k not in skip}


def figures_by_document(
    store: Store,
    *,
    organisation: str | None = None,
    outcome: str | None = None,
    staff_group: str | None = None,
    topic: str | None = None,
    document_id: int | None = None,
) -> list[tuple[int, int, Figure]]:
    """Stored figures as (document row id, figure row id, Figure), in document then figure order."""
    query = _where(
        select(FigureRow, DocumentRow.name).join(DocumentRow).order_by(FigureRow.document_id, FigureRow.id),
        _contains(FigureRow.organisation, organisation),
        FigureRow.outcome == outcome if outcome else None,
        FigureRow.staff_group == staff_group if staff_group else None,
        FigureRow.topic == topic if topic else None,
        FigureRow.document_id == document_id if document_id is not None else None,
    )
    with store.session() as s:
        return [
            (
                row.document_id,
                row.id,
                Figure(document=name, **_fields(row, Figure, ("id", "document")), id=row.figure_key),
            )
            for row, name in s.execute(query)
        ]


def policies_by_document(
    store: Store, *, organisation: str | None = None, document_id: int | None = None
) -> list[tuple[int, int, PolicyFact]]:
    """Stored policy facts as (document row id, row id, PolicyFact)."""
    query = _where(
        select(PolicyRow, DocumentRow.name).join(DocumentRow).order_by(PolicyRow.document_id, PolicyRow.id),
        _contains(PolicyRow.organisation, organisation),
        PolicyRow.document_id == document_id if document_id is not None else None,
    )
    with store.session() as s:
        return [
            (row.document_id, row.id, PolicyFact(document=name, **_fields(row, PolicyFact, ("document",))))
            for row, name in s.execute(query)
        ]


def statements_by_document(
    store: Store,
    *,
    organisation: str | None = None,
    speaker: str | None = None,
    document_id: int | None = None,
) -> list[tuple[int, int, Statement]]:
    """Stored statements as (document row id, row id, Statement)."""
    query = _where(
        select(StatementRow, DocumentRow.name)
        .join(DocumentRow)
        .order_by(StatementRow.document_id, StatementRow.id),
        _contains(StatementRow.speaker_organisation, organisation),
        _contains(StatementRow.speaker, speaker),
        StatementRow.document_id == document_id if document_id is not None else None,
    )
    with store.session() as s:
        return [
            (row.document_id, row.id, Statement(document=name, **_fields(row, Statement, ("document",))))
            for row, name in s.execute(query)
        ]


def distinct_values(store: Store, column: str) -> list[str]:
    """The distinct values of one searchable column ("figures.organisation", "statements.speaker", ...),
    for "did you mean" suggestions."""
    tables = {
        "figures": FigureRow,
        "policies": PolicyRow,
        "statements": StatementRow,
        "documents": DocumentRow,
    }
    table, _, name = column.partition(".")
    col = getattr(tables[table], name)
    with store.session() as s:
        return [v for v in s.scalars(select(col).distinct()) if v]


# -- deleting --------------------------------------------------------------------------------------

# Tables whose rows are computed from documents (extracted, fingerprinted, grouped): deleting a
# document deletes its rows there. Rows of any other table that refer to a document were put
# there by people (an FOI response attached to a request, a correction): `documents_kept_by` names them.
DERIVED_TABLES = frozenset(
    {
        "figures",
        "policies",
        "statements",
        "document_fingerprints",
        "document_copies",
        "document_citations",
        "stories",
        "story_documents",
        "document_story_profiles",
    }
)


def _referring_columns() -> list[tuple[str, Any]]:
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in DERIVED_TABLES:
            continue
        for column in table.columns:
            if any(fk.column.table.name == "documents" for fk in column.foreign_keys):
                found.append((table.name, column))
    return found


def documents_kept_by(store: Store, ids: Iterable[int]) -> dict[int, list[str]]:
    """For each document among `ids` that people's records refer to, the tables that do
    ("foi_responses", ...): such a document is not removed without being forced."""
    ids = list(ids)
    kept: dict[int, list[str]] = {}
    with store.session() as s:
        for table_name, column in _referring_columns():
            for doc_id in s.scalars(select(column).where(column.in_(ids)).distinct()):
                kept.setdefault(doc_id, []).append(table_name)
    return kept


def delete_documents(store: Store, ids: Iterable[int]) -> int:
    """Delete documents and every row that refers to them, in one transaction; the number deleted.

    Rows in other tables that refer to them go first (the schema cascades too, but SQLite only
    when its foreign keys are on); a column declared ON DELETE SET NULL (a story's origin) is cleared."""
    ids = list(set(ids))
    if not ids:
        return 0
    with store.session() as s:
        _delete_referring(s, ids)
        return s.execute(delete(DocumentRow).where(DocumentRow.id.in_(ids))).rowcount or 0


def _delete_referring(s: Session, ids: list[int]) -> None:
    for table in reversed(Base.metadata.sorted_tables):
        if table.name == "documents":
            continue
        for column in table.columns:
            fks = [fk for fk in column.foreign_keys if fk.column.table.name == "documents"]
            if not fks:
                continue
            if fks[0].ondelete == "SET NULL":
                s.execute(table.update().where(column.in_(ids)).values({column.name: None}))
            else:
                s.execute(table.delete().where(column.in_(ids)))
