"""Options shared by many commands (database, output format, --wide), checked choices with completion,
opening the store for reading (never creating it) or writing, and "did you mean" suggestions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, get_args

import typer
from rapidfuzz import fuzz, process

from disclosed.cli.output import OutputFormat
from disclosed.errors import InvalidInputError, StoreError
from disclosed.model import DocumentFormat, StaffGroup, Topic
from disclosed.runs import open_store
from disclosed.store import Store, resolve_db_url

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

WideOption = Annotated[
    bool,
    typer.Option("--wide", "-w", help="Tables: every column, cells in full (default: the columns that "
                 "matter, long cells cut with an ellipsis to fit the terminal)."),
]


# -- the store -------------------------------------------------------------------------------------

def _sqlite_file(url: str) -> Path | None:
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path)


def open_existing(db: str | None) -> Store:
    """The store at `db` for a command that reads or changes stored data: a SQLite file that does
    not exist is an error ("no database at x.db (ingest creates one)"), never a new empty database."""
    path = _sqlite_file(resolve_db_url(db))
    if path is not None and not path.exists():
        raise StoreError(f"no database at {path} (ingest creates one)")
    return open_store(db)


def open_or_create(db: str | None) -> Store:
    """The store at `db`, created when it does not exist (ingest, demo)."""
    return open_store(db)


# -- checked choices -----------------------------------------------------------------------------------

def suggest(value: str, candidates: Iterable[str], *, limit: int = 3, cutoff: float = 60) -> list[str]:
    """The candidates closest to `value` (rapidfuzz WRatio), best first, for a "did you mean"."""
    pool = sorted({c for c in candidates if c})
    if not value or not pool:
        return []
    found = process.extract(value, pool, scorer=fuzz.WRatio, processor=str.lower, limit=limit,
                            score_cutoff=cutoff)
    return [match for match, _score, _index in found]


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """"; did you mean 'a' or 'b'?" or "" when nothing is close."""
    close = suggest(value, candidates)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


class Choices:
    """A fixed set of values for an option: checked (with "did you mean"), completed in the shell,
    listed in the help. `aliases` maps other words to a value ("sacked" -> dismissed)."""

    def __init__(self, option: str, values: Callable[[], Sequence[str]],
                 aliases: Callable[[], dict[str, str]] | None = None) -> None:
        self.option = option
        self._values = values
        self._aliases = aliases

    @property
    def values(self) -> Sequence[str]:
        return self._values()

    def check(self, value: str | None) -> str | None:
        if value is None:
            return None
        wanted = value.strip().lower().replace(" ", "_").replace("-", "_")
        if wanted in self.values:
            return wanted
        hint = ""
        if self._aliases and (code := self._aliases().get(value.strip().lower())):
            hint = f"; did you mean {code!r}?"
        raise InvalidInputError(
            self.option,
            f"{value!r} is not one of {', '.join(self.values)}{hint or did_you_mean(value, self.values)}",
        )

    def complete(self, incomplete: str) -> list[str]:
        return [v for v in self.values if v.startswith(incomplete.lower())]

    def callback(self, value: str | None) -> str | None:
        return self.check(value)


@cache
def outcome_codes() -> tuple[str, ...]:
    from disclosed.vocab import load

    return tuple(load("outcomes")["codes"])


@cache
def outcome_aliases() -> dict[str, str]:
    from disclosed.vocab import load

    return {p.lower(): code for code, entry in load("outcomes")["codes"].items() for p in entry["phrases"]}


OUTCOMES = Choices("--outcome", outcome_codes, outcome_aliases)
STAFF_GROUPS = Choices("--staff-group", lambda: get_args(StaffGroup))
TOPICS = Choices("--topic", lambda: (*get_args(Topic), "all"))
DOCUMENT_FORMATS = Choices("--type", lambda: get_args(DocumentFormat))


def choice_option(choices: Choices, help: str, *names: str) -> typer.models.OptionInfo:
    """A typer.Option for `choices`: checked by its callback, completed in the shell."""
    return typer.Option(*(names or (choices.option,)), help=help, callback=choices.callback,
                        autocompletion=choices.complete, show_default=False)


OutcomeOption = Annotated[str | None, choice_option(
    OUTCOMES, "Only this outcome code: " + ", ".join(outcome_codes()) + ".")]
StaffGroupOption = Annotated[str | None, choice_option(
    STAFF_GROUPS, "Only this staff group: " + ", ".join(get_args(StaffGroup)) + ".")]
