"""Backups round trip on SQLite and PostgreSQL: restore gives back exactly what was backed up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from disclosed.errors import StoreError
from disclosed.model import Document, Figure
from disclosed.store import open_store
from disclosed.store.backup import backup, restore


def _doc(i: int) -> Document:
    return Document(text=f"Sefton Council dismissed {i} staff over Facebook posts. Case {i}.",
                    source=f"/docs/case_{i}.txt", format="text")


def _figure(doc: Document, count: int) -> Figure:
    return Figure(document=doc.name, organisation="Sefton Council", outcome="dismissed", count=count,
                  evidence="dismissed", evidence_start=0, evidence_end=9, count_text=str(count))


def _contents(store) -> tuple:
    return (sorted((d["name"], d["sha256"], d["figures"]) for d in store.documents()),
            sorted(f.model_dump_json() for f in store.figures()))


def test_a_restore_gives_back_what_was_backed_up(store, tmp_path):
    for i in range(3):
        store.add_document(_doc(i), [_figure(_doc(i), i + 1)])
    saved = _contents(store)
    archive = tmp_path / "store.backup"
    backup(store, archive)
    assert archive.stat().st_size > 0
    store.add_document(_doc(9), [_figure(_doc(9), 9)])  # changes after the backup
    first_id = store.document_id(_doc(0).sha256)
    store.replace_extraction(first_id, [])
    assert _contents(store) != saved
    restore(store, archive)
    reopened = open_store(store.url if store.dialect == "sqlite" else store.engine.url.render_as_string(
        hide_password=False))
    assert _contents(reopened) == saved
    reopened.add_document(_doc(5))  # the restored store takes writes again
    assert reopened.count_documents() == 4


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(store, tmp_path):
    store.add_document(_doc(1))
    junk = tmp_path / "junk.backup"
    junk.write_text("not a backup")
    with pytest.raises(StoreError, match="junk.backup"):
        restore(store, junk)
    assert store.count_documents() == 1


def test_the_commands_round_trip(tmp_path):
    db = tmp_path / "cli.db"
    store = open_store(str(db))
    store.add_document(_doc(1))
    store.close()
    run = [sys.executable, "-m", "disclosed"]
    made = subprocess.run([*run, "backup", str(tmp_path / "b.db"), "--db", str(db)], capture_output=True,
                          text=True)
    assert made.returncode == 0, made.stderr
    store = open_store(str(db))
    store.add_document(_doc(2))
    store.close()
    back = subprocess.run([*run, "restore", str(tmp_path / "b.db"), "--db", str(db), "--yes"],
                          capture_output=True, text=True)
    assert back.returncode == 0, back.stderr
    assert open_store(str(db)).count_documents() == 1
