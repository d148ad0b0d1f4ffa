"""The web app's commands: `disclosed serve`, `disclosed users add/list/remove`, `disclosed export`."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Annotated

import typer

from disclosed.cli import app
from disclosed.cli.options import DbOption
from disclosed.errors import DisclosedError

users_app = typer.Typer(help="Users of the web app (viewer, reviewer, admin).", no_args_is_help=True)
app.add_typer(users_app, name="users")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    public: Annotated[
        bool, typer.Option("--public", help="Let anyone read without logging in on a non-loopback address.")
    ] = False,
) -> None:
    """Serve the web app: pages, charts, exports and the JSON API (docs at /docs).

    Reading is open on loopback; on any other address it needs a login unless --public.
    Uploading documents and managing users always need a login.
    """
    import uvicorn

    from disclosed.store import open_store
    from disclosed.web.app import WebConfig, create_app
    from disclosed.web.auth import count_users

    store = open_store(db)
    open_reading = public or is_loopback(host)
    if not open_reading and count_users(store) == 0:
        print("Note: no users yet; add one with `disclosed users add NAME --role admin`.", file=sys.stderr)
    web = create_app(store, WebConfig(open_reading=open_reading))
    print(
        f"Serving {store.url} at http://{host}:{port}/ (reading {'open' if open_reading else 'needs login'})"
    )
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=True)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The name to log in with.")],
    role: Annotated[str, typer.Option("--role", help="viewer, reviewer or admin.")] = "viewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Add a user who can log in to the web app (asks for the password)."""
    from disclosed.store import open_store
    from disclosed.web.auth import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = add_user(open_store(db), name, password, role)
    print(f"Added {user.name} ({user.role})")


@users_app.command("list")
def users_list(db: DbOption = None) -> None:
    """List the users of the web app."""
    from disclosed.store import open_store
    from disclosed.web.auth import list_users

    for user in list_users(open_store(db)):
        print(f"{user.name}\t{user.role}")


@users_app.command("remove")
def users_remove(
    name: Annotated[str, typer.Argument(help="The user to remove.")], db: DbOption = None
) -> None:
    """Remove a user of the web app."""
    from disclosed.store import open_store
    from disclosed.web.auth import remove_user

    if not remove_user(open_store(db), name):
        raise DisclosedError(f"user {name!r}: no such user")
    print(f"Removed {name}")


@app.command("export")
def export(
    datasette: Annotated[
        Path,
        typer.Option("--datasette", help="Write a SQLite file for Datasette (and FILE's metadata.json)."),
    ],
    db: DbOption = None,
) -> None:
    """Export the reconciled dataset, stories and checks as a SQLite file Datasette serves well."""
    from disclosed.store import open_store
    from disclosed.web.datasette import export_datasette

    written = export_datasette(open_store(db), datasette)
    print(f"Wrote {datasette} and {written}; open with: datasette {datasette} -m {written}")
