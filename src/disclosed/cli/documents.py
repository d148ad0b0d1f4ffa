"""Commands that bring documents in and list them: ingest, documents, demo."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from disclosed.cli import app
from disclosed.cli.options import DbOption, FormatOption
from disclosed.cli.output import OutputFormat, print_rows
from disclosed.runs import open_store
from disclosed.runs.ingest import IngestReport, default_jobs, ingest_files, list_inputs
from disclosed.runs.stories import refresh_stories
from disclosed.store import Store

err_console = Console(stderr=True)

# Files in the bundled examples folder that describe the examples rather than being examples.
EXAMPLE_METADATA = {"MANIFEST.toml", "expected.json", "README.md", "__init__.py"}


def run_ingest(store: Store, paths: list[Path], max_size_mb: float | None, jobs: int = 1) -> IngestReport:
    """Ingest with a progress bar on stderr, then print the summary."""
    with err_console.status("Finding files..."):
        inputs = list_inputs(paths)
    max_bytes = int(max_size_mb * 1024 * 1024) if max_size_mb else None
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("Ingesting", total=len(inputs), current="")
        report = ingest_files(
            store, inputs, max_bytes=max_bytes, jobs=jobs, isolate=True, update_stories=False,
            on_file_done=lambda name: progress.update(task, advance=1, current=Path(name).name[:40]),
        )
    if store.owed() is not None:  # this run's documents, or an earlier run's left without stories
        with err_console.status("Updating stories..."):
            report.failed.extend(refresh_stories(store))
    print_ingest_summary(report)
    return report


def print_ingest_summary(report: IngestReport) -> None:
    console = Console()
    console.print(
        f"read {report.read}, new {report.new}, already stored {report.already_stored}, "
        f"failed {len(report.failed)}; figures stored {report.figures}"
    )
    for failure in report.failed:
        console.print(f"[red]failed[/red] {failure}", markup=True, highlight=False, soft_wrap=True)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders (read recursively) or WARC archives.",
                                                show_default=False)],
    db: DbOption = None,
    max_size: Annotated[float, typer.Option("--max-size", help="Largest document to read, in MB.")] = 50.0,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes that read and extract in parallel "
                                      "(default: one per CPU; small runs use one).")] = 0,
) -> None:
    """Read documents and store them with their figures, policy facts and statements.

    Text, HTML, PDF and WARC, the format detected by content. Stories are updated afterwards.

    Each document is stored in its own transaction; content already stored is skipped.
    Exit status 1 when any file failed.
    """
    store = open_store(db)
    report = run_ingest(store, paths, max_size, jobs or default_jobs())
    raise typer.Exit(0 if report.ok else 1)


DOCUMENT_COLUMNS = ["id", "name", "format", "title", "published", "outlet", "figures"]


@app.command()
def documents(
    db: DbOption = None,
    fmt: FormatOption = None,
    doc_format: Annotated[str | None, typer.Option("--type", help="Only documents of this format: "
                                                   "text, html, pdf or warc.")] = None,
) -> None:
    """List stored documents."""
    store = open_store(db)
    print_rows(store.documents(format=doc_format), fmt, columns=DOCUMENT_COLUMNS, title="Documents")


def example_paths() -> list[Path]:
    """The example documents bundled with the package."""
    folder = Path(str(resources.files("disclosed") / "examples"))
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in EXAMPLE_METADATA
                  and not p.name.startswith(".") and "__pycache__" not in p.parts)


@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled example documents into a local SQLite file and show what was stored."""
    from disclosed.cli.figures import FIGURE_COLUMNS, figure_rows

    store = open_store(db)
    console = Console()
    console.print(f"Ingesting the bundled example documents into {store.url}")
    run_ingest(store, example_paths(), None)
    print_rows(store.documents(), OutputFormat.table, columns=DOCUMENT_COLUMNS, title="Stored documents")
    print_rows(figure_rows(store.figures(), full=False), OutputFormat.table, columns=FIGURE_COLUMNS,
               title="Figures")
    console.print(
        "\nNext: [bold]disclosed ingest PATH...[/bold] to add your own documents, "
        "[bold]disclosed figures --org 'Home Office'[/bold] to filter figures, "
        "[bold]disclosed extract FILE[/bold] to try the extractor without a store."
    )
