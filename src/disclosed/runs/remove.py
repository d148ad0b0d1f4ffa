"""Removing documents: each with everything derived from it (figures, policy facts, statements,
fingerprints, copy links, citations), then the stories regrouped without them.

A document that people's records refer to (an FOI response attached to a request, a correction)
is kept unless forced, and the report says which records keep it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from disclosed.errors import InvalidInputError, NotFoundError
from disclosed.store import Store
from disclosed.store.document_refs import (
    DocumentRef,
    delete_documents,
    document_names,
    documents_kept_by,
    find_documents,
)


@dataclass
class RemoveReport:
    removed: list[DocumentRef] = field(default_factory=list)
    kept: list[tuple[DocumentRef, list[str]]] = field(default_factory=list)  # and the tables keeping it
    stories_updated: bool = False
    stories_error: str | None = None


def resolve_documents(store: Store, references: Sequence[str]) -> list[DocumentRef]:
    """The documents the references name (see `find_documents`), each once, in the order given.

    Raises NotFoundError naming the first reference that matches nothing, InvalidInputError for
    one that names several documents (a file name found in two folders), listing them."""
    found: dict[int, DocumentRef] = {}
    for reference in references:
        matches = find_documents(store, reference)
        if not matches:
            close = process.extract(reference, document_names(store), scorer=fuzz.WRatio, limit=3,
                                    score_cutoff=70)
            hint = "; did you mean " + " or ".join(repr(m) for m, _, _ in close) + "?" if close else ""
            raise NotFoundError(
                f"no stored document matches {reference!r}{hint} (give a short id, path, file name "
                "or row id; `disclosed documents` lists them)"
            )
        if len(matches) > 1:
            listed = ", ".join(f"{m.short_id} {m.path}" for m in matches[:5])
            raise InvalidInputError(
                "DOC", f"{reference!r} names {len(matches)} documents ({listed}); give a short id or the path"
            )
        found.setdefault(matches[0].id, matches[0])
    return list(found.values())


def remove_documents(
    store: Store, documents: Sequence[DocumentRef], *, force: bool = False, update_stories: bool = True
) -> RemoveReport:
    """Delete `documents` (one transaction) with what was derived from them; then regroup stories.

    Without `force`, documents that people's records refer to are kept and listed in `kept`.
    Stories are recomputed from scratch (`rebuild_stories`): a removed document may have been the
    link that made two others copies of one story. A failure there leaves the documents removed and
    is reported; `disclosed rebuild` redoes it."""
    report = RemoveReport()
    kept_by = documents_kept_by(store, [d.id for d in documents])
    doomed = []
    for doc in documents:
        if doc.id in kept_by and not force:
            report.kept.append((doc, kept_by[doc.id]))
        else:
            doomed.append(doc)
    delete_documents(store, [d.id for d in doomed])
    if doomed:
        from disclosed.runs.reviews import reattach

        reattach(store)  # overrides of removed figures are kept, listed as orphaned
    report.removed = doomed
    if doomed and update_stories:
        from disclosed.runs.stories import rebuild_stories

        try:
            rebuild_stories(store)
            report.stories_updated = True
        except Exception as err:  # noqa: BLE001 - the documents are gone; `disclosed rebuild` redoes this
            report.stories_error = (
                f"stories not updated ({type(err).__name__}: {err}); run `disclosed rebuild`"
            )
    return report
