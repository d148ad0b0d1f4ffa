"""An ingest run: find files, read Documents, extract figures, store each document in its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from disclosed.errors import DisclosedError, ReadError
from disclosed.model import Document
from disclosed.store import Store


@dataclass
class IngestReport:
    """What an ingest run did: documents read, newly stored, already stored, and failures."""

    read: int = 0
    new: int = 0
    already_stored: int = 0
    figures: int = 0
    failed: list[ReadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


ProgressCallback = Callable[[str], None]


def list_inputs(paths: Iterable[str | Path]) -> list[Path | ReadError]:
    """Every file under `paths` (folders walked recursively); a ReadError for each path that can't be."""
    from disclosed.read import find_files

    return list(find_files(paths))


def store_document(store: Store, doc: Document, report: IngestReport) -> None:
    """Extract a document's figures and store both; a failure is recorded, never raised."""
    from disclosed.extract import extract_document

    report.read += 1
    try:
        if store.document_id(doc.sha256) is not None:
            report.already_stored += 1
            return
        figures = extract_document(doc)
        result = store.add_document(doc, figures)
    except DisclosedError as err:
        report.failed.append(ReadError(doc.source, str(err)))
        return
    except Exception as err:  # noqa: BLE001 - a rule bug must not stop the run or lose other documents
        report.failed.append(ReadError(doc.source, f"extraction failed ({type(err).__name__}: {err})"))
        return
    if result.created:
        report.new += 1
        report.figures += result.figures
    else:
        report.already_stored += 1


def ingest_files(
    store: Store,
    inputs: Sequence[Path | ReadError],
    *,
    max_bytes: int | None = None,
    on_file_done: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest already-listed inputs (see `list_inputs`); `on_file_done(name)` is called after each file."""
    from disclosed.read import DEFAULT_MAX_BYTES, read_file

    report = IngestReport()
    for item in inputs:
        if isinstance(item, ReadError):
            report.failed.append(item)
            if on_file_done:
                on_file_done(item.source)
            continue
        for result in read_file(item, max_bytes=max_bytes or DEFAULT_MAX_BYTES):
            if isinstance(result, ReadError):
                report.failed.append(result)
            else:
                store_document(store, result, report)
        if on_file_done:
            on_file_done(str(item))
    return report


def ingest_paths(store: Store, paths: Iterable[str | Path], *, max_bytes: int | None = None) -> IngestReport:
    """Read, extract and store every document under `paths`. Re-running stores nothing twice."""
    return ingest_files(store, list_inputs(paths), max_bytes=max_bytes)


@dataclass
class ReextractReport:
    documents: int = 0
    figures_before: int = 0
    figures_after: int = 0
    failed: list[ReadError] = field(default_factory=list)


def reextract_store(store: Store, *, on_document_done: ProgressCallback | None = None) -> ReextractReport:
    """Re-run extraction over every stored document (after the rules changed), one transaction each."""
    from disclosed.extract import extract_document

    report = ReextractReport()
    for doc_id, doc in store.iter_documents():
        report.documents += 1
        report.figures_before += len(store.figures(document_id=doc_id))
        try:
            figures = extract_document(doc)
            store.replace_figures(doc_id, figures)
            report.figures_after += len(figures)
        except Exception as err:  # noqa: BLE001 - keep going; the old figures stay in place
            report.failed.append(ReadError(doc.source, f"extraction failed ({type(err).__name__}: {err})"))
        if on_document_done:
            on_document_done(doc.name)
    return report
