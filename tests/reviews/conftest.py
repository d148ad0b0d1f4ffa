"""Review tests: documents written for them (fixtures/), a store on SQLite and on a real PostgreSQL
(tests/conftest.py)."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
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


@dataclass
class ReviewSite:
    url: str
    store: object
    docs: Path


@pytest.fixture
def review_site(tmp_path: Path, harbour: Path):
    """The real app under uvicorn on a free loopback port, over a store holding harbour.txt, with a
    viewer (vera) and two reviewers (rita, remy), all with the password PASSWORD."""
    import uvicorn

    from disclosed.runs.ingest import ingest_paths
    from disclosed.web.app import WebConfig, create_app
    from disclosed.web.auth import add_user

    store = open_store(str(tmp_path / "web.db"))
    ingest_paths(store, [harbour])
    for name, role in (("vera", "viewer"), ("rita", "reviewer"), ("remy", "reviewer")):
        add_user(store, name, PASSWORD, role)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store, WebConfig(open_reading=True)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield ReviewSite(f"http://127.0.0.1:{port}", store, harbour.parent)
    server.should_exit = True
    thread.join(10)
    store.close()


PASSWORD = "review-pass-1"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the form"
    return match.group(1)


def log_in(client: httpx.Client, name: str) -> None:
    form = client.get("/login")
    done = client.post("/login", data={"name": name, "password": PASSWORD, "csrf": csrf_of(form.text),
                                       "next": "/"})
    assert done.status_code in (200, 303), done.text
