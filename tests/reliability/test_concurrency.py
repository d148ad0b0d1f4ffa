"""Four ingests of the same folder at once into a fresh database: every process exits 0 and the store
ends as one clean run would (migrations, documents and the stories update all raced)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import snapshot

pytestmark = pytest.mark.heavy


@pytest.mark.parametrize("attempt", [1, 2])
def test_four_concurrent_ingests_end_identical_to_one_clean_run(attempt, db_url, corpus, clean):
    env = {**os.environ, "COLUMNS": "200"}
    command = [sys.executable, "-m", "disclosed", "ingest", str(corpus), "--db", db_url, "-j", "1"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(4)]
    outputs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    assert snapshot(db_url) == clean
