"""Scale-out commands: `disclosed scale extract` on a Dask cluster, `disclosed load` into the store."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from disclosed.cli import app
from disclosed.cli.options import DbOption
from disclosed.errors import DisclosedError

scale_app = typer.Typer(help="Run extraction on a Dask cluster (needs the extra disclosed[scale]).",
                        no_args_is_help=True)
app.add_typer(scale_app, name="scale")
err_console = Console(stderr=True)


def _client(scheduler: str | None, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DisclosedError("scale needs the scale extra: pip install 'disclosed[scale]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as err:
            raise DisclosedError(f"scheduler {scheduler}: cannot connect ({err})") from None
    cluster = LocalCluster(n_workers=workers or None, threads_per_worker=1, processes=True,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


@scale_app.command("extract")
def extract(
    inputs: Annotated[list[str], typer.Argument(help="WARC files, folders, text files listing paths, or "
                                                "fsspec URLs (s3://, gs://, file://).", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder or fsspec URL for the Parquet "
                                        "datasets (every worker must reach it).", show_default=False)],
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Address of a running Dask "
                                                  "scheduler (tcp://host:8786). Default: a local cluster.")
                         ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes of the local cluster "
                                         "(default: one per CPU).")] = 0,
    batch: Annotated[int, typer.Option("--batch", help="Files per task for inputs that are not WARC.")] = 64,
) -> None:
    """Extract figures, policy facts and statements from many documents on a Dask cluster.

    One task per WARC file or batch of files; writes Parquet datasets (documents, figures, policies,
    statements, fingerprints, errors, copies) that `disclosed load` stores. A task retried after a
    worker died overwrites its own output. Exit status 1 when anything failed.
    """
    from disclosed.scale.job import run_job

    client, cluster = _client(scheduler, workers)
    try:
        if client.dashboard_link:
            err_console.print(f"Dask dashboard: {escape(client.dashboard_link)}", highlight=False)
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.fields[current]}", style="dim"),
                      console=err_console, transient=True) as progress:
            bar = progress.add_task("Extracting", total=None, current="")
            report = run_job(
                client, inputs, output, batch=batch,
                on_planned=lambda tasks: progress.update(bar, total=len(tasks)),
                on_task_done=lambda done: progress.update(bar, advance=1, current=escape(done.task[:40])),
            )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    console = Console()
    console.print(f"tasks {report.tasks}, documents read {report.read}, kept {report.kept}, figures "
                  f"{report.figures}, policy facts {report.policies}, statements {report.statements}, "
                  f"copy links {report.copies}, failed {len(report.failed)}", highlight=False, soft_wrap=True)
    for failure in report.failed:
        console.print(f"[red]failed[/red] {escape(str(failure))}", highlight=False, soft_wrap=True)
    raise typer.Exit(0 if not report.failed else 1)


@app.command()
def load(
    output: Annotated[str, typer.Argument(help="The --output folder (or fsspec URL) of `disclosed scale "
                                          "extract`.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Store the documents, figures, policy facts and statements of a scale job's Parquet output.

    Content already stored is skipped, so loading again stores nothing twice. Stories are updated
    afterwards. Exit status 1 when anything failed.
    """
    from disclosed.runs.load import load_output
    from disclosed.store import open_store

    store = open_store(db)
    with err_console.status("Loading..."):
        report = load_output(store, output)
    console = Console()
    console.print(f"documents {report.documents}, new {report.new}, already stored {report.already_stored}, "
                  f"failed {len(report.failed)}; figures stored {report.figures}", highlight=False,
                  soft_wrap=True)
    for failure in report.failed:
        console.print(f"[red]failed[/red] {escape(str(failure))}", highlight=False, soft_wrap=True)
    raise typer.Exit(0 if not report.failed else 1)
