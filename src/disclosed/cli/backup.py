"""`disclosed backup FILE` and `disclosed restore FILE`: a consistent snapshot of the store, and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from disclosed.cli import app
from disclosed.cli.options import DbOption
from disclosed.store import open_store
from disclosed.store.backup import backup as backup_store
from disclosed.store.backup import restore as restore_store


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (replaced if it exists).",
                                         show_default=False)],
    db: DbOption = None,
) -> None:
    """Write a consistent snapshot of the store to FILE, also while other processes write.

    SQLite: a copy made with SQLite's backup API. PostgreSQL: a pg_dump archive (custom format).
    """
    store = open_store(db)
    backup_store(store, file)
    typer.echo(f"backed up {store.url} to {file}")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="A file written by `disclosed backup`.", show_default=False)],
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Replace the store's contents without asking.")] = False,
) -> None:
    """Replace everything in the store by the backup in FILE (then brought up to the current schema)."""
    store = open_store(db, migrate=False)
    if not yes:
        typer.confirm(f"Replace everything in {store.url} by {file}?", abort=True)
    restore_store(store, file)
    open_store(db)  # a backup made by an older version is migrated now
    typer.echo(f"restored {file} into {store.url}")
