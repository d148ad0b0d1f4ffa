"""The web app: FastAPI routes over the views, Jinja2 pages, the JSON API, exports, login and uploads.

`create_app(store, open_reading=...)` builds it; `disclosed serve` runs it with uvicorn. Pages answer
HTML, and the same data as JSON with `?format=json` (list pages also `?format=csv`); `/api/...` is the
JSON API described at `/openapi.json` and browsable at `/docs` (Swagger UI served from this app).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from disclosed.store import Store
from disclosed.web import auth, views
from disclosed.web.charts import to_png
from disclosed.web.queries import SnapshotCache, document_text, document_texts
from disclosed.web.records import (
    DOCUMENT_COLUMNS,
    FIGURE_COLUMNS,
    POLICY_COLUMNS,
    REQUEST_COLUMNS,
    ROW_COLUMNS,
    STATEMENT_COLUMNS,
    STORY_COLUMNS,
    document_record,
    policy_record,
    statement_record,
    story_record,
    to_csv,
    to_json,
)

HERE = FilePath(__file__).parent
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Swagger UI sets inline styles on its widgets; only the /docs page allows them.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PUBLIC_PATHS = ("/login", "/static/", "/foi/calendar/", "/favicon.ico")
Format = Literal["html", "json", "csv"]
MAX_ID = 2**62  # database ids: larger numbers are not ids (and would overflow SQLite's integer)
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
DEFAULT_LIMIT = 1000
Limit = Annotated[int, Query(ge=1, le=100_000, description="at most this many records")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="skip this many records first")]


@dataclass
class WebConfig:
    open_reading: bool = True  # reading without logging in (loopback, or --public)
    title: str = "disclosed"


def create_app(store: Store, config: WebConfig | None = None) -> FastAPI:
    config = config or WebConfig()
    app = FastAPI(
        title="disclosed",
        version="1",
        docs_url=None,
        redoc_url=None,
        description="FOI disclosures and press coverage of UK public servants disciplined for "
        "social-media misuse: documents, figures with their evidence, the reconciled "
        "dataset, stories, policy facts, statements and FOI requests.",
    )
    cache = SnapshotCache(store)
    sessions = auth.Sessions()
    limiter = auth.LoginLimiter()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["site_title"] = config.title
    app.state.store, app.state.cache, app.state.sessions = store, cache, sessions
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/static/swagger", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # -- middleware: session, login gate, security headers ----------------------------------------

    @app.middleware("http")
    async def security(request: Request, call_next):
        session = sessions.get(request.cookies.get(auth.SESSION_COOKIE))
        fresh = session is None
        if fresh:
            session = sessions.new()
        request.state.session = session
        path = request.url.path
        if not config.open_reading and session.user is None and not path.startswith(PUBLIC_PATHS):
            if (
                path.startswith("/api/")
                or path == "/openapi.json"
                or request.query_params.get("format") in ("json", "csv")
            ):
                response: Response = JSONResponse({"detail": "log in first"}, status_code=401)
            else:
                response = RedirectResponse("/login?" + urlencode({"next": path}), status_code=303)
        else:
            response = await call_next(request)
        if fresh:
            _set_cookie(request, response, session.token)
        response.headers["Content-Security-Policy"] = DOCS_CSP if path == "/docs" else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def page(request: Request, template: str, context: dict, status_code: int = 200) -> HTMLResponse:
        session: auth.Session = request.state.session
        return templates.TemplateResponse(
            request,
            template,
            {
                "user": session.user,
                "csrf": session.csrf,
                "query": dict(request.query_params),
                **context,
            },
            status_code=status_code,
        )

    def answer(
        request: Request,
        fmt: str | None,
        template: str,
        context: dict,
        records: list[dict] | None = None,
        columns: list[str] | None = None,
        name: str = "export",
        whole_json: bool = False,
    ) -> Response:
        if fmt == "json":
            body = (
                to_json(records)
                if records is not None and not whole_json
                else json.dumps(context, ensure_ascii=False, default=str)
            )
            return Response(body, media_type="application/json")
        if fmt == "csv":
            if records is None or columns is None:
                raise HTTPException(400, "this page has no CSV export")
            return Response(
                to_csv(records, columns),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
            )
        return page(request, template, context)

    def export_links(request: Request) -> dict:
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        return {f: f"{request.url.path}?{urlencode({**params, 'format': f})}" for f in ("csv", "json")}

    def need(request: Request, role: str) -> auth.User:
        user = request.state.session.user
        if user is None:
            raise HTTPException(401, "log in first")
        if not user.can(role):
            raise HTTPException(403, f"needs the {role} role")
        return user

    def check_csrf(request: Request, token: str | None) -> None:
        if not auth.same_token(token, request.state.session.csrf):
            raise HTTPException(403, "the form has expired: reload the page and try again")

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"{what} not found")

    # -- pages --------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request, format: Format | None = None) -> Response:
        snap = cache.get()
        data = snap.memo(("overview",), lambda: views.overview(snap))
        return answer(request, format, "overview.html", data)

    @app.get("/organisations", response_class=HTMLResponse, include_in_schema=False)
    def organisations(request: Request, format: Format | None = None) -> Response:
        records = views.organisations(cache.get())
        return answer(
            request,
            format,
            "organisations.html",
            {"organisations": records, "export_links": export_links(request)},
            records,
            ["name", "figures", "dataset_rows"],
            "organisations",
        )

    @app.get("/organisations/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def organisation(request: Request, name: str, format: Format | None = None) -> Response:
        snap = cache.get()
        data = snap.memo(("organisation", name), lambda: views.organisation_page(snap, name))
        if data is None:
            raise not_found(f"organisation {name!r}")
        if format == "csv":
            return answer(request, format, "", {}, data["dataset_rows"], ROW_COLUMNS, "dataset")
        return answer(request, format, "organisation.html", data)

    @app.get("/dataset", response_class=HTMLResponse, include_in_schema=False)
    def dataset(
        request: Request,
        organisation: str | None = None,
        outcome: str | None = None,
        status: str | None = None,
        topic: str | None = "social_media",
        year: int | None = None,
        format: Format | None = None,
    ) -> Response:
        rows = views.dataset_rows(
            cache.get(),
            organisation=organisation,
            outcome=outcome,
            status=status,
            topic=topic or None,
            year=year,
        )
        return answer(
            request,
            format,
            "dataset.html",
            {"rows": rows, "export_links": export_links(request)},
            rows,
            ROW_COLUMNS,
            "dataset",
        )

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures(
        request: Request,
        organisation: str | None = None,
        outcome: str | None = None,
        platform: str | None = None,
        year: int | None = None,
        status: str | None = None,
        topic: str | None = None,
        document_id: OptionalId = None,
        format: Format | None = None,
    ) -> Response:
        flt = views.FigureFilters(organisation, outcome, platform, year, status, topic, document_id)
        records = views.figures_list(cache.get(), flt)
        return answer(
            request,
            format,
            "figures.html",
            {"figures": records, "export_links": export_links(request)},
            records,
            FIGURE_COLUMNS,
            "figures",
        )

    @app.get("/figures/{figure_id}", response_class=HTMLResponse, include_in_schema=False)
    def figure(request: Request, figure_id: RowId, format: Format | None = None) -> Response:
        data = _figure_data(figure_id)
        return answer(request, format, "figure.html", data)

    def _figure_data(figure_id: int) -> dict:
        snap = cache.get()
        texts = document_texts(store, views.figure_documents(snap, figure_id))
        data = views.figure_page(snap, figure_id, texts)
        if data is None:
            raise not_found(f"figure {figure_id}")
        return data

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request, format: Format | None = None) -> Response:
        snap = cache.get()
        records = [document_record(snap, i) for i in sorted(snap.documents)]
        return answer(
            request,
            format,
            "documents.html",
            {"documents": records, "export_links": export_links(request)},
            records,
            DOCUMENT_COLUMNS,
            "documents",
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, doc_id: RowId, format: Format | None = None) -> Response:
        data = _document_data(doc_id)
        return answer(request, format, "document.html", data | {"text_html": Markup(data["text_html"])})

    def _document_data(doc_id: int) -> dict:
        text = document_text(store, doc_id)
        data = views.document_page(cache.get(), doc_id, text or "") if text is not None else None
        if data is None:
            raise not_found(f"document {doc_id}")
        return data

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories(request: Request, format: Format | None = None) -> Response:
        records = [story_record(s) for s in cache.get().stories]
        return answer(
            request,
            format,
            "stories.html",
            {"stories": records, "export_links": export_links(request)},
            records,
            STORY_COLUMNS,
            "stories",
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(request: Request, story_id: str, format: Format | None = None) -> Response:
        data = views.story_page(cache.get(), story_id)
        if data is None:
            raise not_found(f"story {story_id!r}")
        return answer(request, format, "story.html", data)

    @app.get("/policies", response_class=HTMLResponse, include_in_schema=False)
    def policies(request: Request, organisation: str | None = None, format: Format | None = None) -> Response:
        records = _policies(organisation)
        return answer(
            request,
            format,
            "policies.html",
            {"policies": records, "export_links": export_links(request)},
            records,
            POLICY_COLUMNS,
            "policies",
        )

    def _policies(organisation: str | None) -> list[dict]:
        org = (organisation or "").casefold()
        return [
            policy_record(sp)
            for sp in cache.get().policies.values()
            if org in sp.policy.organisation.casefold()
        ]

    @app.get("/statements", response_class=HTMLResponse, include_in_schema=False)
    def statements(
        request: Request,
        organisation: str | None = None,
        speaker: str | None = None,
        format: Format | None = None,
    ) -> Response:
        records = _statements(organisation, speaker)
        return answer(
            request,
            format,
            "statements.html",
            {"statements": records, "export_links": export_links(request)},
            records,
            STATEMENT_COLUMNS,
            "statements",
        )

    def _statements(organisation: str | None, speaker: str | None) -> list[dict]:
        org, who = (organisation or "").casefold(), (speaker or "").casefold()
        return [
            statement_record(ss)
            for ss in cache.get().statements.values()
            if org in (ss.statement.speaker_organisation or "").casefold()
            and who in (ss.statement.speaker or "").casefold()
        ]

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people(request: Request, format: Format | None = None) -> Response:
        records = views.people_list(cache.get())
        return answer(
            request,
            format,
            "people.html",
            {"people": records, "export_links": export_links(request)},
            records,
            ["name", "variants", "organisations", "documents", "statements"],
            "people",
        )

    @app.get("/people/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def person(request: Request, name: str, format: Format | None = None) -> Response:
        data = views.person_page(cache.get(), name)
        if data is None:
            raise not_found(f"person {name!r}")
        return answer(request, format, "person.html", data)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(
        request: Request,
        q: str = "",
        organisation: str | None = None,
        outcome: str | None = None,
        platform: str | None = None,
        year: int | None = None,
        status: str | None = None,
        format: Format | None = None,
    ) -> Response:
        flt = views.FigureFilters(organisation, outcome, platform, year, status)
        data = views.search(cache.get(), q, flt)
        data["export_links"] = export_links(request)
        data["facet_links"] = _facet_links(request, data["facets"])
        return answer(
            request, format, "search.html", data, data["results"], DOCUMENT_COLUMNS, "search", whole_json=True
        )

    def _facet_links(request: Request, facets: dict) -> dict:
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        out = {}
        for facet, values in facets.items():
            out[facet] = []
            for value, n in values:
                chosen = params.get(facet) == str(value)
                new = {k: v for k, v in params.items() if k != facet} | (
                    {} if chosen else {facet: str(value)}
                )
                out[facet].append(
                    {"value": value, "count": n, "chosen": chosen, "href": "/search?" + urlencode(new)}
                )
        return out

    @app.get("/foi", response_class=HTMLResponse, include_in_schema=False)
    def foi(request: Request, format: Format | None = None) -> Response:
        data = _foi_data()
        data["calendar_url"] = str(request.url_for("calendar", token=auth.calendar_token(store)))
        data["export_links"] = export_links(request)
        return answer(
            request,
            format,
            "foi.html",
            data,
            data["requests"],
            REQUEST_COLUMNS,
            "foi_requests",
            whole_json=True,
        )

    def _foi_data() -> dict:
        from disclosed.store.foi import list_requests

        return views.foi_page(list_requests(store), date.today())

    @app.get("/foi/calendar/{token}.ics", name="calendar", include_in_schema=False)
    def calendar(token: str) -> Response:
        from disclosed.foi import deadlines_calendar
        from disclosed.store.foi import list_requests

        if not auth.same_token(token, auth.calendar_token(store)):
            raise not_found("calendar")
        return Response(deadlines_calendar(list_requests(store)), media_type="text/calendar; charset=utf-8")

    # -- charts -------------------------------------------------------------------------------------

    @app.get("/charts/outcomes.{ext}", include_in_schema=False)
    def outcomes_chart(ext: Literal["svg", "png"]) -> Response:
        snap = cache.get()
        svg = snap.memo(("chart",), lambda: views.overview_chart(snap))
        return _chart(svg, ext, "outcomes-by-organisation")

    @app.get("/charts/organisation.{ext}", include_in_schema=False)
    def organisation_chart(ext: Literal["svg", "png"], name: str) -> Response:
        snap = cache.get()
        svg = snap.memo(("chart", name), lambda: views.organisation_chart(snap, name))
        return _chart(svg, ext, "organisation")

    def _chart(svg: str, ext: str, name: str) -> Response:
        headers = {"Content-Disposition": f'inline; filename="{name}.{ext}"'}
        if ext == "png":
            return Response(to_png(svg), media_type="image/png", headers=headers)
        return Response(svg, media_type="image/svg+xml", headers=headers)

    # -- login, upload, users -----------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, next: str = "/") -> Response:
        return page(request, "login.html", {"next": _safe_next(next), "error": None})

    @app.post("/login", response_class=HTMLResponse, include_in_schema=False)
    def login(
        request: Request,
        name: Annotated[str, Form()],
        password: Annotated[str, Form()],
        csrf: Annotated[str, Form()] = "",
        next: Annotated[str, Form()] = "/",
    ) -> Response:
        check_csrf(request, csrf)
        client = request.client.host if request.client else "?"
        keys = (f"ip:{client}", f"name:{name.casefold()}")
        if limiter.blocked(*keys):
            return page(
                request,
                "login.html",
                {"next": _safe_next(next), "error": "Too many failed attempts: wait a few minutes."},
                status_code=429,
            )
        user = auth.check_password(store, name, password)
        if user is None:
            limiter.failed(*keys)
            return page(
                request,
                "login.html",
                {"next": _safe_next(next), "error": "Wrong name or password."},
                status_code=401,
            )
        sessions.drop(request.state.session.token)
        session = sessions.new(user)
        response = RedirectResponse(_safe_next(next), status_code=303)
        _set_cookie(request, response, session.token)
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
        check_csrf(request, csrf)
        sessions.drop(request.state.session.token)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
        return response

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> Response:
        need(request, "reviewer")
        return page(request, "upload.html", {"error": None})

    @app.post("/upload", include_in_schema=False)
    async def upload(
        request: Request, file: Annotated[UploadFile, File()], csrf: Annotated[str, Form()] = ""
    ) -> Response:
        check_csrf(request, csrf)
        need(request, "reviewer")
        data = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            return page(
                request,
                "upload.html",
                {"error": f"{file.filename}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"},
                status_code=413,
            )
        from disclosed.web.actions import ingest_upload

        ids, errors = ingest_upload(store, file.filename or "upload", data)
        cache.invalidate()
        if errors and not ids:
            return page(request, "upload.html", {"error": "; ".join(errors)}, status_code=422)
        return RedirectResponse(f"/documents/{ids[0]}", status_code=303)

    @app.get("/users", response_class=HTMLResponse, include_in_schema=False)
    def users(request: Request) -> Response:
        need(request, "admin")
        return page(
            request, "users.html", {"users": auth.list_users(store), "roles": auth.ROLES, "error": None}
        )

    @app.post("/users", response_class=HTMLResponse, include_in_schema=False)
    def users_change(
        request: Request,
        action: Annotated[str, Form()],
        name: Annotated[str, Form()],
        password: Annotated[str, Form()] = "",
        role: Annotated[str, Form()] = "viewer",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        check_csrf(request, csrf)
        admin = need(request, "admin")
        error = None
        try:
            if action == "add":
                auth.add_user(store, name, password, role)
            elif action == "remove" and name != admin.name:
                auth.remove_user(store, name)
            else:
                error = "You cannot remove yourself." if action == "remove" else f"unknown action {action!r}"
        except auth.UserError as err:
            error = str(err)
        if error:
            return page(
                request,
                "users.html",
                {"users": auth.list_users(store), "roles": auth.ROLES, "error": error},
                status_code=400,
            )
        return RedirectResponse("/users", status_code=303)

    # -- interactive API docs, served locally -------------------------------------------------------

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    @app.get("/docs/openapi.json", include_in_schema=False)
    def docs_schema() -> JSONResponse:
        # The bundled Swagger UI (4.x) reads only OpenAPI 3.0 documents; FastAPI writes 3.1. The same
        # document, relabelled, renders correctly there; /openapi.json stays the real 3.1 document.
        return JSONResponse({**app.openapi(), "openapi": "3.0.3"})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Response:
        return page(request, "docs.html", {})

    # -- JSON API -----------------------------------------------------------------------------------

    @app.get("/api/documents", tags=["documents"], summary="Stored documents (no text)")
    def api_documents() -> list[dict]:
        snap = cache.get()
        return [document_record(snap, i) for i in sorted(snap.documents)]

    @app.get(
        "/api/documents/{doc_id}",
        tags=["documents"],
        summary="A document: its text, figures, policy facts and statements",
    )
    def api_document(doc_id: RowId) -> dict:
        return _document_data(doc_id)

    @app.get("/api/figures", tags=["figures"], summary="Extracted figures, filtered")
    def api_figures(
        organisation: str | None = None,
        outcome: str | None = None,
        platform: str | None = None,
        year: Annotated[int | None, Query(ge=0, le=9999)] = None,
        status: Literal["agreed", "single_source", "conflicting"] | None = None,
        topic: str | None = None,
        document_id: OptionalId = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> list[dict]:
        flt = views.FigureFilters(organisation, outcome, platform, year, status, topic, document_id)
        return views.figures_list(cache.get(), flt, offset, limit)

    @app.get(
        "/api/figures/{figure_id}",
        tags=["figures"],
        summary="A figure with its status, attribution and every supporting document's evidence",
    )
    def api_figure(figure_id: RowId) -> dict:
        return _figure_data(figure_id)

    @app.get("/api/dataset", tags=["dataset"], summary="Reconciled dataset rows")
    def api_dataset(
        organisation: str | None = None,
        outcome: str | None = None,
        status: Literal["agreed", "single_source", "conflicting"] | None = None,
        topic: str | None = "social_media",
        year: Annotated[int | None, Query(ge=0, le=9999)] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> list[dict]:
        rows = views.dataset_rows(
            cache.get(),
            organisation=organisation,
            outcome=outcome,
            status=status,
            topic=topic or None,
            year=year,
        )
        return rows[offset : offset + limit]

    @app.get("/api/checks", tags=["dataset"], summary="Consistency checks that fail")
    def api_checks() -> list[dict]:
        return [c.model_dump(mode="json") for c in cache.get().dataset.checks]

    @app.get("/api/stories", tags=["stories"], summary="Stories: documents reporting the same disclosure")
    def api_stories() -> list[dict]:
        return [story_record(s) for s in cache.get().stories]

    @app.get(
        "/api/stories/{story_id}", tags=["stories"], summary="A story with its documents, figures, checks"
    )
    def api_story(story_id: str) -> dict:
        data = views.story_page(cache.get(), story_id)
        if data is None:
            raise not_found(f"story {story_id!r}")
        return data

    @app.get("/api/policies", tags=["facts"], summary="Policy facts")
    def api_policies(organisation: str | None = None) -> list[dict]:
        return _policies(organisation)

    @app.get("/api/statements", tags=["facts"], summary="Statements")
    def api_statements(organisation: str | None = None, speaker: str | None = None) -> list[dict]:
        return _statements(organisation, speaker)

    @app.get("/api/requests", tags=["foi"], summary="FOI requests with their next deadline")
    def api_requests() -> list[dict]:
        return _foi_data()["requests"]

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        wants_json = request.url.path.startswith("/api/") or request.query_params.get("format") in (
            "json",
            "csv",
        )
        if wants_json:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        if exc.status_code == 401:
            return RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=303)
        return page(
            request,
            "error.html",
            {"status": exc.status_code, "message": exc.detail},
            status_code=exc.status_code,
        )

    from disclosed.web.reviews import add_review_routes  # the review queue, history and export

    add_review_routes(app, store, cache, page=page, need=need, check_csrf=check_csrf)
    return app


def _safe_next(target: str) -> str:
    """Only a path on this site (no scheme, no //host) may follow a login."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _set_cookie(request: Request, response: Response, token: str) -> None:
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    response.set_cookie(
        auth.SESSION_COOKIE,
        token,
        max_age=auth.SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )
