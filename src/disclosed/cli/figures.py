"""Commands about figures: extract (no store), figures (stored), reextract."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from disclosed.cli import app
from disclosed.cli.empty import explain_empty
from disclosed.cli.options import (
    TOPICS,
    DbOption,
    FormatOption,
    OutcomeOption,
    StaffGroupOption,
    WideOption,
    choice_option,
    did_you_mean,
    open_existing,
)
from disclosed.cli.output import OutputFormat, is_table, note, print_rows, say, stderr_console
from disclosed.cli.refs import Refs, doc_cell, one_document, short_id, with_document
from disclosed.errors import ReadError
from disclosed.model import Figure
from disclosed.store.document_refs import figures_by_document

# Tables show the columns that matter (`--wide` shows every field); `count` there carries its qualifier.
FIGURE_COLUMNS = ["document", "organisation", "outcome", "count", "evidence"]
FIGURE_WIDE_COLUMNS = ["document_id", "path", "organisation", "staff_group", "outcome", "count", "qualifier",
                       "suppressed", "platforms", "period", "conduct", "requester", "topic", "attribution",
                       "evidence"]

FACT_TYPES = ("figure", "policy", "statement")
QUALIFIER_MARKS = {"exact": "", "more_than": ">", "at_least": ">=", "about": "~", "up_to": "<="}


def figure_rows(figures: Iterable[Figure], *, full: bool = True) -> list[dict]:
    """Figures as dict rows; for a table (`full=False`) `period` is start..end or the phrase and
    `count` carries its qualifier (">5", "~20", "<=4")."""
    rows = []
    for fig in figures:
        row = fig.model_dump(mode="json")
        if not full:  # a table on screen: the full sentence is one `--format jsonl` away
            row["period"] = _period_text(fig)
            row["count"] = f"{QUALIFIER_MARKS.get(fig.qualifier, '')}{fig.count}"
        rows.append(row)
    return rows


def _period_text(fig: Figure) -> str:
    if fig.period_start or fig.period_end:
        return f"{fig.period_start or ''}..{fig.period_end or ''}"
    return fig.period or ""


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents to read (any supported format).",
                                                show_default=False)],
    fmt: FormatOption = None,
    types: Annotated[list[str] | None, typer.Option(
        "--type", help="figure, policy or statement; repeatable. Default: all three.", show_default=False,
        autocompletion=lambda incomplete: [t for t in FACT_TYPES if t.startswith(incomplete)],
    )] = None,
    wide: WideOption = False,
) -> None:
    """Print the figures, policy facts and statements in FILES (each with its `type`) without storing."""
    from disclosed.cli.facts import POLICY_COLUMNS, STATEMENT_COLUMNS, FactType, fact_rows
    from disclosed.errors import InvalidInputError
    from disclosed.extract.document import extract_all
    from disclosed.read import read_file

    try:
        wanted = {FactType(t.strip().lower()) for t in types} if types else set(FactType)
    except ValueError:
        bad = next(t for t in types or () if t.strip().lower() not in set(FactType))
        raise InvalidInputError("--type", f"{bad!r} is not one of figure, policy, statement"
                                f"{did_you_mean(bad, list(FactType))}") from None
    rows: dict[FactType, list[dict]] = {t: [] for t in FactType}
    failures: list[ReadError] = []
    table = (fmt or OutputFormat.jsonl) is OutputFormat.table
    for path in files:
        for item in read_file(path):
            if isinstance(item, ReadError):
                failures.append(item)
                continue
            extraction = extract_all(item)  # the same path as ingest: one context per document
            ids = {"document_id": short_id(item.sha256), "path": item.source}
            if table:
                ids["doc"] = doc_cell(ids["document_id"], item.source)
            if FactType.figure in wanted:
                rows[FactType.figure] += [{**row, "type": "figure", **ids}
                                          for row in figure_rows(extraction.figures, full=not table)]
            if FactType.policy in wanted:
                rows[FactType.policy] += [{**r, **ids} for r in fact_rows(extraction.policies)]
            if FactType.statement in wanted:
                rows[FactType.statement] += [{**r, **ids} for r in fact_rows(extraction.statements)]
    columns = {FactType.figure: ["doc", *FIGURE_COLUMNS[1:]],
               FactType.policy: ["doc", *POLICY_COLUMNS[1:]],
               FactType.statement: ["doc", *STATEMENT_COLUMNS[1:]]}
    if (fmt or OutputFormat.jsonl) in (OutputFormat.json, OutputFormat.jsonl):
        print_rows([row for t in FactType for row in rows[t]], fmt)
    elif fmt is OutputFormat.csv:  # one CSV: the types' fields side by side, `type` first
        keys = dict.fromkeys(k for t in FactType if t in wanted for row in rows[t] for k in row)
        union = dict.fromkeys(["type", "document", "document_id", "path", *keys])
        print_rows([row for t in FactType for row in rows[t]], fmt, csv_columns=list(union))
    else:
        titles = {FactType.figure: "Figures", FactType.policy: "Policy facts",
                  FactType.statement: "Statements"}
        for t in FactType:
            if t in wanted:
                print_rows(rows[t], fmt, columns=columns[t], wide=wide, title=titles[t])
    for failure in failures:
        note("failed", failure)
    if failures:
        raise typer.Exit(1)


@app.command()
def figures(
    db: DbOption = None,
    fmt: FormatOption = None,
    wide: WideOption = False,
    org: Annotated[str | None, typer.Option("--org", help="Organisation name, or part of it (any case).",
                                            show_default=False)] = None,
    outcome: OutcomeOption = None,
    staff_group: StaffGroupOption = None,
    topic: Annotated[str | None, choice_option(
        TOPICS, "Only this kind of misuse: social_media, internet_email, it_security, other (default: "
        "every topic).")] = None,
    document: Annotated[str | None, typer.Option(
        "--doc", help="Only the figures of this document (short id, path or file name).", show_default=False,
    )] = None,
) -> None:
    """List stored figures: document (short id and path), organisation, staff group, outcome, count
    (with its qualifier: >5, ~20, <=4) and evidence.

    json, jsonl and csv give every field of the figure contract plus document_id and path.
    """
    store = open_existing(db)
    doc_id = one_document(store, document).id if document else None
    found = figures_by_document(store, organisation=org, outcome=outcome, staff_group=staff_group,
                                topic=None if topic == "all" else topic, document_id=doc_id)
    refs = Refs(store)
    table = is_table(fmt)
    rows = [with_document(row, refs.get(doc), table=table)
            for (doc, _row_id, _fig), row in zip(found, figure_rows([f for _, _, f in found], full=not table),
                                                  strict=True)]
    if not rows:
        explain_empty(store, "figures", {"--org": (org, "figures.organisation"),
                                         "--outcome": (outcome, "figures.outcome"),
                                         "--staff-group": (staff_group, "figures.staff_group"),
                                         "--topic": (topic, "figures.topic"), "--doc": (document, None)})
    print_rows(rows, fmt, columns=["doc", *FIGURE_COLUMNS[1:]], wide=wide,
               wide_columns=FIGURE_WIDE_COLUMNS, title="Figures")


@app.command()
def reextract(db: DbOption = None) -> None:
    """Re-run extraction over every stored document (after the rules changed); stories follow."""
    from rich.progress import Progress

    from disclosed.runs.ingest import reextract_store

    store = open_existing(db)
    total = store.count_documents()
    console = stderr_console()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("Re-extracting", total=total)
        report = reextract_store(store, on_document_done=lambda _name: progress.advance(task))
    say(f"documents {report.documents}, figures before {report.figures_before}, "
        f"after {report.figures_after}, failed {len(report.failed)}")
    for failure in report.failed:
        say("failed", failure)
    raise typer.Exit(1 if report.failed else 0)
