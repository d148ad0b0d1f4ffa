"""Shared test fixtures: a fresh SQLite store and a folder of small generated documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosed.store import Store, open_store

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
