"""Opening a store (SQLite by default, any SQLAlchemy URL), migrating it under a lock, reading and
writing documents, and the record of work a run owes."""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from disclosed.errors import StoreError
from disclosed.model import Document, Figure, PolicyFact, Statement, Table
from disclosed.store.schema import DocumentRow, FigureRow, OwedWorkRow, PolicyRow, StatementRow

DEFAULT_DB = "disclosed.db"
ENV_VAR = "DISCLOSED_DB"
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).parent / "migrations"
STORIES = "stories"  # the kind of owed work: stories to bring up to date with the documents


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

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sqlite_path(self) -> Path | None:
        """The database file of an SQLite store (None in memory or on another database)."""
        database = self.engine.url.database if self.dialect == "sqlite" else None
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def lock(self, name: str, *, shared: bool = False, wait: bool = True) -> Iterator[bool]:
        """Hold a named lock across processes for the block; yields whether it is held (always True
        when `wait`). Exclusive, or `shared` with other shared holders. A PostgreSQL advisory lock on a
        connection of its own, or on SQLite an flock on a file beside the database; either is released
        by the system when the process dies."""
        if self.dialect == "postgresql":
            suffix = "_shared" if shared else ""
            key = {"k": _lock_key(name)}
            with self.engine.connect() as conn:
                if wait:
                    conn.execute(text(f"SELECT pg_advisory_lock{suffix}(:k)"), key)
                    held = True
                else:
                    held = bool(conn.execute(text(f"SELECT pg_try_advisory_lock{suffix}(:k)"), key).scalar())
                conn.commit()
                try:
                    yield held
                finally:
                    if held:
                        conn.execute(text(f"SELECT pg_advisory_unlock{suffix}(:k)"), key)
                        conn.commit()
            return
        path = self.sqlite_path
        if path is None:  # in memory: one process
            local = _LOCAL_LOCKS.setdefault(name, threading.Lock())
            held = shared or local.acquire(blocking=wait)
            try:
                yield held
            finally:
                if held and not shared:
                    local.release()
            return
        with open(f"{path}.{name}.lock", "a+b") as handle:
            try:
                mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
                fcntl.flock(handle, mode | (0 if wait else fcntl.LOCK_NB))
                held = True
            except BlockingIOError:
                held = False
            try:
                yield held
            finally:
                if held:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    # -- work owed -------------------------------------------------------------------------------

    def owed(self, kind: str = STORIES) -> int | None:
        """The generation of `kind` work due (a run changed documents and did not finish it), else None."""
        with self.session() as s:
            row = s.get(OwedWorkRow, kind)
            return row.generation if row is not None and row.generation > row.done else None

    def mark_done(self, conn: Connection | Session, generation: int, kind: str = STORIES) -> None:
        """Record, inside the caller's transaction, that work up to `generation` is done."""
        conn.execute(update(OwedWorkRow).where(OwedWorkRow.kind == kind, OwedWorkRow.done < generation)
                     .values(done=generation))

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
                doc_id = insert_document(conn, doc)
                insert_extraction(conn, doc_id, figures, policies, statements)
                mark_stories_owed(conn)
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
            insert_extraction(s, document_id, figures, policies, statements)
            row.extracted_at = _now()
            mark_stories_owed(s)

    def count_figures(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count(FigureRow.id))) or 0

    def replace_figures(self, document_id: int, figures: Sequence[Figure]) -> None:
        """Swap only a document's figures (e.g. restamped with an FOI request's requester)."""
        with self.session() as s:
            s.execute(delete(FigureRow).where(FigureRow.document_id == document_id))
            insert_extraction(s, document_id, figures, (), ())
            mark_stories_owed(s)

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
            return [figure_from_row(row, name) for row, name in s.execute(query)]


    # -- policy facts and statements -------------------------------------------------------------

    def policies(self, *, organisation: str | None = None) -> list[PolicyFact]:
        """Stored policy facts, oldest document first; `organisation` matches part of the name."""
        query = select(PolicyRow, DocumentRow.name).join(DocumentRow).order_by(PolicyRow.document_id,
                                                                               PolicyRow.id)
        if organisation:
            query = query.where(func.lower(PolicyRow.organisation).contains(organisation.lower()))
        with self.session() as s:
            return [policy_from_row(row, name) for row, name in s.execute(query)]

    def statements(self, *, organisation: str | None = None, speaker: str | None = None) -> list[Statement]:
        """Stored statements; `organisation` and `speaker` match part of the name, case aside."""
        query = select(StatementRow, DocumentRow.name).join(DocumentRow).order_by(StatementRow.document_id,
                                                                                  StatementRow.id)
        if organisation:
            query = query.where(func.lower(StatementRow.speaker_organisation).contains(organisation.lower()))
        if speaker:
            query = query.where(func.lower(StatementRow.speaker).contains(speaker.lower()))
        with self.session() as s:
            return [statement_from_row(row, name) for row, name in s.execute(query)]


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the store at `db` (URL or SQLite path), its schema brought up to date."""
    url = resolve_db_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) not in ("", ":memory:") and not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")  # psycopg 3, the [postgres] extra
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


def migration_heads() -> set[str]:
    return set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def migrate_store(store: Store) -> None:
    """Upgrade the schema to every head revision (no-op when already current).

    Concurrent processes migrate one at a time and the schema changes are one transaction: on
    SQLite under BEGIN IMMEDIATE (the database's write lock, DDL included), on PostgreSQL under an
    advisory transaction lock. The revision is read again once the lock is held, so a process that
    waited finds the work done; a process killed mid-migration leaves nothing half made."""
    cfg = _alembic_config()
    heads = migration_heads()
    try:
        with store.engine.connect() as conn:
            if set(MigrationContext.configure(conn).get_current_heads()) == heads:
                return
            conn.rollback()
            if store.dialect == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif store.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key("migrate")})
            if set(MigrationContext.configure(conn).get_current_heads()) != heads:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
            conn.commit()
    except (OperationalError, SQLAlchemyError) as err:
        raise StoreError(f"{store.url}: cannot open or migrate database ({_short(err)})") from err


_LOCAL_LOCKS: dict[str, threading.Lock] = {}


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key for a PostgreSQL advisory lock."""
    return int.from_bytes(hashlib.sha256(f"disclosed:{name}".encode()).digest()[:8], "big", signed=True)


def mark_stories_owed(conn: Connection | Session) -> None:
    """Record, inside the caller's transaction, that documents or figures changed: stories are due."""
    conn.execute(update(OwedWorkRow).where(OwedWorkRow.kind == STORIES)
                 .values(generation=OwedWorkRow.generation + 1))


def _short(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return text.splitlines()[0] if text else type(err).__name__


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def storable(value: str) -> str:
    """A string as both databases can store it: bytes that were not UTF-8 (a file name's, carried
    as surrogates) written as `\\xff`, NUL bytes (PostgreSQL refuses them) removed."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            value = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value.replace("\x00", "")


def _storable_values(values: dict) -> dict:
    return {k: storable(v) if isinstance(v, str) else v for k, v in values.items()}


def _document_values(doc: Document) -> dict:
    return _storable_values({
        "sha256": doc.sha256, "name": doc.name, "source": doc.source, "container": doc.container,
        "format": doc.format, "title": doc.title, "published": doc.published, "outlet": doc.outlet,
        "published_from": doc.published_from, "retrieved": doc.retrieved, "text": doc.text,
        "tables": [t.model_dump(mode="json") for t in doc.tables],
    })


def insert_document(conn: Connection | Session, doc: Document) -> int:
    """Insert a document row inside the caller's transaction; its id."""
    values = _document_values(doc)
    values["extracted_at"] = _now()
    return conn.execute(insert(DocumentRow).values(**values).returning(DocumentRow.id)).scalar_one()


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
    "evidence", "evidence_start", "evidence_end", "count_text", "attribution",
]


def _figure_values(fig: Figure, document_id: int) -> dict:
    values = {k: getattr(fig, k) for k in _FIGURE_FIELDS}
    values["figure_key"] = fig.id
    values["document_id"] = document_id
    return _storable_values(values)


_POLICY_FIELDS = ["organisation", "kind", "stance", "platforms", "detail", "published", "evidence",
                  "evidence_start", "evidence_end"]
_STATEMENT_FIELDS = ["speaker", "role", "speaker_organisation", "quote", "reported", "published", "evidence",
                     "evidence_start", "evidence_end"]


def insert_extraction(conn: Connection | Session, document_id: int, figures: Sequence[Figure],
                      policies: Sequence[PolicyFact], statements: Sequence[Statement]) -> None:
    """Insert a document's extracted records (conn: a Connection or Session inside a transaction)."""
    if figures:
        conn.execute(insert(FigureRow), [_figure_values(f, document_id) for f in figures])
    if policies:
        conn.execute(insert(PolicyRow), [
            _storable_values({"document_id": document_id, **{k: getattr(p, k) for k in _POLICY_FIELDS}})
            for p in policies])
    if statements:
        conn.execute(insert(StatementRow), [
            _storable_values({"document_id": document_id, **{k: getattr(st, k) for k in _STATEMENT_FIELDS}})
            for st in statements])


def figure_from_row(row, document_name: str) -> Figure:
    """A stored figure row (ORM or Core) as a Figure named after `document_name`."""
    return Figure(document=document_name, id=row.figure_key, **{k: getattr(row, k) for k in _FIGURE_FIELDS})


def policy_from_row(row, document_name: str) -> PolicyFact:
    """A stored policy fact row as a PolicyFact named after `document_name`."""
    return PolicyFact(document=document_name, **{k: getattr(row, k) for k in _POLICY_FIELDS})


def statement_from_row(row, document_name: str) -> Statement:
    """A stored statement row as a Statement named after `document_name`."""
    return Statement(document=document_name, **{k: getattr(row, k) for k in _STATEMENT_FIELDS})
