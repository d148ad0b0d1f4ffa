"""Options shared by many commands: the database and the output format."""

from __future__ import annotations

from typing import Annotated

import typer

from disclosed.cli.output import OutputFormat

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="DISCLOSED_DB",
        help="Database: a SQLAlchemy URL (sqlite:///x.db, postgresql+psycopg://...) or a SQLite file path. "
        "Default: $DISCLOSED_DB, else ./disclosed.db.",
        show_default=False,
    ),
]

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default on a terminal), json (one array), jsonl (one object per line; default when "
        "piped) or csv.",
        show_default=False,
    ),
]
