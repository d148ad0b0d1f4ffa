"""Pages, their JSON, exports and charts, read over HTTP from the real server."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import quote
from xml.etree import ElementTree

CUMBRIA = "Cumbria Constabulary"


def test_overview_counts_agree_with_the_api(site):
    with site.client() as c:
        page = c.get("/")
        data = c.get("/?format=json").json()
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert data["counts"]["documents"] == len(c.get("/api/documents").json())
        assert data["counts"]["figures"] == len(c.get("/api/figures").json())
        assert data["counts"]["stories"] == len(c.get("/api/stories").json())
        assert f"<strong>{data['counts']['figures']}</strong> figures" in page.text
        assert 'src="/charts/outcomes.svg"' in page.text
        # the latest stories are listed, newest first
        latest = data["latest_stories"]
        dates = [s["last_date"] or s["first_date"] for s in latest if s["last_date"] or s["first_date"]]
        assert dates == sorted(dates, reverse=True)
        assert latest[0]["title"] in page.text


def test_every_asset_is_served_by_the_app_itself(site):
    with site.client() as c:
        for path in ["/", "/docs", "/figures", "/search?q=police"]:
            html = c.get(path).text
            for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
                assert not ref.startswith(("http://", "https://", "//")), (path, ref)
                if ref.startswith("/static/"):
                    assert c.get(ref).status_code == 200, ref


def test_conflicting_figure_shows_both_sources_evidence_in_its_paragraph(site):
    with site.client() as c:
        figures = c.get("/api/figures", params={"organisation": "cumbria", "outcome": "dismissed"}).json()
        assert sorted(f["count"] for f in figures) == [4, 5]
        assert {f["status"] for f in figures} == {"conflicting"}
        page = c.get(f"/figures/{figures[0]['id']}")
        assert "conflicting" in page.text
        # both documents' evidence sentences, each highlighted inside its paragraph, linked to the document
        for f in figures:
            sentence = f["evidence"]
            assert f"<mark>{sentence}</mark>" in page.text.replace("&#34;", '"'), sentence
            assert f'href="/documents/{f["document_id"]}#f{f["id"]}"' in page.text
        data = c.get(f"/api/figures/{figures[0]['id']}").json()
        assert data["dataset_row"]["status"] == "conflicting"
        assert sorted(v["count"] for v in data["dataset_row"]["values"]) == [4, 5]
        assert data["attribution"]["organisation"] == CUMBRIA
        assert data["attribution"]["how"]  # the rule that chose the body, for a reviewer to check


def test_document_text_is_escaped_and_every_extraction_marked(site):
    with site.client() as c:
        docs = c.get("/api/documents").json()
        doc = next(d for d in docs if d["name"] == "cumbria_foi_reply.txt")
        page = c.get(f"/documents/{doc['id']}")
        assert "<script>document.title" not in page.text
        assert "&lt;script&gt;document.title" in page.text
        assert "&lt;b&gt;bold?&lt;/b&gt; &amp; " in page.text
        data = c.get(f"/api/documents/{doc['id']}").json()
        assert len(data["figures"]) == 2 and data["policies"]
        for f in data["figures"]:
            assert f'id="f{f["id"]}"' in page.text
        for p in data["policies"]:
            assert f'id="p{p["id"]}"' in page.text
        assert page.text.count('<mark class="figure">') >= 2
        assert '<mark class="policy">' in page.text


def test_security_headers(site):
    with site.client() as c:
        r = c.get("/")
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie  # plain HTTP


def test_organisation_page(site):
    with site.client() as c:
        page = c.get(f"/organisations/{quote(CUMBRIA)}")
        assert page.status_code == 200
        data = c.get(f"/organisations/{quote(CUMBRIA)}", params={"format": "json"}).json()
        assert {r["outcome"] for r in data["dataset_rows"]} >= {"dismissed", "final_written_warning"}
        assert any(p["kind"] for p in data["policies"])
        assert {d["name"] for d in data["documents"]} == {
            "cumbria_foi_reply.txt",
            "cumbria_courier_article.txt",
        }
        assert data["stories"], "the Cumbria documents belong to stories"
        assert "/charts/organisation.svg?name=Cumbria+Constabulary" in page.text
        assert c.get("/organisations/No%20such%20body").status_code == 404


def test_story_person_and_list_pages(site):
    with site.client() as c:
        stories = c.get("/api/stories").json()
        story = next(s for s in stories if "cumbria_courier_article.txt" in s["documents"])
        data = c.get(f"/stories/{story['id']}", params={"format": "json"}).json()
        assert "cumbria_courier_article.txt" in {d["name"] for d in data["documents"]}
        assert {f["document"] for f in data["figures"]} == set(story["documents"]) & {
            f["document"] for f in c.get("/api/figures").json()
        }
        # the 4-or-5 dismissals conflict involves this story's article
        assert any(
            ch["kind"] == "conflict" and "cumbria_courier_article.txt" in ch["documents"]
            for ch in data["checks"]
        )
        assert c.get(f"/stories/{story['id']}").status_code == 200
        people = c.get("/people?format=json").json()
        assert people
        person = c.get(f"/people/{quote(people[0]['name'])}", params={"format": "json"}).json()
        assert person["statements"] and all(s["speaker"] for s in person["statements"])
        for path in [
            "/organisations",
            "/dataset",
            "/figures",
            "/documents",
            "/stories",
            "/policies",
            "/statements",
            "/people",
            "/foi",
            "/docs",
        ]:
            assert c.get(path).status_code == 200, path


def test_search_with_facets(site):
    with site.client() as c:
        data = c.get("/search", params={"q": "WhatsApp", "format": "json"}).json()
        names = {r["name"] for r in data["results"]}
        assert {"cumbria_foi_reply.txt", "cumbria_courier_article.txt"} <= names
        facets = dict(data["facets"]["organisation"])
        assert facets[CUMBRIA] >= 4
        narrowed = c.get(
            "/search", params={"q": "WhatsApp", "status": "conflicting", "format": "json"}
        ).json()
        assert 0 < narrowed["total"] <= data["total"]
        assert set(dict(narrowed["facets"]["status"])) == {"conflicting"}
        page = c.get("/search", params={"q": "WhatsApp"})
        assert "<mark>WhatsApp</mark>" in page.text
        # facet links keep the query and toggle the facet
        assert "/search?q=WhatsApp&amp;organisation=Cumbria+Constabulary" in page.text
        # FTS syntax in the user's words is text, not a query error
        assert c.get("/search", params={"q": 'NEAR( "unbalanced AND OR *'}).status_code == 200
        assert c.get("/search", params={"q": "zzzznotawordzzzz", "format": "json"}).json()["total"] == 0


def test_csv_and_json_exports_hold_the_whole_record_and_respect_filters(site):
    with site.client() as c:
        params = {"organisation": "cumbria"}
        api = c.get("/api/figures", params=params).json()
        r = c.get("/figures", params={**params, "format": "csv"})
        assert r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == len(api) == 4
        for col in [
            "id",
            "document_id",
            "evidence_start",
            "evidence_end",
            "topic",
            "conduct",
            "period_start",
            "period_end",
            "period",
            "suppressed",
            "platforms",
            "status",
            "figure_key",
        ]:
            assert col in rows[0], col
        by_id = {int(row["id"]): row for row in rows}
        for f in api:
            row = by_id[f["id"]]
            assert row["platforms"] == ";".join(f["platforms"])
            assert row["suppressed"] in ("true", "false")
            assert row["period_start"] == "2021-04" and row["period_end"] == "2023-03"
            assert int(row["evidence_start"]) == f["evidence_start"]
        exported = c.get("/figures", params={**params, "format": "json"}).json()
        assert exported == api
        assert all(isinstance(f["platforms"], list) and isinstance(f["suppressed"], bool) for f in exported)
        dataset = list(
            csv.DictReader(
                io.StringIO(c.get("/dataset", params={"status": "conflicting", "format": "csv"}).text)
            )
        )
        assert dataset and {row["status"] for row in dataset} == {"conflicting"}
        assert json.loads(dataset[0]["values"])  # nested values stay JSON inside the CSV cell
        page = c.get("/figures", params=params)
        assert 'href="/figures?organisation=cumbria&amp;format=csv"' in page.text


def test_charts_download_as_svg_and_png(site):
    with site.client() as c:
        svg = c.get("/charts/outcomes.svg")
        assert svg.headers["content-type"].startswith("image/svg+xml")
        root = ElementTree.fromstring(svg.text)
        labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert CUMBRIA in labels
        png = c.get("/charts/outcomes.png")
        assert png.headers["content-type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
        org = c.get("/charts/organisation.svg", params={"name": CUMBRIA})
        assert "2021-04–2023-03" in org.text
        assert c.get("/charts/organisation.png", params={"name": CUMBRIA}).content[:4] == b"\x89PNG"


def test_calendar_feed_needs_its_secret_token(site, locked):
    with site.client() as c:
        page = c.get("/foi?format=json").json()
        assert page["overdue"] == 1 and len(page["requests"]) == 2
        overdue = next(r for r in page["requests"] if r["overdue"])
        assert overdue["authority"] == "Cumbria Constabulary" and overdue["next_deadline"] < page["today"]
        assert len(c.get("/api/requests").json()) == 2
        url = page["calendar_url"]
        token = url.rsplit("/", 1)[1].removesuffix(".ics")
        assert len(token) >= 32
        feed = c.get(f"/foi/calendar/{token}.ics")
        assert feed.headers["content-type"].startswith("text/calendar")
        assert feed.text.count("BEGIN:VEVENT") >= 2 and "Natural England" in feed.text
        assert c.get(f"/foi/calendar/{'0' * len(token)}.ics").status_code == 404
    with locked.client() as c:  # calendar apps can't log in: the token is enough
        r = c.get(f"/foi/calendar/{token}.ics")
        assert r.status_code == 200 and r.text.startswith("BEGIN:VCALENDAR")


def test_openapi_and_local_docs(site):
    with site.client() as c:
        spec = c.get("/openapi.json").json()
        for path in [
            "/api/documents",
            "/api/figures",
            "/api/dataset",
            "/api/stories",
            "/api/policies",
            "/api/statements",
            "/api/requests",
            "/api/figures/{figure_id}",
        ]:
            assert path in spec["paths"], path
        docs = c.get("/docs")
        assert "/static/swagger/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
        assert c.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_evidence_paragraph_is_the_paragraph_or_a_marked_cut():
    from disclosed.web.views import PARAGRAPH_MAX, highlight

    text = "Title\n\nFirst sentence. The evidence is here. Last sentence.\n\nNext paragraph."
    start = text.index("The evidence")
    end = start + len("The evidence is here.")
    assert (
        str(highlight(text, start, end))
        == "First sentence. <mark>The evidence is here.</mark> Last sentence."
    )
    long = "word " * PARAGRAPH_MAX + "<b>the evidence</b>. " + "word " * PARAGRAPH_MAX
    start = long.index("<b>")
    shown = str(highlight(long, start, start + len("<b>the evidence</b>.")))
    assert shown.startswith("… ") and shown.endswith(" …") and len(shown) < 2 * PARAGRAPH_MAX
    assert "<mark>&lt;b&gt;the evidence&lt;/b&gt;.</mark>" in shown
