"""Opening a store (SQLite by default, any SQLAlchemy URL), migrating it, reading and writing documents."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from disclosed.errors import StoreError
from disclosed.model import Document, Figure, PolicyFact, Statement, Table
from disclosed.store.schema import DocumentRow, FigureRow, PolicyRow, StatementRow

DEFAULT_DB = "disclosed.db"
ENV_VAR = "DISCLOSED_DB"
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_db_url(db: str | None = None) -> str:
    """The database URL: `db` if given, else $DISCLOSED_DB, else ./disclosed.db. A bare path means SQLite."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers work while an ingest writes; the busy timeout makes concurrent writers wait
    # instead of failing; NORMAL sync is durable across process kills in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@dataclass(frozen=True)
class AddResult:
    document_id: int
    created: bool  # False when the same content was already stored
    figures: int


class Store:
    """A disclosed database. Open with `open_store(url)`; the schema is migrated to the latest version."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as err:
            raise StoreError(f"{self.url}: {_short(err)}") from err
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- documents -------------------------------------------------------------------------------

    def add_document(self, doc: Document, figures: Sequence[Figure] = (), *,
                     policies: Sequence[PolicyFact] = (), statements: Sequence[Statement] = ()) -> AddResult:
        """Store a document with its figures, policy facts and statements in one transaction.

        The same content is stored once: a second call returns the first one's id with created=False.

        Core inserts rather than the ORM unit of work: ingest calls this once per document and the
        ORM's bookkeeping was most of its cost.
        """
        try:
            with self.engine.begin() as conn:
                values = _document_values(doc)
                values["extracted_at"] = _now()
                doc_id = conn.execute(
                    insert(DocumentRow).values(**values).returning(DocumentRow.id)
                ).scalar_one()
                _insert_extraction(conn, doc_id, figures, policies, statements)
        except IntegrityError:
            found = self.document_id(doc.sha256)
            if found is None:
                raise StoreError(f"{doc.source}: could not be stored (integrity error)") from None
            return AddResult(found, False, 0)
        except SQLAlchemyError as err:
            raise StoreError(f"{self.url}: {_short(err)}") from err
        return AddResult(doc_id, True, len(figures))

    def document_id(self, sha256: str) -> int | None:
        with self.session() as s:
            return s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256))

    def count_documents(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count(DocumentRow.id))) or 0

    def documents(self, *, format: str | None = None) -> list[dict]:
        """Summaries of stored documents (no text), oldest first."""
        query = (
            select(DocumentRow.id, DocumentRow.name, DocumentRow.format, DocumentRow.title,
                   DocumentRow.published, DocumentRow.outlet, DocumentRow.sha256,
                   func.count(FigureRow.id).label("figures"))
            .outerjoin(FigureRow, FigureRow.document_id == DocumentRow.id)
            .group_by(DocumentRow.id)
            .order_by(DocumentRow.id)
        )
        if format:
            query = query.where(DocumentRow.format == format)
        with self.session() as s:
            return [dict(r._mapping) for r in s.execute(query)]

    def iter_documents(self, batch: int = 200) -> Iterator[tuple[int, Document]]:
        """Every stored document as (id, Document), in batches so memory stays flat."""
        last = 0
        while True:
            with self.session() as s:
                rows = s.scalars(
                    select(DocumentRow).where(DocumentRow.id > last).order_by(DocumentRow.id).limit(batch)
                ).all()
            if not rows:
                return
            for row in rows:
                yield row.id, _document_from_row(row)
            last = rows[-1].id

    # -- figures ---------------------------------------------------------------------------------

    def replace_extraction(self, document_id: int, figures: Sequence[Figure], *,
                           policies: Sequence[PolicyFact] = (), statements: Sequence[Statement] = ()) -> None:
        """Swap a document's figures, policy facts and statements for a new extraction, in one transaction."""
        with self.session() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise StoreError(f"document {document_id} is not stored")
            for table in (FigureRow, PolicyRow, StatementRow):
                s.execute(delete(table).where(table.document_id == document_id))
            _insert_extraction(s, document_id, figures, policies, statements)
            row.extracted_at = _now()

    def count_figures(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count(FigureRow.id))) or 0

    def replace_figures(self, document_id: int, figures: Sequence[Figure]) -> None:
        """Swap only a document's figures (e.g. restamped with an FOI request's requester)."""
        with self.session() as s:
            s.execute(delete(FigureRow).where(FigureRow.document_id == document_id))
            _insert_extraction(s, document_id, figures, (), ())

    def figures(self, *, organisation: str | None = None, outcome: str | None = None,
                document_id: int | None = None) -> list[Figure]:
        """Stored figures, filtered; `organisation` matches case-insensitively on part of the name."""
        query = select(FigureRow, DocumentRow.name).join(DocumentRow).order_by(FigureRow.document_id,
                                                                               FigureRow.id)
        if organisation:
            query = query.where(func.lower(FigureRow.organisation).contains(organisation.lower()))
        if outcome:
            query = query.where(FigureRow.outcome == outcome)
        if document_id is not None:
            query = query.where(FigureRow.document_id == document_id)
        with self.session() as s:
            return [_figure_from_row(row, name) for row, name in s.execute(query)]


    # -- policy facts and statements -------------------------------------------------------------

    def policies(self, *, organisation: str | None = None) -> list[PolicyFact]:
        """Stored policy facts, oldest document first; `organisation` matches part of the name."""
        query = select(PolicyRow, DocumentRow.name).join(DocumentRow).order_by(PolicyRow.document_id,
                                                                               PolicyRow.id)
        if organisation:
            query = query.where(func.lower(PolicyRow.organisation).contains(organisation.lower()))
        with self.session() as s:
            return [PolicyFact(document=name, **{k: getattr(row, k) for k in _POLICY_FIELDS})
                    for row, name in s.execute(query)]

    def statements(self, *, organisation: str | None = None, speaker: str | None = None) -> list[Statement]:
        """Stored statements; `organisation` and `speaker` match part of the name, case aside."""
        query = select(StatementRow, DocumentRow.name).join(DocumentRow).order_by(StatementRow.document_id,
                                                                                  StatementRow.id)
        if organisation:
            query = query.where(func.lower(StatementRow.speaker_organisation).contains(organisation.lower()))
        if speaker:
            query = query.where(func.lower(StatementRow.speaker).contains(speaker.lower()))
        with self.session() as s:
            return [Statement(document=name, **{k: getattr(row, k) for k in _STATEMENT_FIELDS})
                    for row, name in s.execute(query)]


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the store at `db` (URL or SQLite path), its schema brought up to date."""
    url = resolve_db_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) not in ("", ":memory:") and not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as err:
        raise StoreError(f"{url}: cannot open database ({_short(err)})") from err
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine)
    if migrate:
        migrate_store(store)
    return store


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate_store(store: Store) -> None:
    """Upgrade the schema to every head revision (no-op when already current)."""
    cfg = _alembic_config()
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    try:
        with store.engine.begin() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
            if current == heads:
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
    except (OperationalError, SQLAlchemyError) as err:
        raise StoreError(f"{store.url}: cannot open or migrate database ({_short(err)})") from err


def _short(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return text.splitlines()[0] if text else type(err).__name__


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _document_values(doc: Document) -> dict:
    return {
        "sha256": doc.sha256, "name": doc.name, "source": doc.source, "container": doc.container,
        "format": doc.format, "title": doc.title, "published": doc.published, "outlet": doc.outlet,
        "published_from": doc.published_from, "retrieved": doc.retrieved, "text": doc.text,
        "tables": [t.model_dump(mode="json") for t in doc.tables],
    }


def _document_from_row(row: DocumentRow) -> Document:
    return Document(
        text=row.text, title=row.title, published=row.published, published_from=row.published_from,
        outlet=row.outlet, source=row.source,
        container=row.container, retrieved=row.retrieved, format=row.format, sha256=row.sha256,
        tables=[Table.model_validate(t) for t in row.tables or []],
    )


_FIGURE_FIELDS = [
    "part_of", "organisation", "organisation_mention", "staff_group", "outcome", "count", "qualifier",
    "suppressed", "platforms", "period_start", "period_end", "period", "conduct", "requester", "topic",
    "evidence", "evidence_start", "evidence_end", "count_text",
]


def _figure_values(fig: Figure, document_id: int) -> dict:
    values = {k: getattr(fig, k) for k in _FIGURE_FIELDS}
    values["figure_key"] = fig.id
    values["document_id"] = document_id
    return values


_POLICY_FIELDS = ["organisation", "kind", "stance", "platforms", "detail", "published", "evidence",
                  "evidence_start", "evidence_end"]
_STATEMENT_FIELDS = ["speaker", "role", "speaker_organisation", "quote", "reported", "published", "evidence",
                     "evidence_start", "evidence_end"]


def _insert_extraction(conn, document_id: int, figures: Sequence[Figure], policies: Sequence[PolicyFact],
                       statements: Sequence[Statement]) -> None:
    """Insert a document's extracted records (conn: a Connection or Session inside a transaction)."""
    if figures:
        conn.execute(insert(FigureRow), [_figure_values(f, document_id) for f in figures])
    if policies:
        conn.execute(insert(PolicyRow), [
            {"document_id": document_id, **{k: getattr(p, k) for k in _POLICY_FIELDS}} for p in policies])
    if statements:
        conn.execute(insert(StatementRow), [
            {"document_id": document_id, **{k: getattr(st, k) for k in _STATEMENT_FIELDS}}
            for st in statements])


def _figure_from_row(row: FigureRow, document_name: str) -> Figure:
    return Figure(document=document_name, id=row.figure_key, **{k: getattr(row, k) for k in _FIGURE_FIELDS})
