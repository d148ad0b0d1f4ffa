"""Every store test runs on SQLite and on a real PostgreSQL server (see tests/conftest.py)."""

from __future__ import annotations

import pytest

from disclosed.store import Store, open_store


@pytest.fixture
def store(db_url: str) -> Store:
    s = open_store(db_url)
    yield s
    s.close()
