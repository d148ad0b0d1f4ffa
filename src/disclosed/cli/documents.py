"""Commands that bring documents in, list, show and remove them: ingest, documents, show, remove, demo."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from disclosed.cli import app
from disclosed.cli.options import (
    DOCUMENT_FORMATS,
    DbOption,
    FormatOption,
    WideOption,
    choice_option,
    open_existing,
    open_or_create,
)
from disclosed.cli.output import (
    OutputFormat,
    is_table,
    note,
    print_rows,
    safe,
    say,
    status,
    stderr_console,
    stdout_console,
    text,
)
from disclosed.cli.refs import doc_cell, one_document
from disclosed.read.selection import Skipped, select_inputs
from disclosed.runs.ingest import IngestReport, default_jobs, ingest_files
from disclosed.runs.stories import refresh_stories
from disclosed.store import Store
from disclosed.store.document_refs import document_refs

MAX_JOBS = 64


def run_ingest(store: Store, paths: list[Path], max_size_mb: float | None, jobs: int = 1, *,
               include: list[str] | None = None, exclude: list[str] | None = None,
               quiet_skips: bool = False) -> IngestReport:
    """Ingest with a progress bar on stderr, then print the summary."""
    err_console = stderr_console()
    with status("Finding files..."):
        selection = select_inputs(paths, include=include or (), exclude=exclude or ())
    inputs = selection.inputs
    max_bytes = int(max_size_mb * 1024 * 1024) if max_size_mb else None
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}", style="dim", markup=False),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as progress:
        task = progress.add_task("Ingesting", total=len(inputs), current="")
        report = ingest_files(
            store, inputs, max_bytes=max_bytes, jobs=jobs, isolate=True, update_stories=False,
            on_file_done=lambda name: progress.update(task, advance=1, current=safe(Path(name).name[:40])),
        )
    report.skipped = selection.skipped
    if store.owed() is not None:  # this run's documents, or an earlier run's left without stories
        with status("Updating stories..."):
            report.failed.extend(refresh_stories(store))
    print_ingest_summary(report, quiet_skips=quiet_skips)
    return report


def print_ingest_summary(report: IngestReport, *, quiet_skips: bool = False) -> None:
    say(f"read {report.read}, new {report.new}, already stored {report.already_stored}, "
        f"failed {len(report.failed)}, skipped {len(report.skipped)}; figures stored {report.figures}")
    for failure in report.failed:
        say(Text("failed", style="red"), text(failure))
    if report.skipped and not quiet_skips:
        _print_skipped(report.skipped)


def _print_skipped(skipped: list[Skipped], shown: int = 5) -> None:
    for item in skipped[:shown]:
        note(Text("skipped", style="dim"), text(item))
    if len(skipped) > shown:
        note(Text("skipped", style="dim"), f"{len(skipped) - shown} more files that are not documents")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders (read recursively) or WARC archives.",
                                                show_default=False)],
    db: DbOption = None,
    include: Annotated[list[str] | None, typer.Option(
        "--include", "-i", help="Read only files matching this glob (gitignore syntax: '*.txt', "
        "'letters/**'), even ones otherwise skipped as not documents; repeatable.", show_default=False,
    )] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", "-x", help="Skip files matching this glob (gitignore syntax: 'drafts/', '*.md'); "
        "repeatable.", show_default=False,
    )] = None,
    max_size: Annotated[float, typer.Option(
        "--max-size", min=0.001, max=10_000, help="Largest document to read, in MB (for a WARC: each page).",
    )] = 50.0,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, max=MAX_JOBS, show_default=False,
        help="Processes that read and extract in parallel. Default: one per CPU (runs of fewer than "
        "64 files use one).",
    )] = None,
) -> None:
    """Read documents and store them with their figures, policy facts and statements.

    Text, HTML, PDF and WARC, the format detected by content. Files that are not documents (JSON,
    TOML, CSV, code, images; a folder's README or MANIFEST) are skipped and counted, as is anything
    a `.disclosedignore` file in a folder (gitignore syntax) matches. Stories are updated afterwards.

    Each document is stored in its own transaction; content already stored is skipped.
    Exit status 1 when any file failed.
    """
    store = open_or_create(db)
    report = run_ingest(store, paths, max_size, jobs or default_jobs(), include=include, exclude=exclude)
    raise typer.Exit(0 if report.ok else 1)


DOCUMENT_COLUMNS = ["doc", "format", "title", "figures"]
DOCUMENT_WIDE_COLUMNS = ["id", "document_id", "path", "format", "title", "published", "outlet", "figures"]


@app.command()
def documents(
    db: DbOption = None,
    fmt: FormatOption = None,
    wide: WideOption = False,
    doc_format: Annotated[str | None, choice_option(
        DOCUMENT_FORMATS, "Only documents of this format: text, html, pdf or warc.", "--type")] = None,
) -> None:
    """List stored documents: short id and path (or URL), format, title, figures.

    json, jsonl and csv give every field: id (the row id), document_id (the short id), name, path,
    format, title, published, outlet, sha256, figures.
    """
    store = open_existing(db)
    refs = document_refs(store)
    table = is_table(fmt)
    rows = []
    for summary in store.documents(format=doc_format):
        ref = refs.get(summary["id"])
        rest = {k: v for k, v in summary.items() if k not in ("id", "name")}
        row = {"id": summary["id"], "document_id": ref.short_id if ref else None, "name": summary["name"],
               "path": ref.path if ref else None, **rest}
        if table:
            row["doc"] = doc_cell(row["document_id"] or "", row["path"] or row["name"])
        rows.append(row)
    if not rows:
        if doc_format:
            note(f"no documents of --type {doc_format} ({len(refs)} stored)")
        else:
            note("no documents stored (disclosed ingest PATH... adds some; disclosed demo the examples)")
    print_rows(rows, fmt, columns=DOCUMENT_COLUMNS, wide=wide, wide_columns=DOCUMENT_WIDE_COLUMNS,
               title="Documents")


def example_paths() -> list[Path]:
    """The example documents bundled with the package (its MANIFEST and gold answers are not documents)."""
    folder = Path(str(resources.files("disclosed") / "examples"))
    return sorted(p for p in select_inputs([folder]).inputs if isinstance(p, Path))


@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled example documents into a local SQLite file, summarise them, say what to try next."""
    from disclosed.runs import stories as runs_stories
    from disclosed.store import stories as story_store

    store = open_or_create(db)
    say("Ingesting the bundled example documents into", store.url)
    run_ingest(store, example_paths(), None)
    docs = store.documents()
    formats: dict[str, int] = {}
    for d in docs:
        formats[d["format"]] = formats.get(d["format"], 0) + 1
    figures = store.figures()
    organisations = {f.organisation for f in figures}
    stories = story_store.stories(store)
    dataset = runs_stories.dataset(store, "social_media")
    say(f"{len(docs)} documents ({', '.join(f'{n} {k}' for k, n in sorted(formats.items()))}), "
        f"{len(figures)} figures about {len(organisations)} organisations, {len(stories)} stories, "
        f"{len(dataset.rows)} dataset rows, {len(dataset.checks)} failed checks.")
    db_flag = "" if db is None else f" --db {db}"
    say("Try next:", style="bold")
    for command, what in (
        (f"disclosed documents{db_flag}", "what is stored, by short id and path"),
        (f"disclosed figures --org surrey{db_flag}", "figures, filtered by part of a name"),
        (f"disclosed dataset{db_flag}", "one row per body, outcome and period, sources agreeing or not"),
        (f"disclosed show DOC{db_flag}", "a document with its figures marked (DOC: a short id or path)"),
        ("disclosed ingest PATH...", "your own documents"),
    ):
        line = Text(f"  {command:<44}", style="bold")
        line.append_text(text(what, "dim"))
        stdout_console().print(line, soft_wrap=True)


@app.command()
def show(
    document: Annotated[str, typer.Argument(help="The document: its short id (from `disclosed documents`), "
                                            "path or URL, file name, or row id.", show_default=False)],
    db: DbOption = None,
    fmt: Annotated[OutputFormat | None, typer.Option(
        "--format", "-f", help="table (default): the text with every record's evidence marked and its id; "
        "json or jsonl: one object with the document, its text and its records.", show_default=False,
    )] = None,
) -> None:
    """Print a document with its figures, policy facts and statements marked in the text.

    Figures are bold, policy facts underlined, statements italic; each is labelled with its id
    (f12, p3, s7) where its evidence ends, and listed after the text.
    """
    from disclosed.cli.show import print_document

    store = open_existing(db)
    print_document(store, one_document(store, document), fmt or OutputFormat.table)


@app.command()
def remove(
    documents: Annotated[list[str], typer.Argument(help="Documents to remove: short ids, paths or URLs, file "
                                                   "names, or row ids.", show_default=False)],
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Also remove documents that people's records refer "
                                        "to (an FOI response attached to a request).")] = False,
) -> None:
    """Delete documents with everything derived from them (figures, facts, statements, copy links); stories
    are regrouped without them.

    A document that is an FOI response, or that people's records otherwise refer to, is kept unless
    --force, and the command says why. Exit status 1 when any document named was kept.
    """
    from disclosed.runs.remove import remove_documents, resolve_documents

    store = open_existing(db)
    found = resolve_documents(store, documents)
    report = remove_documents(store, found, force=force)
    for ref in report.removed:
        say("removed", ref.short_id, ref.path)
    for ref, tables in report.kept:
        why = ", ".join("an FOI response" if t == "foi_responses" else f"referred to by {t}" for t in tables)
        say(Text("kept", style="yellow"), ref.short_id, ref.path, f"({why}; --force removes it)")
    if report.stories_error:
        say(Text("failed", style="red"), report.stories_error)
    elif report.removed:
        say(f"removed {len(report.removed)}, kept {len(report.kept)}; stories updated")
    raise typer.Exit(1 if report.kept or report.stories_error else 0)

