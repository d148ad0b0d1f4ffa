"""The review pages over HTTP: the queue, a correction, a stale form (409), roles and CSRF, the export."""

from __future__ import annotations

import csv
import io
import re

import httpx
from tests.reviews.conftest import csrf_of, log_in


def _form(html: str) -> dict:
    action = re.search(r'id="review-form" action="([^"]+)"', html).group(1)
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    filters = re.search(r'name="filters" value="([^"]*)"', html).group(1).replace("&amp;", "&")
    return {"action": action, "version": version, "filters": filters, "csrf": csrf_of(html)}


def test_review_queue_correct_conflict_and_export(review_site):
    with httpx.Client(base_url=review_site.url, timeout=30) as viewer:
        log_in(viewer, "vera")
        assert viewer.get("/review").status_code == 403
    with httpx.Client(base_url=review_site.url, timeout=30) as rita, \
            httpx.Client(base_url=review_site.url, timeout=30) as remy:
        log_in(rita, "rita")
        log_in(remy, "remy")
        page = rita.get("/review?conflicting=1")
        assert page.status_code == 200 and "0 reviewed of 3" in page.text
        assert 'src="/static/review.js"' in page.text and "<script>" not in page.text
        assert "How it was attributed" in page.text and "<mark" in page.text
        f = _form(page.text)
        seen_by_remy = _form(remy.get(f"/review?figure={f['action'].rsplit('/', 1)[1]}").text)

        no_csrf = rita.post(f["action"], data={"action": "confirm", "version": f["version"]})
        assert no_csrf.status_code == 403
        done = rita.post(f["action"], data={**{k: f[k] for k in ("version", "filters", "csrf")},
                                            "action": "correct", "organisation": "Harbourside Council",
                                            "note": "the council's own staff"}, follow_redirects=False)
        assert done.status_code == 303
        after = rita.get("/review")
        assert "1 reviewed of 3" in after.text
        figure_id = int(f["action"].rsplit("/", 1)[1])
        assert "Harbourside Council" in rita.get(f"/figures/{figure_id}").text
        assert "Harbourside Council" in rita.get("/dataset?topic=").text

        stale = remy.post(seen_by_remy["action"], data={
            **{k: seen_by_remy[k] for k in ("version", "filters", "csrf")}, "action": "correct",
            "organisation": "Northshire County Council"})
        assert stale.status_code == 409 and "changed since you read it" in stale.text
        assert "Northshire County Council" not in rita.get(f"/figures/{figure_id}").text

        history = rita.get(f"/figures/{figure_id}/history", follow_redirects=True)
        assert history.status_code == 200 and "Northshire Police" in history.text
        assert "correct</strong> by rita" in history.text and "the council&#39;s own staff" in history.text

        rows = list(csv.DictReader(io.StringIO(rita.get("/reviews/export").text)))
        assert len(rows) == 3
        mine = [r for r in rows if r["figure"] == str(figure_id)]
        assert mine[0]["reviewed"] == "true" and mine[0]["reviewed_by"] == "rita"
        assert sum(r["reviewed"] == "true" for r in rows) == 1
