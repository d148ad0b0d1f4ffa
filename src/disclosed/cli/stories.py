"""Commands about stories and the reconciled dataset: stories, dataset, checks, rebuild."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from disclosed.cli import app
from disclosed.cli.empty import explain_empty
from disclosed.cli.options import TOPICS, DbOption, FormatOption, WideOption, open_existing
from disclosed.cli.output import OutputFormat, default_format, note, print_rows, say, stderr_console
from disclosed.errors import InvalidInputError
from disclosed.model import Check, DatasetRow, Story
from disclosed.runs import stories as runs_stories
from disclosed.store import stories as story_store
from disclosed.stories.explain import explain_story

# Tables show the columns that matter; `--wide` shows every field.
STORY_COLUMNS = ["story", "title", "first_date", "documents"]
STORY_WIDE_COLUMNS = ["story", "title", "first_date", "last_date", "documents", "copies", "organisations"]
DATASET_COLUMNS = ["organisation", "outcome", "period", "count", "status", "sources"]
DATASET_WIDE_COLUMNS = ["organisation", "staff_group", "outcome", "period", "count", "qualifier", "status",
                        "sources", "documents", "competing"]
CHECK_COLUMNS = ["kind", "organisation", "message"]
CHECK_WIDE_COLUMNS = ["kind", "organisation", "message", "documents", "story"]


def story_row(story: Story, *, table: bool = False) -> dict:
    """A story as the `stories` command prints it; `table` flattens lists into short text."""
    copies = [[c.a, c.b] for c in story.copies]
    return {
        "story": story.id,
        "title": story.title,
        "documents": story.documents,
        "copies": [f"{a} = {b}" for a, b in copies] if table else copies,
        "first_date": story.first_date,
        "last_date": story.last_date,
        "origin": story.origin,
        "organisations": story.organisations,
        "requesters": story.requesters,
        "sources": story.sources,
        "links": [link.model_dump(exclude_none=True) for link in story.links],
    }


def period_text(row: DatasetRow) -> str:
    if row.period_start or row.period_end:
        return f"{row.period_start or ''}..{row.period_end or ''}"
    return row.period or ""


def dataset_row(row: DatasetRow, *, flat: bool = False) -> dict:
    """A dataset row as the `dataset` command prints it; `flat` (table, csv) turns the competing
    values into text: "11 (2 sources: a.txt, b.txt); 12 (1 source: c.txt)"."""
    out = row.model_dump(mode="json", exclude={"values"})
    out["period"] = period_text(row)
    competing = [v.model_dump(mode="json") for v in row.values] if row.status == "conflicting" else []
    if flat:
        out["competing"] = "; ".join(
            f"{'' if v['qualifier'] == 'exact' else v['qualifier'] + ' '}{v['count']} "
            f"({v['sources']} source{'s' if v['sources'] != 1 else ''}: {', '.join(v['documents'])})"
            for v in competing
        )
    else:
        out["competing"] = competing
    return out


def _topic(value: str) -> str | None:
    return None if value == "all" else value


TopicOption = Annotated[str, typer.Option(
    "--topic", help="Kind of misuse: social_media, internet_email, it_security, other, or all.",
    callback=TOPICS.callback, autocompletion=TOPICS.complete)]
OrgOption = Annotated[str | None, typer.Option("--org", help="Organisation name, or part of it (any case).",
                                               show_default=False)]


EXPLAIN_COLUMNS = ["document", "reason", "source", "evidence"]
ExplainOption = Annotated[str | None, typer.Option(
    "--explain", metavar="STORY", help="Print each link of one story with its reason and evidence.")]


@app.command("stories")
def stories_command(db: DbOption = None, fmt: FormatOption = None, wide: WideOption = False,
                    explain: ExplainOption = None) -> None:
    """List stories: documents that report the same disclosure, and which of them are copies."""
    store = open_existing(db)
    if explain is not None:
        story = runs_stories.story(store, explain)
        if story is None:
            raise InvalidInputError("--explain", f"no story {explain!r} (see `disclosed stories`)")
        rows = [r.model_dump() | {"source": r.source or r.outlet or ""} for r in explain_story(story)]
        print_rows(rows, fmt, columns=EXPLAIN_COLUMNS, title=f"{story.id}: {story.title}")
        return
    table = (fmt or default_format()) in (OutputFormat.table, OutputFormat.csv)
    rows = [story_row(s, table=table) for s in story_store.stories(store)]
    if not rows:
        explain_empty(store, "stories", {})
    print_rows(rows, fmt, columns=STORY_COLUMNS, wide=wide, wide_columns=STORY_WIDE_COLUMNS, title="Stories")


@app.command()
def dataset(
    db: DbOption = None,
    fmt: FormatOption = None,
    topic: TopicOption = "social_media",
    org: OrgOption = None,
    wide: WideOption = False,
) -> None:
    """The reconciled dataset: one row per organisation, staff group, outcome and period.

    Each row has the count and its qualifier, the supporting documents, the number of independent
    sources (copies count once) and a status: agreed, single_source, or conflicting (with the
    competing values and their documents).
    """
    store = open_existing(db)
    result = runs_stories.dataset(store, _topic(topic), organisation=org)
    flat = (fmt or default_format()) in (OutputFormat.table, OutputFormat.csv)
    rows = [dataset_row(r, flat=flat) for r in result.rows]
    if not rows:
        explain_empty(store, "dataset rows", {"--org": (org, "figures.organisation"),
                                              "--topic": (_topic(topic), "figures.topic")})
    print_rows(rows, fmt, columns=DATASET_COLUMNS, wide=wide, wide_columns=DATASET_WIDE_COLUMNS,
               title="Dataset")


def check_row(check: Check) -> dict:
    return check.model_dump(mode="json")


@app.command()
def checks(
    db: DbOption = None,
    fmt: FormatOption = None,
    topic: TopicOption = "all",
    org: OrgOption = None,
    wide: WideOption = False,
) -> None:
    """List failed consistency checks (breakdowns that don't add up, sources that disagree).

    Prints "no failed checks" when there are none. Exit status 0 either way.
    """
    store = open_existing(db)
    found = runs_stories.dataset(store, _topic(topic), organisation=org).checks
    fmt = fmt or default_format()
    if not found and fmt is OutputFormat.table:
        say("no failed checks")
        return
    if not found:
        note("no failed checks")
    print_rows([check_row(c) for c in found], fmt, columns=CHECK_COLUMNS, wide=wide,
               wide_columns=CHECK_WIDE_COLUMNS, title="Failed checks")


@app.command()
def rebuild(db: DbOption = None) -> None:
    """Recompute copies, citations and stories from the stored documents and figures.

    The dataset follows (it is computed from them on demand). Stories are also updated after every
    ingest and reextract; rebuild gives the same result from scratch.
    """
    store = open_existing(db)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
        disable=not stderr_console().is_terminal,
    ) as progress:
        task = progress.add_task("Fingerprinting", total=store.count_documents())
        report = runs_stories.rebuild_stories(store, on_document_done=lambda _name: progress.advance(task))
    rows = runs_stories.dataset(store, None)
    typer.echo(
        f"documents {report.documents}, copy pairs {report.copies}, citations {report.citations}, "
        f"stories {report.stories}; dataset rows {len(rows.rows)}, failed checks {len(rows.checks)}"
    )
