"""The writes the web app makes, each a call into the library's use cases (easy to repoint at `runs/`)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from disclosed.store import Store
from disclosed.store.schema import DocumentRow

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    """The last part of an uploaded file's name, reduced to letters, digits, dot, dash and underscore."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = _UNSAFE.sub("_", base).strip("._") or "upload"
    return cleaned[:120]


def ingest_upload(store: Store, filename: str, data: bytes) -> tuple[list[int], list[str]]:
    """Ingest one uploaded file (any format ingest reads) and return the ids of the documents it
    holds (new or already stored) and one-line errors."""
    try:
        from disclosed.runs.ingest import ingest_files, list_inputs  # type: ignore[import-not-found]
    except ImportError:
        from disclosed.runs.ingest import ingest_files, list_inputs
    from disclosed.read import read_file

    with store.session() as s:
        before = s.scalar(select(func.max(DocumentRow.id))) or 0
    with tempfile.TemporaryDirectory(prefix="disclosed-upload-") as folder:
        path = Path(folder) / safe_filename(filename)
        path.write_bytes(data)
        report = ingest_files(store, list_inputs([path]))
        errors = [f"{filename}: {e.reason}" if e.source == str(path) else str(e) for e in report.failed]
        shas = [item.sha256 for item in read_file(path) if hasattr(item, "sha256")]
    ids = [i for i in (store.document_id(sha) for sha in shas) if i is not None]
    with store.session() as s:
        new = list(s.scalars(select(DocumentRow.id).where(DocumentRow.id > before).order_by(DocumentRow.id)))
    return sorted(set(ids) | set(new)), errors
