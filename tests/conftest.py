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
