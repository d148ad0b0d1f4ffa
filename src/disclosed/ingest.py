"""An ingest run: find files, read Documents, extract figures, store each document in its own transaction.

Reading and extracting are the expensive steps and need no database, so with `jobs > 1` they run
in worker processes; the parent alone writes, one document per transaction, in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from disclosed.errors import DisclosedError, ReadError
from disclosed.model import Document, Extraction
from disclosed.read.selection import Skipped, select_inputs
from disclosed.store import Store

# Below this many files the cost of starting worker processes outweighs what they save.
PARALLEL_MIN_FILES = 64


@dataclass
class IngestReport:
    """What an ingest run did: documents read, newly stored, already stored, and failures."""

    read: int = 0
    new: int = 0
    already_stored: int = 0
    figures: int = 0
    failed: list[ReadError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files that are not documents (read/selection.py)

    @property
    def ok(self) -> bool:
        return not self.failed


ProgressCallback = Callable[[str], None]

# What reading one file gives: per document, either its figures, ALREADY (stored before), or an error.
ALREADY = "already"
FileResult = list[tuple[Document, Extraction] | tuple[Document, str] | ReadError]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def list_inputs(paths: Iterable[str | Path], *, include: Sequence[str] = (),
                exclude: Sequence[str] = ()) -> list[Path | ReadError]:
    """Every document under `paths` (folders walked recursively); a ReadError for each path that can't
    be. Files that are not documents are left out: `select_inputs` tells which (read/selection.py)."""
    return select_inputs(paths, include=include, exclude=exclude).inputs


def read_and_extract(path: Path, max_bytes: int, is_stored: Callable[[str], bool]) -> FileResult:
    """Read one file and extract the figures of each document in it not already stored; never raises."""
    from disclosed.extract.document import extract_all
    from disclosed.read import read_file

    results: FileResult = []
    for item in read_file(path, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            results.append(item)
        elif is_stored(item.sha256):
            results.append((item, ALREADY))
        else:
            try:
                results.append((item, extract_all(item)))
            except Exception as err:  # noqa: BLE001 - a rule bug must not stop the run or lose other documents
                results.append(ReadError(item.source, f"extraction failed ({type(err).__name__}: {err})"))
    return results


def store_results(store: Store, results: FileResult, report: IngestReport) -> None:
    """Store what `read_and_extract` gave, one document per transaction, and count it in `report`."""
    for result in results:
        if isinstance(result, ReadError):
            report.failed.append(result)
            continue
        doc, extraction = result
        report.read += 1
        if extraction == ALREADY:
            report.already_stored += 1
            continue
        try:
            added = store.add_document(doc, extraction.figures, policies=extraction.policies,
                                       statements=extraction.statements)
        except DisclosedError as err:
            report.failed.append(ReadError(doc.source, str(err)))
            continue
        if added.created:
            report.new += 1
            report.figures += added.figures
        else:
            report.already_stored += 1


# -- worker processes ----------------------------------------------------------------------------

_worker_store: Store | None = None
_worker_max_bytes = 0


def _init_worker(db_url: str, max_bytes: int) -> None:
    global _worker_store, _worker_max_bytes
    from disclosed.store import open_store

    _worker_store = open_store(db_url, migrate=False)  # the parent migrated it; workers only read
    _worker_max_bytes = max_bytes


def _work(path: Path) -> FileResult:
    store = _worker_store
    assert store is not None
    return read_and_extract(path, _worker_max_bytes, lambda sha: store.document_id(sha) is not None)


def _results(store: Store, files: Sequence[Path], max_bytes: int, jobs: int) -> Iterator[FileResult]:
    if jobs <= 1 or len(files) < PARALLEL_MIN_FILES:
        for path in files:
            yield read_and_extract(path, max_bytes, lambda sha: store.document_id(sha) is not None)
        return
    # spawn, not fork: the parent holds database connections that a forked child must not share.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(store.engine.url.render_as_string(
            hide_password=False), max_bytes)) as pool:
        yield from pool.imap(_work, files, chunksize=4)


def ingest_files(
    store: Store,
    inputs: Sequence[Path | ReadError],
    *,
    max_bytes: int | None = None,
    jobs: int = 1,
    on_file_done: ProgressCallback | None = None,
    update_stories: bool = True,
) -> IngestReport:
    """Ingest already-listed inputs (see `list_inputs`); `on_file_done(name)` is called after each file.

    With `update_stories` (the default) stories are brought up to date once at the end; a caller
    ingesting in several batches can pass False and call `refresh_stories` once itself."""
    from disclosed.read import DEFAULT_MAX_BYTES

    report = IngestReport()
    files = [item for item in inputs if not isinstance(item, ReadError)]
    for item in inputs:
        if isinstance(item, ReadError):
            report.failed.append(item)
            if on_file_done:
                on_file_done(item.source)
    results_per_file = _results(store, files, max_bytes or DEFAULT_MAX_BYTES, jobs)
    for path, results in zip(files, results_per_file, strict=True):
        store_results(store, results, report)
        if on_file_done:
            on_file_done(str(path))
    if report.new and update_stories:
        report.failed.extend(refresh_stories(store))
    return report


def refresh_stories(store: Store) -> list[ReadError]:
    """Update stories after documents or figures changed; a failure is one error, the documents stay."""
    from disclosed.store.stories import update_stories

    try:
        update_stories(store)
    except Exception as err:  # noqa: BLE001 - the documents are stored; `disclosed rebuild` redoes this
        return [ReadError("stories", f"not updated ({type(err).__name__}: {err}); run `disclosed rebuild`")]
    return []


def ingest_paths(store: Store, paths: Iterable[str | Path], *, max_bytes: int | None = None,
                 jobs: int = 1, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> IngestReport:
    """Read, extract and store every document under `paths`. Re-running stores nothing twice."""
    selection = select_inputs(paths, include=include, exclude=exclude)
    report = ingest_files(store, selection.inputs, max_bytes=max_bytes, jobs=jobs)
    report.skipped = selection.skipped
    return report


@dataclass
class ReextractReport:
    documents: int = 0
    figures_before: int = 0
    figures_after: int = 0
    failed: list[ReadError] = field(default_factory=list)


def reextract_store(store: Store, *, on_document_done: ProgressCallback | None = None) -> ReextractReport:
    """Re-run extraction over every stored document (after the rules changed), one transaction each."""
    from disclosed.extract.document import extract_all

    report = ReextractReport(figures_before=store.count_figures())
    for doc_id, doc in store.iter_documents():
        report.documents += 1
        try:
            extraction = extract_all(doc)
            store.replace_extraction(doc_id, extraction.figures, policies=extraction.policies,
                                     statements=extraction.statements)
            report.figures_after += len(extraction.figures)
        except Exception as err:  # noqa: BLE001 - keep going; the old figures stay in place
            report.failed.append(ReadError(doc.source, f"extraction failed ({type(err).__name__}: {err})"))
        if on_document_done:
            on_document_done(doc.name)
    report.failed.extend(refresh_stories(store))
    return report
