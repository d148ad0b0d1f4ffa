"""What the pages read: a snapshot of the store (documents, figures, facts, stories, the reconciled
dataset and a full-text index), rebuilt only when the database changes.

Every read of the store the web app makes goes through the small functions here, so they can be
pointed at stored stories and datasets (or a use case in `runs/`) without touching the pages.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, select

from disclosed.model import Dataset, DatasetRow, Figure, Person, PolicyFact, Statement, Story
from disclosed.store import Store
from disclosed.store.database import figure_from_row, policy_from_row, statement_from_row
from disclosed.store.schema import DocumentRow, FigureRow, PolicyRow, StatementRow

T = TypeVar("T")
MEMO_ENTRIES = 512  # pages' data kept per snapshot


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    key: str  # the name stories and the dataset use: unique even when two documents share a name
    name: str
    source: str
    format: str
    title: str | None
    published: date | None
    outlet: str | None
    figures: int


@dataclass(frozen=True)
class StoredFigure:
    id: int
    document_id: int
    figure: Figure  # `document` is the document key


@dataclass(frozen=True)
class StoredPolicy:
    id: int
    document_id: int
    policy: PolicyFact


@dataclass(frozen=True)
class StoredStatement:
    id: int
    document_id: int
    statement: Statement


def row_id(row: DatasetRow) -> str:
    """A stable id for a dataset row: a hash of what makes it one fact (not of its count)."""
    key = "\x1f".join(
        str(v or "")
        for v in (
            row.organisation.casefold(),
            row.staff_group,
            row.outcome,
            row.period_start,
            row.period_end,
            row.period,
            row.topic,
            row.detail,
        )
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def year_of(period_start: str | None) -> int | None:
    return int(period_start[:4]) if period_start and period_start[:4].isdigit() else None


@dataclass
class Snapshot:
    version: tuple
    documents: dict[int, DocumentInfo]
    figures: dict[int, StoredFigure]
    policies: dict[int, StoredPolicy]
    statements: dict[int, StoredStatement]
    stories: list[Story]
    dataset: Dataset  # every topic
    people: list[Person]
    fts: sqlite3.Connection
    by_key: dict[str, int] = field(default_factory=dict)  # document key -> id
    story_of: dict[str, str] = field(default_factory=dict)  # document key -> story id
    rows_by_id: dict[str, DatasetRow] = field(default_factory=dict)
    row_of_figure: dict[int, str] = field(default_factory=dict)  # figure id -> dataset row id
    figures_of_row: dict[str, list[int]] = field(default_factory=dict)
    # indexes, so a page reads only what it shows
    figures_by_org: dict[str, list[int]] = field(default_factory=dict)  # casefolded organisation -> ids
    figures_by_doc: dict[int, list[int]] = field(default_factory=dict)
    policies_by_doc: dict[int, list[int]] = field(default_factory=dict)
    statements_by_doc: dict[int, list[int]] = field(default_factory=dict)
    rows_by_org: dict[str, list[DatasetRow]] = field(default_factory=dict)
    organisation_counts: list[dict] = field(default_factory=list)
    _memo: dict[tuple, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for fid, sf in self.figures.items():
            self.figures_by_org.setdefault(sf.figure.organisation.casefold(), []).append(fid)
            self.figures_by_doc.setdefault(sf.document_id, []).append(fid)
        for pid, sp in self.policies.items():
            self.policies_by_doc.setdefault(sp.document_id, []).append(pid)
        for sid, ss in self.statements.items():
            self.statements_by_doc.setdefault(ss.document_id, []).append(sid)
        for r in self.dataset.rows:
            self.rows_by_org.setdefault(r.organisation.casefold(), []).append(r)
        self.by_key = {d.key: d.id for d in self.documents.values()}
        self.story_of = {doc: st.id for st in self.stories for doc in st.documents}
        self.rows_by_id = {row_id(r): r for r in self.dataset.rows}
        index: dict[tuple, list[tuple[str, DatasetRow]]] = defaultdict(list)
        for rid, r in self.rows_by_id.items():
            index[(r.organisation.casefold(), r.outcome, r.topic, r.period_start, r.period_end)].append(
                (rid, r)
            )
        for fid, sf in self.figures.items():
            f = sf.figure
            candidates = [
                (rid, r)
                for rid, r in index.get(
                    (f.organisation.casefold(), f.outcome, f.topic, f.period_start, f.period_end), []
                )
                if f.document in r.documents
            ]
            if not candidates:
                continue
            exact = [c for c in candidates if c[1].count == f.count] or candidates
            rid = exact[0][0]
            self.row_of_figure[fid] = rid
            self.figures_of_row.setdefault(rid, []).append(fid)

    def memo(self, key: tuple, compute: Callable[[], T]) -> T:
        """`compute()` once per snapshot for `key` (a page's data does not change until the database does)."""
        if key in self._memo:
            return self._memo[key]
        value = compute()
        if len(self._memo) >= MEMO_ENTRIES:
            self._memo.clear()
        self._memo[key] = value
        return value

    def document_by_key(self, key: str) -> DocumentInfo | None:
        doc_id = self.by_key.get(key)
        return self.documents.get(doc_id) if doc_id is not None else None

    def status_of(self, figure_id: int) -> str | None:
        rid = self.row_of_figure.get(figure_id)
        return self.rows_by_id[rid].status if rid else None


def _version(store: Store) -> tuple:
    """Changes whenever documents, their extraction or the stories change."""
    from disclosed.store.schema import ReviewRow, StoryRow

    with store.session() as s:
        docs = s.execute(
            select(func.count(DocumentRow.id), func.max(DocumentRow.id), func.max(DocumentRow.extracted_at))
        ).one()
        figs = s.execute(select(func.count(FigureRow.id), func.max(FigureRow.id))).one()
        stories = s.execute(select(func.count(StoryRow.id), func.max(StoryRow.updated_at))).one()
        reviewed = s.execute(select(func.count(ReviewRow.id), func.max(ReviewRow.updated_at))).one()
    return (*docs, *figs, *stories, *reviewed)


def _document_infos(store: Store) -> dict[int, DocumentInfo]:
    counts = (
        select(FigureRow.document_id, func.count(FigureRow.id).label("n"))
        .group_by(FigureRow.document_id)
        .subquery()
    )
    query = (
        select(
            DocumentRow.id,
            DocumentRow.name,
            DocumentRow.source,
            DocumentRow.format,
            DocumentRow.title,
            DocumentRow.published,
            DocumentRow.outlet,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.document_id == DocumentRow.id)
        .order_by(DocumentRow.id)
    )
    seen: set[str] = set()
    out: dict[int, DocumentInfo] = {}
    with store.session() as s:
        for doc_id, name, source, fmt, title, published, outlet, n in s.execute(query):
            key = name if name not in seen else f"{name}#{doc_id}"
            seen.add(name)
            out[doc_id] = DocumentInfo(doc_id, key, name, source, fmt, title, published, outlet, n)
    return out


def _build_fts(store: Store) -> sqlite3.Connection:
    """An in-memory SQLite FTS5 index of every document's title and text (on any database)."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='porter unicode61')")
    with store.session() as s:
        rows = s.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.text)).all()
    conn.executemany(
        "INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)", [(i, t or "", x) for i, t, x in rows]
    )
    conn.commit()
    return conn


def load_snapshot(store: Store, version: tuple | None = None) -> Snapshot:
    from disclosed.people import build_people
    from disclosed.reconcile import reconcile
    from disclosed.store.stories import stories as stored_stories

    version = version if version is not None else _version(store)
    documents = _document_infos(store)
    keys = {d.id: d.key for d in documents.values()}
    with store.session() as s:
        figures = {
            row.id: StoredFigure(
                row.id,
                row.document_id,
                figure_from_row(row, keys[row.document_id]),
            )
            for row in s.scalars(select(FigureRow).order_by(FigureRow.id))
        }
        policies = {
            row.id: StoredPolicy(
                row.id,
                row.document_id,
                policy_from_row(row, keys[row.document_id]),
            )
            for row in s.scalars(select(PolicyRow).order_by(PolicyRow.id))
        }
        statements = {
            row.id: StoredStatement(
                row.id,
                row.document_id,
                statement_from_row(row, keys[row.document_id]),
            )
            for row in s.scalars(select(StatementRow).order_by(StatementRow.id))
        }
    stories = stored_stories(store)
    dataset = reconcile([f.figure for f in figures.values()], stories, topic=None)
    people = build_people([st.statement for st in statements.values()])
    return Snapshot(
        version, documents, figures, policies, statements, stories, dataset, people, _build_fts(store)
    )


# The version query scans the documents table; asking it at most this often keeps it off most requests,
# and a change written by another process (an ingest) shows within this time.
RECHECK_SECONDS = 1.0
SEARCH_LIMIT = 500  # documents a search returns (its facets count their figures)


class SnapshotCache:
    """One snapshot per database state: a version query at most every RECHECK_SECONDS, a rebuild when the
    database moved."""

    def __init__(self, store: Store, recheck_seconds: float = RECHECK_SECONDS) -> None:
        self.store = store
        self.recheck_seconds = recheck_seconds
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._checked = 0.0

    def invalidate(self) -> None:
        """Look at the database again on the next request (after this app wrote to it)."""
        self._checked = 0.0

    def get(self) -> Snapshot:
        current = self._snapshot
        if current is not None and time.monotonic() - self._checked < self.recheck_seconds:
            return current
        version = _version(self.store)
        self._checked = time.monotonic()
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = load_snapshot(self.store, version)
            return self._snapshot


def document_text(store: Store, document_id: int) -> str | None:
    with store.session() as s:
        return s.scalar(select(DocumentRow.text).where(DocumentRow.id == document_id))


def document_texts(store: Store, document_ids: list[int]) -> dict[int, str]:
    if not document_ids:
        return {}
    with store.session() as s:
        return dict(
            s.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(document_ids))).all()
        )


def _match(query: str) -> str | None:
    """The user's words as an FTS5 query of quoted phrases, so their text is never parsed as syntax."""
    words = [w.replace('"', '""') for w in query.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words) or None


def search_documents(snapshot: Snapshot, query: str, limit: int = SEARCH_LIMIT) -> list[int]:
    """Ids of the best `limit` documents matching `query` (FTS5), best first."""
    match = _match(query)
    if match is None:
        return []
    rows = snapshot.fts.execute(
        "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", (match, limit)
    )
    return [int(r[0]) for r in rows]


def snippets(snapshot: Snapshot, query: str, ids: list[int]) -> dict[int, str]:
    """A snippet of each document in `ids` with the hits marked by \\x02 ... \\x03 (escaped and
    turned into <mark> by the page)."""
    match = _match(query)
    if match is None or not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = snapshot.fts.execute(
        f"SELECT rowid, snippet(docs, 1, char(2), char(3), ' … ', 24) FROM docs WHERE docs MATCH ? "
        f"AND rowid IN ({marks})",
        (match, *ids),
    )
    return {int(r[0]): r[1] for r in rows}
