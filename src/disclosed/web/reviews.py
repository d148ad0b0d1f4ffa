"""The review pages: a queue of figures nobody has reviewed, one at a time with its evidence in its
paragraph and how its body was attributed; confirm, correct or reject (keyboard: static/review.js);
every change listed; a record's history; an export saying which figures were reviewed and by whom.

`add_review_routes(app, ...)` adds them to the app `create_app` builds; the writing is
disclosed.runs.reviews'."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from disclosed.errors import DisclosedError
from disclosed.runs import reviews
from disclosed.store import Store
from disclosed.web import views
from disclosed.web.queries import SnapshotCache, document_texts
from disclosed.web.records import to_csv, to_json

STAFF_GROUPS = ("", "staff", "all", "police_officers", "police_staff", "other")
EXPORT_COLUMNS = ["figure", "document", "organisation", "staff_group", "outcome", "count", "reviewed",
                  "status", "reviewed_by", "reviewed_at"]


def _queue(snap, done: dict[int, reviews.Review], organisation: str | None, status: str,
           conflicting_first: bool) -> list[int]:
    ids = []
    for fid, sf in snap.figures.items():
        review = done.get(fid)
        is_reviewed = review is not None and review.reviewed
        if status == "pending" and is_reviewed or status == "reviewed" and not is_reviewed:
            continue
        if organisation and organisation.casefold() not in sf.figure.organisation.casefold():
            continue
        ids.append(fid)
    if conflicting_first:
        ids.sort(key=lambda fid: snap.status_of(fid) != "conflicting")
    return ids


def add_review_routes(app: FastAPI, store: Store, cache: SnapshotCache, *, page: Callable[..., HTMLResponse],
                      need: Callable, check_csrf: Callable) -> None:

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def queue(request: Request, organisation: str | None = None, status: str = "pending",
              conflicting: int = 1, figure: int | None = None) -> Response:
        need(request, "reviewer")
        return _queue_page(request, organisation, status, conflicting, figure)

    def _queue_page(request: Request, organisation: str | None, status: str, conflicting: int,
                    figure: int | None, error: str | None = None, status_code: int = 200) -> HTMLResponse:
        snap = cache.get()
        done = reviews.reviews_by_figure(store)
        ids = _queue(snap, done, organisation, status, bool(conflicting))
        current = figure if figure in snap.figures else (ids[0] if ids else None)
        after = ids[ids.index(current) + 1:] if current in ids else ids
        skip_to = next((i for i in after if i != current), None)
        data = None
        if current is not None:
            texts = document_texts(store, views.figure_documents(snap, current))
            data = views.figure_page(snap, current, texts)
        reviewed, total = reviews.progress(store)
        review = done.get(current) if current is not None else None
        filters = {"organisation": organisation or "", "status": status, "conflicting": conflicting}
        return page(request, "review.html", {
            "data": data, "figure_id": current, "review": review,
            "version": review.version if review else 0, "left": len(ids), "reviewed": reviewed,
            "total": total, "filters": filters, "filter_query": urlencode(filters), "error": error,
            "dataset_status": snap.status_of(current) if current is not None else None,
            "staff_groups": STAFF_GROUPS, "skip_to": skip_to,
        }, status_code=status_code)

    @app.post("/review/{figure_id}", include_in_schema=False)
    def decide(
        request: Request,
        figure_id: int,
        action: Annotated[str, Form()],
        version: Annotated[int, Form()] = 0,
        organisation: Annotated[str, Form()] = "",
        staff_group: Annotated[str, Form()] = "",
        outcome: Annotated[str, Form()] = "",
        count: Annotated[str, Form()] = "",
        note: Annotated[str, Form()] = "",
        filters: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        check_csrf(request, csrf)
        user = need(request, "reviewer")
        fields: dict = {}
        if action == "correct":
            snap = cache.get()
            sf = snap.figures.get(figure_id)
            if sf is None:
                raise HTTPException(404, f"figure {figure_id} not found")
            given = {"organisation": organisation.strip(), "staff_group": staff_group or None,
                     "outcome": outcome.strip(), "count": count.strip()}
            fields = {k: v for k, v in given.items()
                      if v not in ("", None) and str(v) != str(getattr(sf.figure, k))
                      or (k == "staff_group" and v != sf.figure.staff_group)}
            if not fields:
                action = "confirm"
        try:
            reviews.review_figure(store, figure_id, action, by=user.name, fields=fields,
                                  note=note.strip() or None, version=version)
        except reviews.ReviewConflict as err:
            cache.invalidate()
            params = dict(p.split("=", 1) for p in filters.split("&") if "=" in p)
            return _queue_page(request, params.get("organisation") or None, params.get("status", "pending"),
                               int(params.get("conflicting", 1) or 0), figure_id, str(err), 409)
        except DisclosedError as err:
            raise HTTPException(400, str(err)) from None
        cache.invalidate()
        return RedirectResponse(f"/review?{filters}", status_code=303)

    @app.get("/reviews", response_class=HTMLResponse, include_in_schema=False)
    def changes(request: Request, by: str | None = None, orphaned: int = 0) -> Response:
        listed = reviews.list_changes(store, by=by or None, orphaned=bool(orphaned))
        return page(request, "reviews.html", {"changes": list(reversed(listed)), "by": by or "",
                                              "orphaned": orphaned})

    @app.get("/reviews/export", include_in_schema=False)
    def export(format: str = "csv") -> Response:
        """Every stored figure, saying whether a person reviewed it, its status and who."""
        snap = cache.get()
        done = reviews.reviews_by_figure(store)
        records = []
        for fid, sf in snap.figures.items():
            r = done.get(fid)
            f = sf.figure
            records.append({"figure": fid, "document": f.document, "organisation": f.organisation,
                            "staff_group": f.staff_group, "outcome": f.outcome, "count": f.count,
                            "reviewed": bool(r and r.reviewed), "status": r.status if r else "extracted",
                            "reviewed_by": r.reviewed_by if r else None,
                            "reviewed_at": r.reviewed_at.isoformat() if r and r.reviewed_at else None})
        if format == "json":
            return Response(to_json(records), media_type="application/json")
        return Response(to_csv(records, EXPORT_COLUMNS), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="figures-reviewed.csv"'})

    @app.get("/reviews/{review_id}", response_class=HTMLResponse, include_in_schema=False)
    def history(request: Request, review_id: int) -> Response:
        try:
            review = reviews.get_review(store, review_id)
        except DisclosedError:
            raise HTTPException(404, f"review {review_id} not found") from None
        return page(request, "review_history.html", {"review": review})

    @app.get("/figures/{figure_id}/history", include_in_schema=False)
    def figure_history(figure_id: int) -> Response:
        review = reviews.review_of_figure(store, figure_id)
        if review is None:
            raise HTTPException(404, f"figure {figure_id} has not been reviewed")
        return RedirectResponse(f"/reviews/{review.id}", status_code=303)
