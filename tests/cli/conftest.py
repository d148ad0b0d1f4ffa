"""Running the real `disclosed` command in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def run(tmp_path: Path):
    def _run(*args: str, db: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "disclosed", *args]
        if db is not None:
            cmd += ["--db", str(db)]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd or tmp_path, timeout=300)

    return _run
