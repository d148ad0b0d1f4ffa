"""An ingest run: find files, read Documents, extract, store each document in its own transaction,
then bring stories up to date.

Reading and extracting are the expensive steps and need no database. With `isolate` (what the CLI
does) they run in one pool of worker processes kept for the run, each file under a time limit and
each worker under a memory limit: a file that hangs, eats memory or kills its worker is reported as
failed, its worker replaced, and the run goes on. The parent alone writes, one document per
transaction, in input order.

The sequence a re-run completes: every stored document records (in its own transaction) that
stories are owed; the update at the end clears that. A run killed anywhere, by a signal or by
SIGKILL, leaves whole documents and the debt; the next ingest, or any command opened through
disclosed.runs.open_store, pays it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from disclosed.errors import DisclosedError, ReadError
from disclosed.model import Document, Extraction
from disclosed.read.selection import Skipped, select_inputs
from disclosed.runs import RUN_LOCK
from disclosed.runs.reviews import reattach
from disclosed.runs.stories import refresh_stories
from disclosed.store import Store
from disclosed.store.database import storable

DEFAULT_TIME_LIMIT = 60.0  # seconds to read and extract one file
DEFAULT_MEMORY_LIMIT = 2 * 1024**3  # address space of one worker process, bytes
# A worker costs a process start and a warm-up: small runs get fewer workers than `jobs`.
FILES_PER_WORKER = 8
# Files handed to the pool ahead of the one being stored (keeps every worker busy, memory bounded).
AHEAD_PER_WORKER = 4


@dataclass(frozen=True)
class Limits:
    """Bounds on one file in an isolated run: wall time, worker memory, PDF pages, file size."""

    seconds: float = DEFAULT_TIME_LIMIT
    memory_bytes: int | None = DEFAULT_MEMORY_LIMIT
    pdf_pages: int | None = None  # None: read.limits.MAX_PDF_PAGES
    max_bytes: int | None = None  # None: read.limits.DEFAULT_MAX_BYTES


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


class Interrupted(DisclosedError):  # noqa: N818 - read as "the run was interrupted"
    """A run stopped by Ctrl-C or SIGTERM: what was stored stays, a re-run continues."""

    def __init__(self, stored: int, signal_number: int) -> None:
        super().__init__(f"interrupted: {stored} documents stored; run again to continue")
        self.stored = stored
        self.exit_code = 128 + signal_number

    def __reduce__(self):
        return (type(self), (self.stored, self.exit_code - 128))


ProgressCallback = Callable[[str], None]

# What reading one file gives: per document, either its extraction, ALREADY (stored before), or an error.
ALREADY = "already"
FileResult = list[tuple[Document, Extraction] | tuple[Document, str] | ReadError]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def list_inputs(paths: Iterable[str | Path], *, include: Sequence[str] = (),
                exclude: Sequence[str] = ()) -> list[Path | ReadError]:
    """Every document under `paths` (folders walked recursively); a ReadError for each path that can't
    be. Files that are not documents are left out: `select_inputs` tells which (read/selection.py)."""
    inputs = select_inputs(paths, include=include, exclude=exclude).inputs
    return [_safe_error(item) if isinstance(item, ReadError) else item for item in inputs]


def _safe_error(err: ReadError) -> ReadError:
    """The error with its source printable and storable (a file name's undecodable bytes as \\xff)."""
    source = storable(err.source)
    return err if source == err.source else ReadError(source, err.reason)


def read_and_extract(path: Path, max_bytes: int, is_stored: Callable[[str], bool]) -> FileResult:
    """Read one file and extract what each document in it states, unless already stored; never raises."""
    from disclosed.extract.document import extract_all
    from disclosed.read import read_file

    results: FileResult = []
    for item in read_file(path, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            results.append(_safe_error(item))
        elif is_stored(item.sha256):
            results.append((item, ALREADY))
        else:
            if "\x00" in item.text:  # PostgreSQL can't store NUL: removed before evidence offsets are made
                item = item.model_copy(update={"text": item.text.replace("\x00", "")})
            try:
                results.append((item, extract_all(item)))
            except Exception as err:  # noqa: BLE001 - a rule bug must not stop the run or lose other documents
                results.append(ReadError(storable(item.source),
                                         f"extraction failed ({type(err).__name__}: {err})"))
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
            report.failed.append(ReadError(storable(doc.source), str(err)))
            continue
        if added.created:
            reattach(store, [added.document_id])  # a document read again: its overrides come back
            report.new += 1
            report.figures += added.figures
        else:
            report.already_stored += 1


# -- worker processes ----------------------------------------------------------------------------

_worker_store: Store | None = None
_worker_max_bytes = 0


def _init_worker(db_url: str, max_bytes: int, memory_bytes: int | None, pdf_pages: int | None) -> None:
    global _worker_store, _worker_max_bytes
    import resource

    from disclosed.extract.document import extract_all
    from disclosed.read import limits
    from disclosed.store import open_store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if pdf_pages:
        limits.MAX_PDF_PAGES = pdf_pages
    _worker_store = open_store(db_url, migrate=False)  # the parent migrated it; workers only read
    _worker_max_bytes = max_bytes
    # Vocabularies load and rules compile on first use: here, not inside the first file's time limit.
    extract_all(Document(text=_WARM_UP, source="warm-up", format="text", sha256="-"))


_WARM_UP = ("The Home Office dismissed 3 members of staff for misusing Facebook in 2020, a spokesperson "
            "said: \"We take this seriously.\" The policy bans personal use of social media at work.")


def _work(path: Path) -> FileResult:
    store = _worker_store
    assert store is not None
    try:
        return read_and_extract(path, _worker_max_bytes, lambda sha: store.document_id(sha) is not None)
    except MemoryError:
        return [ReadError(storable(str(path)), "needs more memory than the per-worker limit")]


def _failure(path: Path, err: BaseException, limits: Limits) -> FileResult:
    from pebble import ProcessExpired

    name = storable(str(path))
    if isinstance(err, FutureTimeout):
        return [ReadError(name, f"took longer than the {limits.seconds:g} s limit; skipped")]
    if isinstance(err, ProcessExpired):
        how = f"signal {-err.exitcode}" if err.exitcode and err.exitcode < 0 else f"exit {err.exitcode}"
        return [ReadError(name, f"its worker process died ({how}); skipped")]
    if isinstance(err, MemoryError):
        return [ReadError(name, "needs more memory than the per-worker limit")]
    if type(err).__name__ == "BrokenProcessPool":
        return [ReadError(name, "not read: the worker processes could not start (memory limit too low?)")]
    return [ReadError(name, f"could not be read ({type(err).__name__}: {err})")]


def _pooled(store: Store, files: Sequence[Path], jobs: int, limits: Limits, max_bytes: int
            ) -> Iterator[FileResult]:
    from pebble import ProcessPool

    # spawn, not fork: the parent holds database connections that a forked child must not share.
    url = store.engine.url.render_as_string(hide_password=False)
    pool = ProcessPool(max_workers=max(1, min(jobs, len(files) // FILES_PER_WORKER)),
                       context=multiprocessing.get_context("spawn"), initializer=_init_worker,
                       initargs=(url, max_bytes, limits.memory_bytes, limits.pdf_pages))
    def submit(path: Path):
        try:
            return pool.schedule(_work, args=(path,), timeout=limits.seconds)
        except Exception as err:  # noqa: BLE001 - a pool whose workers cannot start: every file fails
            return err

    try:
        pending: deque = deque()
        todo = iter(files)
        ahead = AHEAD_PER_WORKER * jobs
        for path in todo:
            pending.append((path, submit(path)))
            if len(pending) >= ahead:
                break
        while pending:
            path, future = pending.popleft()
            try:
                if isinstance(future, Exception):
                    raise future
                yield future.result()
            except Exception as err:  # noqa: BLE001 - timeout, dead worker, anything: this file failed
                yield _failure(path, err, limits)
            following = next(todo, None)
            if following is not None:
                pending.append((following, submit(following)))
    finally:
        pool.stop()  # ends every worker, also on an interrupt
        pool.join(timeout=10)


def _in_process(store: Store, files: Sequence[Path], max_bytes: int) -> Iterator[FileResult]:
    for path in files:
        yield read_and_extract(path, max_bytes, lambda sha: store.document_id(sha) is not None)


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt so every `finally` runs."""


def _raise_terminated(_signum, _frame) -> None:
    raise _Terminated


def ingest_files(
    store: Store,
    inputs: Sequence[Path | ReadError],
    *,
    max_bytes: int | None = None,
    jobs: int = 1,
    isolate: bool | None = None,
    limits: Limits | None = None,
    on_file_done: ProgressCallback | None = None,
    update_stories: bool = True,
) -> IngestReport:
    """Ingest already-listed inputs (see `list_inputs`); `on_file_done(name)` is called after each file.

    `isolate` (default: when jobs > 1) reads in a pool of `jobs` worker processes under `limits`.
    With `update_stories` (the default) stories are brought up to date at the end when any run owes
    it (this one, or an earlier one that was killed); a caller ingesting in several batches can pass
    False and call `refresh_stories` once itself.

    Ctrl-C or SIGTERM stops the run cleanly: workers ended, what was stored kept, Interrupted raised
    (exit status 130 or 143 from the CLI)."""
    from disclosed.read import DEFAULT_MAX_BYTES

    limits = limits or Limits()
    max_bytes = max_bytes or limits.max_bytes or DEFAULT_MAX_BYTES
    isolate = jobs > 1 if isolate is None else isolate
    report = IngestReport()
    files = [item for item in inputs if not isinstance(item, ReadError)]
    for item in inputs:
        if isinstance(item, ReadError):
            report.failed.append(item)
            if on_file_done:
                on_file_done(item.source)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_terminated) if in_main else None
    try:
        with store.lock(RUN_LOCK, shared=True):
            results = (_pooled(store, files, jobs, limits, max_bytes) if isolate and files
                       else _in_process(store, files, max_bytes))
            try:
                for path, found in zip(files, results, strict=True):
                    store_results(store, found, report)
                    if on_file_done:
                        on_file_done(storable(str(path)))
            finally:
                results.close()
            if update_stories:
                report.failed.extend(refresh_stories(store))
    except KeyboardInterrupt:
        raise Interrupted(report.new, signal.SIGINT) from None
    except _Terminated:
        raise Interrupted(report.new, signal.SIGTERM) from None
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    return report


def ingest_paths(store: Store, paths: Iterable[str | Path], *, max_bytes: int | None = None,
                 jobs: int = 1, isolate: bool | None = None, limits: Limits | None = None,
                 include: Sequence[str] = (), exclude: Sequence[str] = ()) -> IngestReport:
    """Read, extract and store every document under `paths`. Re-running stores nothing twice."""
    selection = select_inputs(paths, include=include, exclude=exclude)
    inputs = [_safe_error(item) if isinstance(item, ReadError) else item for item in selection.inputs]
    report = ingest_files(store, inputs, max_bytes=max_bytes, jobs=jobs, isolate=isolate, limits=limits)
    report.skipped = selection.skipped
    return report


@dataclass
class ReextractReport:
    documents: int = 0
    figures_before: int = 0
    figures_after: int = 0
    failed: list[ReadError] = field(default_factory=list)


def reextract_store(store: Store, *, on_document_done: ProgressCallback | None = None) -> ReextractReport:
    """Re-run extraction over every stored document (after the rules changed), one transaction each,
    then update stories. A killed reextract leaves each document with its old or its new extraction
    and stories owed; running it again finishes it."""
    from disclosed.extract.document import extract_all

    report = ReextractReport(figures_before=store.count_figures())
    with store.lock(RUN_LOCK, shared=True):
        for doc_id, doc in store.iter_documents():
            report.documents += 1
            try:
                extraction = extract_all(doc)
                store.replace_extraction(doc_id, extraction.figures, policies=extraction.policies,
                                         statements=extraction.statements)
                reattach(store, [doc_id])  # people's corrections laid over the new extraction
                report.figures_after += len(extraction.figures)
            except Exception as err:  # noqa: BLE001 - keep going; the old figures stay in place
                report.failed.append(ReadError(storable(doc.source),
                                               f"extraction failed ({type(err).__name__}: {err})"))
            if on_document_done:
                on_document_done(doc.name)
        report.failed.extend(refresh_stories(store))
    return report
