"""The web tests start the real app under uvicorn on a free loopback port and talk to it over HTTP.

Two servers share one database: `site` reads openly (as on loopback), `locked` needs a login for
everything (as on another address without --public). The database holds the bundled examples and
the documents in tests/web/docs, and three users.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from disclosed.cli.documents import example_paths
from disclosed.runs.ingest import ingest_paths
from disclosed.store import Store, open_store
from disclosed.web.app import WebConfig, create_app
from disclosed.web.auth import add_user

DOCS = Path(__file__).parent / "docs"
PASSWORDS = {"vera": "viewer-pass-1", "rita": "reviewer-pass-1", "ada": "admin-pass-12"}
ROLES = {"vera": "viewer", "rita": "reviewer", "ada": "admin"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    store: Store

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)


class _Thread(threading.Thread):
    def __init__(self, app, port: int) -> None:
        super().__init__(daemon=True)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))

    def run(self) -> None:
        self.server.run()


def _start(app) -> tuple[_Thread, str]:
    port = free_port()
    thread = _Thread(app, port)
    thread.start()
    deadline = time.time() + 20
    while not thread.server.started:
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    return thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("web") / "web.db"))
    report = ingest_paths(
        store, [*example_paths(), *(p for p in sorted(DOCS.iterdir()) if "upload" not in p.name)]
    )
    assert report.ok, report.failed
    for name, password in PASSWORDS.items():
        add_user(store, name, password, ROLES[name])
    _track_requests(store)
    yield store
    store.close()


def _track_requests(store: Store) -> None:
    """Two FOI requests: one sent long ago (overdue), one sent today (due in about 20 working days)."""
    from datetime import date, timedelta

    from disclosed.foi import change_status, new_request
    from disclosed.store.foi import save_request

    template = "Please tell me how many staff of {authority} were disciplined over social media."
    old = new_request(
        "Cumbria Constabulary",
        title="Social media discipline 2023",
        template=template,
        on=date.today() - timedelta(days=90),
    )
    save_request(store, change_status(old, "sent", date.today() - timedelta(days=90)))
    new = new_request("Natural England", title="Social media discipline 2024", template=template)
    save_request(store, change_status(new, "sent", date.today()))


@pytest.fixture(scope="session")
def site(web_store) -> Iterator[Server]:
    thread, url = _start(create_app(web_store, WebConfig(open_reading=True)))
    yield Server(url, web_store)
    thread.server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def locked(web_store) -> Iterator[Server]:
    thread, url = _start(create_app(web_store, WebConfig(open_reading=False)))
    yield Server(url, web_store)
    thread.server.should_exit = True
    thread.join(10)


def csrf_of(html: str) -> str:
    import re

    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the form"
    return match.group(1)


def log_in(client: httpx.Client, name: str, password: str | None = None) -> httpx.Response:
    form = client.get("/login")
    return client.post(
        "/login",
        data={"name": name, "password": password or PASSWORDS[name], "csrf": csrf_of(form.text), "next": "/"},
    )
