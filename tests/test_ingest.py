"""Ingest runs: new vs already stored, failures that don't stop the run, and a kill -9 half way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from disclosed.runs.ingest import ingest_paths, reextract_store
from disclosed.store import open_store


def test_ingesting_twice_stores_everything_once(store, tmp_path, write_articles):
    write_articles(tmp_path / "docs", 6)
    first = ingest_paths(store, [tmp_path / "docs"])
    assert (first.read, first.new, first.already_stored, len(first.failed)) == (6, 6, 0, 0)
    assert first.figures > 0
    second = ingest_paths(store, [tmp_path / "docs"])
    assert (second.read, second.new, second.already_stored) == (6, 0, 6)
    assert store.count_documents() == 6


def test_the_same_content_under_another_name_is_already_stored(store, tmp_path, write_articles):
    (a,) = write_articles(tmp_path / "docs", 1)
    copy = tmp_path / "other" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(a.read_bytes().replace(b"\n", b"\r\n"))
    report = ingest_paths(store, [a, copy])
    assert (report.new, report.already_stored) == (1, 1)


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_stored(store, tmp_path, write_articles):
    good = write_articles(tmp_path / "docs", 3)
    (tmp_path / "docs" / "empty.txt").write_bytes(b"")
    (tmp_path / "docs" / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "docs" / "fake.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    huge = tmp_path / "docs" / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    report = ingest_paths(store, [tmp_path / "docs", tmp_path / "missing.txt"])
    failed = {Path(f.source).name: f.reason for f in report.failed}
    assert set(failed) == {"empty.txt", "junk.bin", "fake.pdf", "huge.txt", "missing.txt"}
    assert all("\n" not in str(f) for f in report.failed)
    assert report.new == len(good)
    assert store.count_documents() == len(good)


def test_reextract_replaces_figures_with_a_fresh_extraction(store, tmp_path, write_articles):
    write_articles(tmp_path / "docs", 3)
    ingest_paths(store, [tmp_path / "docs"])
    before = sorted((f.document, f.outcome, f.count) for f in store.figures())
    for doc_id, _ in store.iter_documents():
        store.replace_extraction(doc_id, [])
    assert store.figures() == []
    report = reextract_store(store)
    assert report.documents == 3 and not report.failed
    assert (report.figures_before, report.figures_after) == (0, len(before))
    assert sorted((f.document, f.outcome, f.count) for f in store.figures()) == before


def _stored(db: Path) -> dict[str, int]:
    """sha256 -> number of figures, read with plain sqlite3 (no help from the code under test)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT d.sha256, COUNT(f.id) FROM documents d LEFT JOIN figures f ON f.document_id = d.id "
            "GROUP BY d.id"
        ).fetchall()
        dupes = conn.execute("SELECT COUNT(*) - COUNT(DISTINCT sha256) FROM documents").fetchone()[0]
    assert dupes == 0
    return dict(rows)


def _ingest_cmd(db: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "disclosed", "ingest", str(folder), "--db", str(db)]


@pytest.mark.heavy
def test_a_run_killed_half_way_then_rerun_stores_the_same_as_a_clean_run(tmp_path, write_articles):
    folder = tmp_path / "docs"
    write_articles(folder, 400)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    open_store(str(killed_db)).close()  # schema first, so the kill lands during document writes

    proc = subprocess.Popen(_ingest_cmd(killed_db, folder), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        with sqlite3.connect(killed_db) as conn:
            stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        if stored >= 20:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    partial = _stored(killed_db)
    assert 20 <= len(partial) < 400
    subprocess.run(_ingest_cmd(clean_db, folder), check=True, capture_output=True)
    clean = _stored(clean_db)
    # every document finished before the kill is whole: same figures as in the clean run
    assert all(partial[sha] == clean[sha] for sha in partial)

    rerun = subprocess.run(_ingest_cmd(killed_db, folder), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert _stored(killed_db) == clean
    assert f"new {400 - len(partial)}" in rerun.stdout


PARALLEL_MIN_FILES = 20


@pytest.mark.heavy
def test_parallel_ingest_stores_the_same_as_sequential(tmp_path, write_articles):
    write_articles(tmp_path / "docs", PARALLEL_MIN_FILES + 6)
    (tmp_path / "docs" / "empty.txt").write_text("")
    sequential, parallel = open_store(str(tmp_path / "s.db")), open_store(str(tmp_path / "p.db"))
    one = ingest_paths(sequential, [tmp_path / "docs"], jobs=1)
    two = ingest_paths(parallel, [tmp_path / "docs"], jobs=2)
    assert (one.new, one.figures, len(one.failed)) == (two.new, two.figures, len(two.failed)) == (
        PARALLEL_MIN_FILES + 6, one.figures, 1)
    assert _stored(tmp_path / "s.db") == _stored(tmp_path / "p.db")
    again = ingest_paths(parallel, [tmp_path / "docs"], jobs=2)
    assert (again.new, again.already_stored) == (0, PARALLEL_MIN_FILES + 6)
