"""Commands about policy facts and statements: policies (and a body's policy profile), statements, people."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

import typer

from disclosed.cli import app
from disclosed.cli.options import DbOption, FormatOption
from disclosed.cli.output import OutputFormat, print_rows
from disclosed.model import Person, PolicyFact, Statement
from disclosed.runs import open_store

POLICY_COLUMNS = ["document", "published", "organisation", "kind", "stance", "platforms", "detail",
                  "evidence"]
STATEMENT_COLUMNS = ["document", "published", "speaker", "role", "speaker_organisation", "quote", "reported"]
PROFILE_COLUMNS = ["kind", "platform", "stance", "detail", "since", "as_of", "sources"]
PEOPLE_COLUMNS = ["name", "variants", "organisations", "titles", "documents", "statements"]


class FactType(StrEnum):
    """What `disclosed extract --type` can ask for."""

    figure = "figure"
    policy = "policy"
    statement = "statement"


def fact_rows(items: Iterable[PolicyFact | Statement]) -> list[dict]:
    """Policy facts or statements as dict rows, each with its `type` (the shared FACTS.md contract)."""
    return [item.model_dump(mode="json") for item in items]


def _is_table(fmt: OutputFormat | None) -> bool:
    return (fmt or OutputFormat.jsonl) is OutputFormat.table


@app.command()
def policies(
    db: DbOption = None,
    fmt: FormatOption = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="A body (official name or one the register resolves): show its policy "
                     "profile, the current rule of each kind with its dates and sources."),
    ] = None,
) -> None:
    """List stored policy facts, or with --org one body's policy profile."""
    store = open_store(db)
    if org is None:
        print_rows(fact_rows(store.policies()), fmt, columns=POLICY_COLUMNS, title="Policy facts")
        return
    from disclosed.people import policy_profile

    profile = policy_profile(store.policies(), org)
    if not profile.rules:
        # a part of a name ("Kent") still finds the body's facts
        facts = store.policies(organisation=org)
        names = sorted({f.organisation for f in facts})
        if len(names) == 1:
            profile = policy_profile(facts, names[0])
    rows = []
    for rule in profile.rules:
        row = rule.model_dump(mode="json", exclude={"history"})
        row["organisation"] = profile.organisation
        if _is_table(fmt):
            row["sources"] = ", ".join(rule.sources)
        rows.append(row)
    print_rows(rows, fmt, columns=PROFILE_COLUMNS, title=f"Policy profile: {profile.organisation}")


@app.command()
def statements(
    db: DbOption = None,
    fmt: FormatOption = None,
    org: Annotated[str | None, typer.Option("--org", help="Speaker's organisation, or part of it.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker's name, or part of it.")] = None,
) -> None:
    """List stored statements (quotations and reported speech with their speakers)."""
    store = open_store(db)
    found = store.statements(organisation=org, speaker=speaker)
    print_rows(fact_rows(found), fmt, columns=STATEMENT_COLUMNS, title="Statements")


def people_rows(people: Iterable[Person], *, flat: bool) -> list[dict]:
    """People as dict rows; `flat` writes each title as "role, organisation (date, document)"."""
    rows = []
    for person in people:
        row = person.model_dump(mode="json")
        if flat:
            row["titles"] = "; ".join(
                ", ".join(x for x in (t.role, t.organisation) if x)
                + f" ({', '.join(str(x) for x in (t.published, t.document) if x)})"
                for t in person.titles
            )
        rows.append(row)
    return rows


@app.command()
def people(db: DbOption = None, fmt: FormatOption = None) -> None:
    """List the named speakers across stored documents, with their titles over time."""
    from disclosed.people import build_people

    store = open_store(db)
    found = build_people(store.statements())
    flat = (fmt or OutputFormat.jsonl) in (OutputFormat.table, OutputFormat.csv)
    print_rows(people_rows(found, flat=flat), fmt, columns=PEOPLE_COLUMNS, title="People")
