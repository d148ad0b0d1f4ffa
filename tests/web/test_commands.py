"""`disclosed users add` and `disclosed serve` through the real CLI."""

from __future__ import annotations

from typer.testing import CliRunner

from disclosed.cli import app, register
from disclosed.store import open_store
from disclosed.web.auth import check_password
from disclosed.web.commands import is_loopback

runner = CliRunner()
register()


def test_users_add_list_remove(tmp_path):
    db = str(tmp_path / "u.db")
    r = runner.invoke(
        app,
        ["users", "add", "rosa", "--role", "reviewer", "--password-stdin", "--db", db],
        input="long enough pw\n",
    )
    assert r.exit_code == 0, r.output
    assert check_password(open_store(db), "rosa", "long enough pw").role == "reviewer"
    assert check_password(open_store(db), "rosa", "wrong") is None
    assert "rosa\treviewer" in runner.invoke(app, ["users", "list", "--db", db]).output
    again = runner.invoke(
        app, ["users", "add", "rosa", "--password-stdin", "--db", db], input="long enough pw\n"
    )
    assert again.exit_code != 0
    bad = runner.invoke(
        app, ["users", "add", "x", "--role", "boss", "--password-stdin", "--db", db], input="long enough pw\n"
    )
    assert bad.exit_code != 0
    assert runner.invoke(app, ["users", "remove", "rosa", "--db", db]).exit_code == 0
    assert check_password(open_store(db), "rosa", "long enough pw") is None


def test_serve_is_registered():
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--public" in r.output


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.org")


def test_disclosed_serve_runs_the_app(web_store, tmp_path):
    """The real command in its own process, on a free loopback port: reading is open there."""
    import subprocess
    import sys
    import time

    import httpx
    from tests.web.conftest import free_port

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "disclosed", "serve", "--db", web_store.url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                r = httpx.get(
                    f"http://127.0.0.1:{port}/api/figures", params={"organisation": "cumbria"}, timeout=5
                )
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.time() < deadline, "serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and len(r.json()) >= 4
    finally:
        proc.terminate()
        proc.wait(10)
