"""How listings name documents: a short id (the start of the content hash) plus the path or URL.

Machine formats (json, jsonl, csv) keep `document` (the file name) and add `document_id` (the
short id) and `path`; tables show `doc` (the short id) and `path`, cut at the start to fit
("…/folder/response.txt"), so two files of the same name in different folders can be told apart."""

from __future__ import annotations

import os
from typing import Any

from disclosed.cli.output import DocCell
from disclosed.store import Store
from disclosed.store.document_refs import DocumentRef, document_refs
from disclosed.store.document_refs import short_id as short_id


def with_document(row: dict[str, Any], ref: DocumentRef | None, *, table: bool = False) -> dict[str, Any]:
    """`row` with document_id (the short id) and path added. Tables show them as the `doc` and
    `path` columns (the path cut at the start to fit, so the file name stays)."""
    row["document_id"] = ref.short_id if ref else None
    row["path"] = ref.path if ref else row.get("document")
    if table:
        row["doc"] = doc_cell(row["document_id"] or "", row["path"] or "")
    return row


def doc_cell(document_id: str, path: str) -> DocCell:
    """The `doc` cell of a table: short id and path, relative to the current folder when under it."""
    if "://" not in path and os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:
            pass
        else:
            path = path if not path.startswith("..") else os.path.abspath(path)
    return DocCell(document_id, path)


class Refs:
    """The store's documents by row id, loaded once per command."""

    def __init__(self, store: Store) -> None:
        self.by_id = document_refs(store)

    def get(self, document_id: int) -> DocumentRef | None:
        return self.by_id.get(document_id)


def one_document(store: Store, reference: str) -> DocumentRef:
    """The one document `reference` names, or a one-line error (none, or several: which ones)."""
    from disclosed.runs.remove import resolve_documents

    return resolve_documents(store, [reference])[0]
