"""`disclosed scale extract` and `disclosed load` as a user runs them, in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from .conftest import PAGES, write_warc  # noqa: E402


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disclosed", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.mark.heavy
def test_extract_on_a_local_cluster_then_load_twice(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", PAGES)
    done = _run("scale", "extract", "crawl.warc.gz", "--output", "out", "--workers", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "documents read 6, kept 4" in done.stdout and "copy links 2" in done.stdout
    assert "Dask dashboard: http" in done.stderr
    first = _run("load", "out", "--db", "x.db", cwd=tmp_path)
    assert first.returncode == 0 and "documents 4, new 4, already stored 0" in first.stdout
    again = _run("load", "out", "--db", "x.db", cwd=tmp_path)
    assert "new 0, already stored 4" in again.stdout
    listed = _run("documents", "--db", "x.db", "--format", "jsonl", cwd=tmp_path)
    assert listed.stdout.count("\n") == 4


def test_bad_inputs_are_one_line_errors(tmp_path):
    missing = _run("load", "nowhere", "--db", "x.db", cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: nowhere: no scale output here (no documents/*.parquet)"
