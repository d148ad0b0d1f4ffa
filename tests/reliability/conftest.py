"""The reliability suite's fixtures: the corpus, and the snapshot of one clean run of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import disclosed, make_corpus, snapshot


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def clean(tmp_path_factory) -> dict:
    """The snapshot of one clean `disclosed ingest` of the corpus into a fresh SQLite store."""
    root = tmp_path_factory.mktemp("clean")
    folder = make_corpus(root / "corpus")
    db = root / "clean.db"
    result = disclosed("ingest", str(folder), "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    return snapshot(f"sqlite:///{db}")
