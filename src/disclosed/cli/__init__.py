"""The `disclosed` command: a thin Typer layer; each command module registers itself on `app`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from disclosed import __version__
from disclosed.errors import DisclosedError


class _UserError(typer._click.exceptions.ClickException):
    """A DisclosedError on its way out: shown as one line, exit status 1."""


class DisclosedGroup(TyperGroup):
    """The top-level group: every error a user can act on is one line on stderr, never a traceback.

    Errors from the command line itself (an unknown option, a value that is not a choice) and a
    DisclosedError raised by any command are both printed as "Error: <message>" with exit status
    1 (2 for usage errors, as Click does), the same in a shell and under Typer's test runner.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DisclosedError as err:
            code = getattr(err, "exit_code", None)  # runs.ingest.Interrupted: 130 or 143, its own line
            if code is not None:
                print(err, file=sys.stderr)
                raise SystemExit(code) from None
            raise _UserError(str(err)) from None

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        click = typer._click
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise SystemExit(0) from None  # the help has been printed
        except click.exceptions.ClickException as err:
            message = " ".join(err.format_message().split())
            hint = ""
            if isinstance(err, click.exceptions.UsageError) and err.ctx is not None:
                hint = f" (see {err.ctx.command_path} -h)"
            print(f"Error: {message}{hint}", file=sys.stderr)
            raise SystemExit(err.exit_code) from None
        except typer.Abort:
            print("Aborted.", file=sys.stderr)
            raise SystemExit(1) from None
        if not standalone_mode:
            return result
        raise SystemExit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="disclosed",
    cls=DisclosedGroup,
    help="Turn FOI disclosures and their press coverage into a verified, searchable dataset.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # docstrings are Markdown: paragraphs reflow to the terminal's width
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        print(f"disclosed {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn FOI disclosures and their press coverage into a verified, searchable dataset.

    Start with `disclosed demo`; every command has -h.
    """


# Command modules, one per group of commands. Importing a module registers its commands.
COMMAND_MODULES = [
    "documents",
    "figures",
    "facts",
    "foi",
    "stories",
    "serve",
    "scale",
    "backup",
    "reviews",
]


def register() -> typer.Typer:
    """Import every command module (each registers its commands on `app`) and return `app`."""
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"disclosed.cli.{name}")
    return app


def main() -> None:
    """Entry point of the `disclosed` command."""
    register()
    try:
        app()
    except KeyboardInterrupt:  # Ctrl-C outside a run (a run raises Interrupted, with its own line)
        print("interrupted", file=sys.stderr)
        raise SystemExit(130) from None
