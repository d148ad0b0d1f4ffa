"""Commands about policy facts and statements: policies (and a body's policy profile), statements, people."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

import typer

from disclosed.cli import app
from disclosed.cli.empty import explain_empty
from disclosed.cli.options import DbOption, FormatOption, WideOption, open_existing
from disclosed.cli.output import OutputFormat, default_format, is_table, print_rows
from disclosed.cli.refs import Refs, with_document
from disclosed.model import Person, PolicyFact, Statement
from disclosed.store.document_refs import policies_by_document, statements_by_document

# Tables show the columns that matter; `--wide` shows every field.
POLICY_COLUMNS = ["document", "organisation", "kind", "stance", "platforms", "evidence"]
POLICY_WIDE_COLUMNS = ["document_id", "path", "published", "organisation", "kind", "stance", "platforms",
                       "detail", "evidence"]
STATEMENT_COLUMNS = ["document", "speaker", "speaker_organisation", "quote"]
STATEMENT_WIDE_COLUMNS = ["document_id", "path", "published", "speaker", "role", "speaker_organisation",
                          "quote", "reported"]
PROFILE_COLUMNS = ["kind", "platform", "stance", "since", "sources"]
PROFILE_WIDE_COLUMNS = ["kind", "platform", "stance", "detail", "since", "as_of", "sources"]
PEOPLE_COLUMNS = ["name", "organisations", "titles", "statements"]
PEOPLE_WIDE_COLUMNS = ["name", "variants", "organisations", "titles", "documents", "statements"]


class FactType(StrEnum):
    """What `disclosed extract --type` can ask for."""

    figure = "figure"
    policy = "policy"
    statement = "statement"


def fact_rows(items: Iterable[PolicyFact | Statement]) -> list[dict]:
    """Policy facts or statements as dict rows, each with its `type` (the shared FACTS.md contract)."""
    return [item.model_dump(mode="json") for item in items]


def _rows_with_documents(store, found, fmt: OutputFormat | None) -> list[dict]:
    refs = Refs(store)
    table = is_table(fmt)
    rows = fact_rows(item for _, _, item in found)
    return [with_document(row, refs.get(doc), table=table)
            for (doc, _, _), row in zip(found, rows, strict=True)]


@app.command()
def policies(
    db: DbOption = None,
    fmt: FormatOption = None,
    wide: WideOption = False,
    org: Annotated[
        str | None,
        typer.Option("--org", help="A body (official name or one the register resolves): show its policy "
                     "profile, the current rule of each kind with its dates and sources.",
                     show_default=False),
    ] = None,
) -> None:
    """List stored policy facts, or with --org one body's policy profile.

    json, jsonl and csv give every field plus document_id (the short id) and path.
    """
    store = open_existing(db)
    if org is None:
        rows = _rows_with_documents(store, policies_by_document(store), fmt)
        if not rows:
            explain_empty(store, "policy facts", {})
        print_rows(rows, fmt, columns=["doc", *POLICY_COLUMNS[1:]], wide=wide,
                   wide_columns=POLICY_WIDE_COLUMNS, title="Policy facts")
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
        rows.append(row)
    if not rows:
        explain_empty(store, "policy facts", {"--org": (org, "policies.organisation")})
    print_rows(rows, fmt, columns=PROFILE_COLUMNS, wide=wide, wide_columns=PROFILE_WIDE_COLUMNS,
               title=f"Policy profile: {profile.organisation}")


@app.command()
def statements(
    db: DbOption = None,
    fmt: FormatOption = None,
    wide: WideOption = False,
    org: Annotated[str | None, typer.Option("--org", help="Speaker's organisation, or part of it (any case).",
                                            show_default=False)] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker's name, or part of it (any case).",
                                                show_default=False)] = None,
) -> None:
    """List stored statements (quotations and reported speech with their speakers).

    json, jsonl and csv give every field plus document_id (the short id) and path.
    """
    store = open_existing(db)
    rows = _rows_with_documents(store, statements_by_document(store, organisation=org, speaker=speaker), fmt)
    if not rows:
        explain_empty(store, "statements", {"--org": (org, "statements.speaker_organisation"),
                                            "--speaker": (speaker, "statements.speaker")})
    print_rows(rows, fmt, columns=["doc", *STATEMENT_COLUMNS[1:]], wide=wide,
               wide_columns=STATEMENT_WIDE_COLUMNS, title="Statements")


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
def people(db: DbOption = None, fmt: FormatOption = None, wide: WideOption = False) -> None:
    """List the named speakers across stored documents, with their titles over time."""
    from disclosed.people import build_people

    store = open_existing(db)
    found = build_people(store.statements())
    flat = (fmt or default_format()) in (OutputFormat.table, OutputFormat.csv)
    rows = people_rows(found, flat=flat)
    if not rows:
        explain_empty(store, "named speakers", {})
    print_rows(rows, fmt, columns=PEOPLE_COLUMNS, wide=wide, wide_columns=PEOPLE_WIDE_COLUMNS, title="People")
