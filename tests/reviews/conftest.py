"""Review tests: documents written for them (fixtures/), a store on SQLite and on a real PostgreSQL
(tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from disclosed.runs import open_store

# harbour.txt holds three figures the extractor reads: six officers dismissed and nine police staff
# warned (both Northshire Police), fewer than five DWP resignations. harbour_rewritten.txt is the
# same article after its publisher rewrote it: the warnings paragraph is gone.
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def store(db_url: str):
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    return Path(shutil.copy(FIXTURES / "harbour.txt", folder / "harbour.txt"))


@pytest.fixture
def rewrite():
    """Rewrite a copy of harbour.txt as its publisher did: the warnings paragraph removed."""
    def _rewrite(path: Path) -> None:
        shutil.copy(FIXTURES / "harbour_rewritten.txt", path)
    return _rewrite
