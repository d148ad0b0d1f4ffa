"""SIGKILL at many points of a run (migration, documents, the stories update, reextract), then a re-run:
the store ends exactly as after one clean run, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from conftest import disclosed, snapshot

pytestmark = pytest.mark.heavy

# (point, n): the n-th call of the wrapped function (see kill_at.py). 22 points.
POINTS = [
    ("migration", 1), ("migration", 4), ("migration", 9), ("migration", 13),
    ("document", 1), ("document", 2), ("document", 5), ("document", 13), ("document", 30),
    ("inside-document", 1), ("inside-document", 7), ("inside-document", 25),
    ("before-stories", 1),
    ("fingerprints", 1), ("fingerprints", 3), ("fingerprints", 6),
    ("before-save-stories", 1), ("inside-save-stories", 1),
]


@pytest.mark.parametrize(("point", "n"), POINTS, ids=[f"{p}-{n}" for p, n in POINTS])
def test_a_killed_ingest_then_a_rerun_equals_a_clean_run(point, n, db_url, corpus, clean):
    killed = disclosed("ingest", str(corpus), "--db", db_url, kill_at=(point, n))
    assert killed.returncode == -9, f"the run was not killed at {point} {n}: {killed.stdout}{killed.stderr}"
    rerun = disclosed("ingest", str(corpus), "--db", db_url)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert snapshot(db_url) == clean


def test_a_kill_before_the_stories_update_is_repaired_by_any_command(db_url, corpus, clean):
    killed = disclosed("ingest", str(corpus), "--db", db_url, kill_at=("before-stories", 1))
    assert killed.returncode == -9
    listed = disclosed("stories", "--db", db_url)  # not an ingest: it finishes what the run owed
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert snapshot(db_url) == clean


@pytest.mark.parametrize("n", [1, 20, 40])
def test_a_killed_reextract_then_a_rerun_equals_a_clean_run(n, db_url, corpus, clean):
    assert disclosed("ingest", str(corpus), "--db", db_url).returncode == 0
    killed = disclosed("reextract", "--db", db_url, kill_at=("reextract", n))
    assert killed.returncode == -9
    again = disclosed("reextract", "--db", db_url)
    assert again.returncode == 0, again.stdout + again.stderr
    assert snapshot(db_url) == clean
