"""Commands about figures: extract (no store), figures (stored), reextract."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from disclosed.cli import app
from disclosed.cli.options import DbOption, FormatOption
from disclosed.cli.output import OutputFormat, print_rows
from disclosed.errors import ReadError
from disclosed.model import Figure
from disclosed.store import open_store

FIGURE_COLUMNS = ["document", "organisation", "staff_group", "outcome", "count", "qualifier", "platforms",
                  "period", "requester", "evidence"]


def figure_rows(figures: Iterable[Figure], *, full: bool = True) -> list[dict]:
    """Figures as dict rows; `period` is shown as start..end or the phrase."""
    rows = []
    for fig in figures:
        row = fig.model_dump(mode="json")
        if not full:  # a table on screen: the full sentence is one `--format jsonl` away
            row["period"] = _period_text(fig)
            row["evidence"] = _shorten(fig.evidence, EVIDENCE_WIDTH)
        rows.append(row)
    return rows


EVIDENCE_WIDTH = 60


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


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
    )] = None,
) -> None:
    """Print the figures, policy facts and statements in FILES (each with its `type`) without storing."""
    from disclosed.cli.facts import POLICY_COLUMNS, STATEMENT_COLUMNS, FactType, fact_rows
    from disclosed.errors import InvalidInputError
    from disclosed.extract.document import extract_all
    from disclosed.read import read_file

    try:
        wanted = {FactType(t.strip().lower()) for t in types} if types else set(FactType)
    except ValueError:
        raise InvalidInputError("--type", f"expected figure, policy or statement, got {types}") from None
    rows: dict[FactType, list[dict]] = {t: [] for t in FactType}
    failures: list[ReadError] = []
    table = (fmt or OutputFormat.jsonl) is OutputFormat.table
    for path in files:
        for item in read_file(path):
            if isinstance(item, ReadError):
                failures.append(item)
                continue
            extraction = extract_all(item)  # the same path as ingest: one context per document
            if FactType.figure in wanted:
                rows[FactType.figure] += [{**row, "type": "figure"}
                                          for row in figure_rows(extraction.figures, full=not table)]
            if FactType.policy in wanted:
                rows[FactType.policy] += fact_rows(extraction.policies)
            if FactType.statement in wanted:
                rows[FactType.statement] += fact_rows(extraction.statements)
    columns = {FactType.figure: FIGURE_COLUMNS, FactType.policy: POLICY_COLUMNS,
               FactType.statement: STATEMENT_COLUMNS}
    if (fmt or OutputFormat.jsonl) in (OutputFormat.json, OutputFormat.jsonl):
        print_rows([row for t in FactType for row in rows[t]], fmt)
    elif fmt is OutputFormat.csv:  # one CSV: the types' columns side by side, `type` first
        union = dict.fromkeys(["type", *(c for t in FactType if t in wanted for c in columns[t])])
        print_rows([row for t in FactType for row in rows[t]], fmt, columns=list(union))
    else:
        titles = {FactType.figure: "Figures", FactType.policy: "Policy facts",
                  FactType.statement: "Statements"}
        for t in FactType:
            if t in wanted:
                print_rows(rows[t], fmt, columns=["type", *columns[t]], title=titles[t])
    err = Console(stderr=True)
    for failure in failures:
        err.print(f"failed {failure}", markup=False, highlight=False)
    if failures:
        raise typer.Exit(1)


@app.command()
def figures(
    db: DbOption = None,
    fmt: FormatOption = None,
    org: Annotated[str | None, typer.Option("--org", help="Organisation name, or part of it.")] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="Outcome code, e.g. dismissed.")] = None,
) -> None:
    """List stored figures."""
    store = open_store(db)
    found = store.figures(organisation=org, outcome=outcome)
    table = (fmt or OutputFormat.jsonl) is OutputFormat.table
    print_rows(figure_rows(found, full=not table), fmt, columns=FIGURE_COLUMNS, title="Figures")


@app.command()
def reextract(db: DbOption = None) -> None:
    """Re-run extraction over every stored document (after the rules changed); stories follow."""
    from rich.progress import Progress

    from disclosed.ingest import reextract_store

    store = open_store(db)
    total = store.count_documents()
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Re-extracting", total=total)
        report = reextract_store(store, on_document_done=lambda _name: progress.advance(task))
    Console().print(f"documents {report.documents}, figures before {report.figures_before}, "
                    f"after {report.figures_after}, failed {len(report.failed)}")
    for failure in report.failed:
        Console().print(f"failed {failure}", markup=False, highlight=False)
    raise typer.Exit(1 if report.failed else 0)
