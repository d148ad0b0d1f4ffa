"""Login, roles, CSRF, the rate limit, uploads and user management on the real server."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.web.conftest import DOCS, PASSWORDS, Server, _start, csrf_of, log_in

from disclosed.store.schema import UserRow
from disclosed.web.app import WebConfig, create_app


def test_locked_server_needs_login_for_reading(locked):
    with locked.client() as c:
        r = c.get("/figures")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert c.get("/api/figures").status_code == 401
        assert c.get("/figures?format=csv").status_code == 401
        assert c.get("/openapi.json").status_code == 401
        assert c.get("/static/style.css").status_code == 200  # the login page needs its stylesheet
        assert log_in(c, "vera").status_code == 303
        assert c.get("/figures").status_code == 200
        assert len(c.get("/api/figures").json()) > 0


def test_login_sets_a_new_httponly_session_and_logout_ends_it(site):
    with site.client() as c:
        before = c.get("/").cookies.get("disclosed_session") or c.cookies.get("disclosed_session")
        r = log_in(c, "vera")
        assert r.status_code == 303
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie
        after = c.cookies.get("disclosed_session")
        assert after and after != before  # no session fixation
        page = c.get("/")
        assert "vera (viewer)" in page.text
        assert c.post("/logout", data={"csrf": csrf_of(page.text)}).status_code == 303
        assert "vera (viewer)" not in c.get("/").text


def test_secure_cookie_behind_https(site):
    with site.client() as c:
        r = c.get("/", headers={"X-Forwarded-Proto": "https"})
        assert "secure" in r.headers["set-cookie"].lower()


def test_forms_without_the_csrf_token_are_refused(site):
    with site.client() as c:
        r = c.post("/login", data={"name": "ada", "password": PASSWORDS["ada"]})
        assert r.status_code == 403
        log_in(c, "rita")
        with open(DOCS / "natural_england_upload.txt", "rb") as fh:
            r = c.post("/upload", files={"file": ("x.txt", fh, "text/plain")}, data={"csrf": "forged"})
        assert r.status_code == 403


def test_login_rate_limit(web_store):
    thread, url = _start(create_app(web_store, WebConfig(open_reading=True)))  # its own limiter
    try:
        server = Server(url, web_store)
        with server.client() as c:
            for _ in range(5):
                assert log_in(c, "ada", "wrong password").status_code == 401
            blocked = log_in(c, "ada")  # even the right password waits now
            assert blocked.status_code == 429 and "Too many" in blocked.text
    finally:
        thread.server.should_exit = True
        thread.join(10)


def test_passwords_are_stored_as_argon2_hashes(web_store):
    with web_store.session() as s:
        hashes = dict(s.execute(select(UserRow.name, UserRow.password_hash)).all())
    for name, password in PASSWORDS.items():
        assert hashes[name].startswith("$argon2id$") and password not in hashes[name]


@pytest.mark.parametrize("who, status", [(None, 303), ("vera", 403)])
def test_upload_needs_a_reviewer(site, who, status):
    with site.client() as c:
        if who:
            log_in(c, who)
        assert c.get("/upload").status_code == status


def test_reviewer_uploads_a_document_and_sees_its_figures(site):
    with site.client() as c:
        log_in(c, "rita")
        form = c.get("/upload")
        with open(DOCS / "natural_england_upload.txt", "rb") as fh:
            r = c.post(
                "/upload",
                files={"file": ("../../etc/natural england.txt", fh, "text/plain")},
                data={"csrf": csrf_of(form.text)},
            )
        assert r.status_code == 303
        doc_url = r.headers["location"]
        page = c.get(doc_url)
        assert page.status_code == 200 and "Natural England" in page.text
        data = c.get(doc_url, params={"format": "json"}).json()
        assert data["document"]["name"] == "natural_england.txt"  # the path is dropped from the name
        assert {(f["outcome"], f["count"]) for f in data["figures"]} == {
            ("written_warning", 3),
            ("dismissed", 2),
        }
        api = c.get("/api/figures", params={"organisation": "Natural England"}).json()
        assert len(api) == 2  # the snapshot noticed the new document


def test_users_are_managed_by_admins_only(site):
    with site.client() as c:
        log_in(c, "rita")
        assert c.get("/users").status_code == 403
    with site.client() as c:
        log_in(c, "ada")
        page = c.get("/users")
        assert page.status_code == 200 and "rita" in page.text
        r = c.post(
            "/users",
            data={
                "action": "add",
                "name": "newbie",
                "password": "newbie-pass",
                "role": "reviewer",
                "csrf": csrf_of(page.text),
            },
        )
        assert r.status_code == 303
        short = c.post(
            "/users",
            data={
                "action": "add",
                "name": "x",
                "password": "short",
                "role": "viewer",
                "csrf": csrf_of(page.text),
            },
        )
        assert short.status_code == 400 and "at least 8" in short.text
    with site.client() as c:
        assert log_in(c, "newbie", "newbie-pass").status_code == 303
        assert c.get("/upload").status_code == 200


def test_login_redirect_stays_on_this_site(site):
    with site.client() as c:
        form = c.get("/login")
        r = c.post(
            "/login",
            data={
                "name": "vera",
                "password": PASSWORDS["vera"],
                "csrf": csrf_of(form.text),
                "next": "//evil.example/",
            },
        )
        assert r.headers["location"] == "/"
