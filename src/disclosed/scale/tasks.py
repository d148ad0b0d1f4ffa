"""One task of a scale job, run in a Dask worker: read its files, keep the relevant documents,
extract them with the library's `extract_all`, fingerprint them for near-duplicates, and write one
Parquet file per dataset named by the task.

Each file is written under a temporary name and renamed into place, and a task's `documents` file
is written last: a task killed half-way leaves nothing a reader takes for output, and its retry
overwrites whatever it had written. Never raises for bad input: what can't be read is a row of the
`errors` dataset, named by file and, in a WARC, by URL.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from disclosed.errors import ReadError
from disclosed.model import Document
from disclosed.read import DEFAULT_MAX_BYTES, read_bytes, read_file
from disclosed.read.detect import looks_like_warc
from disclosed.scale.inputs import Task, local_path
from disclosed.scale.prefilter import is_relevant
from disclosed.scale.tables import to_table
from disclosed.stories import DEFAULT_COPY_SETTINGS, CopyIndex, CopySettings

# The datasets a job writes, one folder each; `documents` last, as it marks a task complete.
DATASETS = ("errors", "fingerprints", "figures", "policies", "statements", "documents")
FINGERPRINT_SCHEMA = pa.schema([
    ("sha256", pa.string()), ("name", pa.string()), ("published", pa.string()),
    ("retrieved", pa.string()), ("source", pa.string()),
    ("shingles", pa.binary()), ("signature", pa.binary()),
])
ERROR_SCHEMA = pa.schema([("task", pa.string()), ("source", pa.string()), ("reason", pa.string())])


@dataclass
class TaskReport:
    """What one task did; `errors` are (source, reason)."""

    task: str
    read: int = 0
    kept: int = 0
    figures: int = 0
    policies: int = 0
    statements: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


def _read_remote(url: str, max_bytes: int) -> Iterator[Document | ReadError]:
    """The documents of a file named by an fsspec URL: a WARC is copied to a local temporary file and
    read there (its pages keep the URL as their container); any other file is read from bytes."""
    import fsspec

    try:
        with fsspec.open(url, "rb") as stream:
            head = stream.read(4096)
            if not looks_like_warc(head):
                data = head + stream.read(max(0, max_bytes + 1 - len(head)))
                if len(data) > max_bytes:
                    yield ReadError(url, "too large for the size limit")
                    return
                yield read_bytes(data, url)
                return
            with tempfile.NamedTemporaryFile(suffix=".warc") as local:
                local.write(head)
                shutil.copyfileobj(stream, local)
                local.flush()
                for item in read_file(local.name, max_bytes=max_bytes):
                    if isinstance(item, ReadError):
                        yield ReadError(item.source.replace(local.name, url), item.reason)
                    else:
                        yield item.model_copy(update={"container": url})
    except ReadError as err:
        yield err
    except (OSError, ValueError, ImportError) as err:
        yield ReadError(url, f"cannot read ({type(err).__name__}: {err})")


def read_documents(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """The documents of one input file, local (a path or file:// URL) or named by any fsspec URL."""
    local = local_path(path)
    if local is not None:
        yield from read_file(local, max_bytes=max_bytes)
    else:
        yield from _read_remote(path, max_bytes)


def _write(fs: Any, folder: str, name: str, table: pa.Table) -> None:
    fs.makedirs(folder, exist_ok=True)
    final = f"{folder}/{name}.parquet"
    temporary = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
    with fs.open(temporary, "wb") as out:
        pq.write_table(table, out)
    fs.mv(temporary, final)


def run_task(task: Task, output: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
             copy_settings: CopySettings = DEFAULT_COPY_SETTINGS) -> TaskReport:
    """Run `task` and write its datasets under `output` (a local folder or an fsspec URL)."""
    import fsspec

    from disclosed.extract.document import extract_all

    report = TaskReport(task.id)
    docs: list[Document] = []
    figures, policies, statements = [], [], []
    fig_keys: list[str] = []
    pol_keys: list[str] = []
    st_keys: list[str] = []
    for path in task.paths:
        for item in read_documents(path, max_bytes):
            if isinstance(item, ReadError):
                report.errors.append((item.source, item.reason))
                continue
            report.read += 1
            if not is_relevant(item):
                continue
            try:
                extraction = extract_all(item)
            except Exception as err:  # noqa: BLE001 - a rule bug must not stop the task, as in ingest
                report.errors.append((item.source, f"extraction failed ({type(err).__name__}: {err})"))
                continue
            docs.append(item)
            figures.extend(extraction.figures)
            fig_keys.extend([item.sha256] * len(extraction.figures))
            policies.extend(extraction.policies)
            pol_keys.extend([item.sha256] * len(extraction.policies))
            statements.extend(extraction.statements)
            st_keys.extend([item.sha256] * len(extraction.statements))
    report.kept = len(docs)
    report.figures, report.policies, report.statements = len(figures), len(policies), len(statements)

    fingerprints = CopyIndex(copy_settings).fingerprints([d.text for d in docs])
    tables = {
        "errors": pa.Table.from_pylist(
            [{"task": task.id, "source": s, "reason": r} for s, r in report.errors], schema=ERROR_SCHEMA),
        "fingerprints": pa.Table.from_pylist([
            {"sha256": d.sha256, "name": d.name,
             "published": d.published.isoformat() if d.published else None,
             "retrieved": d.retrieved.isoformat() if d.retrieved else None,
             "source": d.source, "shingles": fp.shingles_bytes(), "signature": fp.signature_bytes()}
            for d, fp in zip(docs, fingerprints, strict=True)
        ], schema=FINGERPRINT_SCHEMA),
        "figures": to_table("figures", figures, fig_keys),
        "policies": to_table("policies", policies, pol_keys),
        "statements": to_table("statements", statements, st_keys),
        "documents": to_table("documents", docs),
    }
    fs, root = fsspec.core.url_to_fs(output)
    root = root.rstrip("/") if root not in ("/", "") else root
    for name in DATASETS:
        _write(fs, f"{root}/{name}", task.id, tables[name])
    return report


def task_ids(output: str) -> list[str]:
    """The tasks whose output is complete under `output` (their `documents` file is in place)."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(output)
    folder = f"{root.rstrip('/')}/documents"
    if not fs.isdir(folder):
        return []
    names = [os.path.basename(p) for p in fs.ls(folder, detail=False)]
    return sorted(n[: -len(".parquet")] for n in names if n.endswith(".parquet") and not n.startswith("."))


def read_dataset(output: str, name: str, task: str) -> pa.Table | None:
    """One task's table of dataset `name`, or None when that file is absent."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(output)
    path = f"{root.rstrip('/')}/{name}/{task}.parquet"
    if not fs.exists(path):
        return None
    with fs.open(path, "rb") as stream:
        return pq.read_table(stream)
