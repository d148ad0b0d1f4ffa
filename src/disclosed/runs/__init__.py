"""Use cases above the store: an ingest run, a rebuild, removing documents, attaching a response.

Each use case is one transaction, or a documented sequence of them that a re-run completes. The
store below speaks only SQL; the CLI and the web app above call these.
"""

from __future__ import annotations

from disclosed.store import Store
from disclosed.store import open_store as _open

# Held shared by every run that changes documents (an ingest, a reextract), so other commands can
# tell work owed by a run still going (left to it) from work a dead run left behind (finished now).
RUN_LOCK = "run"


def open_store(db: str | None = None) -> Store:
    """Open the store (migrated, see disclosed.store.open_store) and finish what an earlier run owes:
    stories not updated after its documents, when no run is going on. A failure to finish is left
    for the next command; the documents are never touched by it."""
    from disclosed.runs.stories import finish_owed_work

    store = _open(db)
    if store.owed() is not None:
        with store.lock(RUN_LOCK, wait=False) as no_run_going:
            if no_run_going:
                finish_owed_work(store)
    return store
