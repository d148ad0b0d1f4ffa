"""The worker pool outlives its workers: one SIGKILLed mid-run, a file over the time limit, a file
over the memory limit; each is one failed file naming it, and the run goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import disclosed, snapshot
from disclosed.runs.ingest import Limits, ingest_paths
from disclosed.store import open_store

pytestmark = pytest.mark.heavy


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.extend(int(c) for c in (task / "children").read_text().split())
    return found


def _documents(url: str) -> int:
    store = open_store(url)
    try:
        return store.count_documents()
    finally:
        store.close()


def test_a_worker_killed_mid_run_fails_one_file_and_the_run_finishes(db_url, corpus, clean):
    command = [sys.executable, "-m", "disclosed", "ingest", str(corpus), "--db", db_url, "-j", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    killed = None
    while time.monotonic() < deadline and proc.poll() is None and killed is None:
        workers = [c for c in _children(proc.pid)
                   if b"pebble" in Path(f"/proc/{c}/cmdline").read_bytes()
                   or b"multiprocessing" in Path(f"/proc/{c}/cmdline").read_bytes()]
        if workers and _documents(db_url) >= 3:
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=600)
    assert killed is not None, "no worker was seen; make the corpus larger"
    assert proc.returncode in (0, 1), out + err
    died = [line for line in out.splitlines() if "worker process died" in line]
    assert len(died) <= 1  # the file it held, if it held one, named once
    rerun = disclosed("ingest", str(corpus), "--db", db_url)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert snapshot(db_url) == clean


def test_a_file_over_the_time_limit_is_one_failure_and_the_rest_is_stored(tmp_path, db_url):
    folder = tmp_path / "docs"
    folder.mkdir()
    # one 20 MB line of number-like words: far more than a second of reading and extraction
    (folder / "a_slow.txt").write_text("dismissed 12 staff; " * 1_000_000, encoding="utf-8")
    for i in range(3):
        (folder / f"b_{i}.txt").write_text(f"The Home Office dismissed {i + 3} staff over Twitter posts.",
                                           encoding="utf-8")
    store = open_store(db_url)
    started = time.monotonic()
    report = ingest_paths(store, [folder], jobs=2, isolate=True, limits=Limits(seconds=5))
    assert time.monotonic() - started < 120
    assert len(report.failed) == 1, [str(f) for f in report.failed]
    (failure,) = report.failed
    assert failure.source.endswith("a_slow.txt") and "5 s limit" in failure.reason
    assert report.new == 3 and store.count_documents() == 3


def test_a_file_over_the_memory_limit_is_one_failure_and_the_rest_is_stored(tmp_path, db_url):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a_big.txt").write_text("x" * (40 * 1024 * 1024), encoding="utf-8")  # one word, 40 MB
    (folder / "b.txt").write_text("The Home Office dismissed 3 staff over Twitter posts.", encoding="utf-8")
    store = open_store(db_url)
    report = ingest_paths(store, [folder], jobs=1, isolate=True,
                          limits=Limits(seconds=120, memory_bytes=1024 * 1024 * 1024))
    failed = {Path(f.source).name: f.reason for f in report.failed}
    assert set(failed) <= {"a_big.txt"}
    assert store.count_documents() == 1 + (0 if failed else 1)
