"""Run the `disclosed` command, SIGKILLing itself at a named point: `python kill_at.py POINT N -- ARGS`.

The points are functions of the real code, wrapped here (the code under test has no test hooks):
the process dies as if the machine lost power there, with no cleanup of any kind."""

from __future__ import annotations

import os
import signal
import sys


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _after(owner, name: str, n: int, *, before: bool = False) -> None:
    """Die around the n-th call of owner.name (after it returned, or just before it runs)."""
    original = getattr(owner, name)
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        if before and calls == n:
            _die()
        result = original(*args, **kwargs)
        if not before and calls == n:
            _die()
        return result

    setattr(owner, name, wrapper)


def install(point: str, n: int) -> None:
    from alembic.operations import Operations

    import disclosed.runs.stories as runs_stories
    import disclosed.store.database as database
    import disclosed.store.stories as story_store

    runs_stories.BATCH = 5  # several fingerprint transactions, so a kill can fall between them
    if point == "migration":  # after the n-th table of the first migration run
        _after(Operations, "create_table", n)
    elif point == "document":  # after the n-th document's transaction committed
        _after(database.Store, "add_document", n)
    elif point == "inside-document":  # inside the n-th document's transaction, before its commit
        _after(database, "insert_extraction", n)
    elif point == "before-stories":  # the last document stored, the stories update not begun
        _after(runs_stories, "update_stories", n, before=True)
    elif point == "fingerprints":  # after the n-th batch of fingerprints and citations
        _after(story_store, "add_fingerprints", n)
    elif point == "before-save-stories":
        _after(story_store, "save_stories", n, before=True)
    elif point == "inside-save-stories":  # stories replaced inside the last transaction, not committed
        _after(story_store, "_replace_stories", n)
    elif point == "reextract":  # after the n-th document re-extracted
        _after(database.Store, "replace_extraction", n)
    else:
        raise SystemExit(f"unknown point {point}")


if __name__ == "__main__":
    point, n, sep, *args = sys.argv[1:]
    assert sep == "--"
    install(point, int(n))
    sys.argv = ["disclosed", *args]
    from disclosed.cli import main

    main()
