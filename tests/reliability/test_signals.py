"""Ctrl-C and SIGTERM during an ingest: one line, exit 130/143, no traceback, workers ended, and a
re-run finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_support import disclosed, snapshot

from disclosed.store import open_store

pytestmark = pytest.mark.heavy


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_run_cleanly_and_a_rerun_continues(signum, code, db_url, corpus, clean):
    command = [sys.executable, "-m", "disclosed", "ingest", str(corpus), "--db", db_url, "-j", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 300
    sent = False
    while time.monotonic() < deadline and proc.poll() is None:
        workers |= _children(proc.pid)
        store = open_store(db_url, migrate=False) if workers else None
        try:
            stored = store.count_documents() if store else 0
        except Exception:  # noqa: BLE001 - the schema may not exist yet
            stored = 0
        finally:
            if store:
                store.close()
        if stored >= 3:
            os.kill(proc.pid, signum)
            sent = True
            break
        time.sleep(0.05)
    out, err = proc.communicate(timeout=120)
    assert sent, "the run ended before the signal; make the corpus larger"
    assert proc.returncode == code, out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("interrupted: ") and lines[0].endswith(
        " documents stored; run again to continue"), err
    assert "Traceback" not in out + err
    time.sleep(1)
    assert workers and not [pid for pid in workers if _alive(pid)]
    rerun = disclosed("ingest", str(corpus), "--db", db_url)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert snapshot(db_url) == clean
