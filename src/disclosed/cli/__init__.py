"""The `disclosed` command: a thin Typer layer; each command module registers itself on `app`."""

from __future__ import annotations

import sys

import typer

from disclosed.errors import DisclosedError

app = typer.Typer(
    name="disclosed",
    help="Turn FOI disclosures and their press coverage into a verified, searchable dataset.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules, one per group of commands. Importing a module registers its commands.
COMMAND_MODULES = [
    "documents",
    "figures",
    "facts",
    "foi",
    "stories",
    "scale",
]


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"disclosed.cli.{name}")


def main() -> None:
    """Entry point: run the app, turning a DisclosedError anywhere into one line on stderr."""
    _register()
    try:
        app()
    except DisclosedError as err:
        print(f"Error: {err}", file=sys.stderr)
        raise SystemExit(1) from None
