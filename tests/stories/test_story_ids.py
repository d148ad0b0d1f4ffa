"""Stored story ids stay put across updates (merges keep the oldest, others redirect), and the
stories, membership, dataset, checks and citations are tables and views any SQL client reads."""

from __future__ import annotations

import sqlite3

from disclosed.model import Document
from disclosed.runs.stories import rebuild_stories, story, update_stories
from disclosed.store import open_store
from disclosed.store import stories as story_store

from .documents import figure

FIFE = "Fife Council"


TEXTS = {
    "a.txt": "Council sacks three\n\nA Fife Council report lists the sanctions given to staff last spring.",
    "b.txt": "Warnings at the council\n\nManagers in Glenrothes explained how disciplinary hearings now run.",
    "c.txt": "Both reports in one\n\nA union newsletter compared the two sets of numbers side by side.",
}


def _add(store, name: str, counts: dict[str, int]) -> None:
    doc = Document(text=TEXTS[name], source=name, format="text")
    store.add_document(doc, [figure(name, FIFE, o, n) for o, n in counts.items()])


def _story_of(store, name: str) -> str:
    return next(s.id for s in story_store.stories(store) if name in s.documents)


def test_a_merge_keeps_the_oldest_id_and_the_other_redirects(tmp_path):
    db = tmp_path / "ids.db"
    store = open_store(str(db))
    _add(store, "a.txt", {"dismissed": 3, "verbal_warning": 12, "suspended": 2})
    update_stories(store)
    first = _story_of(store, "a.txt")
    _add(store, "b.txt", {"dismissed": 3, "written_warning": 7, "final_written_warning": 4})
    update_stories(store)
    second = _story_of(store, "b.txt")
    assert second != first and _story_of(store, "a.txt") == first  # one figure in common: apart
    _add(store, "c.txt", {"dismissed": 3, "verbal_warning": 12, "written_warning": 7})
    update_stories(store)
    (merged,) = story_store.stories(store)
    assert merged.id == first and sorted(merged.documents) == ["a.txt", "b.txt", "c.txt"]
    assert story(store, second).id == first  # the merged id still finds the story
    rebuild_stories(store)  # a rebuild from scratch keeps the ids too
    assert [s.id for s in story_store.stories(store)] == [first]

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT old_id, story_id FROM story_redirects").fetchall() == [(second, first)]
        members = conn.execute("SELECT document FROM story_membership WHERE story_id = ? "
                               "ORDER BY document", (first,)).fetchall()
        assert members == [("a.txt",), ("b.txt",), ("c.txt",)]
        rows = conn.execute("SELECT organisation, outcome, count, status FROM dataset_rows "
                            "WHERE outcome = 'dismissed'").fetchall()
        assert rows == [(FIFE, "dismissed", 3, "agreed")]
        assert conn.execute("SELECT count(*) FROM dataset_checks").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM citations").fetchone() == (0,)


def test_publication_date_source_is_stored(tmp_path):
    store = open_store(str(tmp_path / "d.db"))
    doc = Document(text="x", source="x.txt", format="text", published_from="dateline")
    store.add_document(doc, [])
    ((_, stored),) = list(store.iter_documents())
    assert stored.published_from == "dateline"
