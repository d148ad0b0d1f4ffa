"""Loading a scale job's Parquet output into the store: a use case beside ingest, idempotent like it.

Documents are stored in the order that decides which of two copies is the earlier one
(`scale.order.order_key`, then the content hash), each with its figures, policy facts and
statements, one document per transaction; content already stored is skipped. Stories are brought
up to date once at the end, after which stories, the dataset and exports work as after an ingest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from disclosed.errors import DisclosedError, ReadError
from disclosed.model import Document, Figure, PolicyFact, Statement
from disclosed.store import Store


@dataclass
class LoadReport:
    tasks: int = 0
    documents: int = 0
    new: int = 0
    already_stored: int = 0
    figures: int = 0
    failed: list[ReadError] = field(default_factory=list)


def _store_one(store: Store, doc: Document, figures: list[Figure], policies: list[PolicyFact],
               statements: list[Statement]) -> tuple[bool, int]:
    """The one call that stores a loaded document with its extraction: (created, figures stored)."""
    added = store.add_document(doc, figures, policies=policies, statements=statements)
    if added.created:
        from disclosed.runs.reviews import reattach

        reattach(store, [added.document_id])  # people's corrections to a document stored again
    return added.created, added.figures


def _refresh_stories(store: Store) -> list[ReadError]:
    # ingest.py is moving into runs/ (the store issue): runs.stories when it has landed, else ingest
    try:
        from disclosed.runs.stories import refresh_stories
    except ImportError:
        from disclosed.runs.stories import refresh_stories
    return refresh_stories(store)


def load_output(store: Store, output: str | Path, *, update_stories: bool = True,
                on_document_done: Callable[[str], None] | None = None) -> LoadReport:
    """Store every document a scale job wrote under `output` (a folder or fsspec URL)."""
    try:
        from disclosed.scale.tables import DOCUMENT_KEY, from_rows
        from disclosed.scale.tasks import read_dataset, task_ids
    except ImportError as err:
        raise DisclosedError(f"loading needs the scale extra: pip install 'disclosed[scale]' ({err.name})"
                             ) from None
    output = str(output)
    report = LoadReport()
    try:
        tasks = task_ids(output)
    except OSError as err:
        raise DisclosedError(f"{output}: cannot list ({err})") from None
    if not tasks:
        raise DisclosedError(f"{output}: no scale output here (no documents/*.parquet)")
    report.tasks = len(tasks)
    docs: dict[str, Document] = {}
    extracted: dict[str, dict[str, list]] = defaultdict(
        lambda: {"figures": [], "policies": [], "statements": []})
    for task in tasks:
        try:
            table = read_dataset(output, "documents", task)
            for doc in from_rows("documents", table.to_pylist() if table is not None else []):
                docs.setdefault(doc.sha256, doc)
            for kind in ("figures", "policies", "statements"):
                part = read_dataset(output, kind, task)
                rows = part.to_pylist() if part is not None else []
                for row, item in zip(rows, from_rows(kind, rows), strict=True):
                    extracted[row[DOCUMENT_KEY]][kind].append(item)
        except (OSError, ValueError) as err:
            report.failed.append(ReadError(f"{output} {task}", f"cannot read ({type(err).__name__}: {err})"))
    from disclosed.scale.order import order_key

    for doc in sorted(docs.values(), key=lambda d: (order_key(d), d.sha256)):
        report.documents += 1
        if store.document_id(doc.sha256) is not None:
            report.already_stored += 1
        else:
            found = extracted.get(doc.sha256, {"figures": [], "policies": [], "statements": []})
            try:
                created, figures = _store_one(store, doc, found["figures"], found["policies"],
                                              found["statements"])
            except DisclosedError as err:
                report.failed.append(ReadError(doc.source, str(err)))
                continue
            if created:
                report.new += 1
                report.figures += figures
            else:
                report.already_stored += 1
        if on_document_done:
            on_document_done(doc.name)
    if report.new and update_stories:
        report.failed.extend(_refresh_stories(store))
    return report
