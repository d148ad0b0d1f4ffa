"""In headless Chromium (Debian's, driven by Playwright): a reviewer corrects a figure's body with the
keyboard, sees it on the figure, organisation and dataset pages and in the Datasette export; the
correction outlives `reextract`; when the article is rewritten without the figure, the correction is
listed as orphaned."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from tests.reviews.conftest import PASSWORD

from disclosed.runs.ingest import ingest_paths, reextract_store
from disclosed.runs.remove import remove_documents, resolve_documents

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.heavy,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: apt-get install -y chromium"),
]


def _eventually(page, url: str, text: str) -> None:
    """The app re-reads the database at most once a second: reload until `text` shows."""
    deadline = time.time() + 10
    while True:
        page.goto(url)
        if text in page.content() or time.time() > deadline:
            break
        time.sleep(0.3)
    assert text in page.content(), f"{text!r} not on {url}"


def test_a_reviewer_corrects_a_body_and_the_correction_lasts(review_site, rewrite, tmp_path):
    from playwright.sync_api import sync_playwright

    from disclosed.web.datasette import export_datasette

    base = review_site.url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

        page.goto(base + "/login")
        page.fill('input[name="name"]', "rita")
        page.fill('input[name="password"]', PASSWORD)
        page.click('button:has-text("Log in")')
        page.goto(base + "/review?status=pending")
        assert "0 reviewed of 3" in page.inner_text("#progress")
        # find the warnings figure (Northshire Police's nine police staff) in the queue by skipping
        for _ in range(3):
            if "written warning" in page.inner_text("article.review h2"):
                break
            page.keyboard.press("s")
            page.wait_for_load_state()
        assert "written warning" in page.inner_text("article.review h2")
        assert "Northshire Police" in page.inner_text("#organisation")
        assert page.locator("p.paragraph mark").count() == 1  # the evidence, in its paragraph
        figure_id = int(page.get_attribute("article.review", "id").removeprefix("figure-"))

        page.keyboard.press("e")  # edit: the organisation field takes the focus
        page.keyboard.press("Control+a")
        page.keyboard.type("Harbourside Council")
        page.fill('input[name="note"]', "council staff, not police")
        page.focus('input[name="organisation"]')
        with page.expect_navigation():  # the queue's URL matches before and after: wait for the POST
            page.keyboard.press("Control+Enter")
        assert "1 reviewed of 3" in page.inner_text("#progress")

        _eventually(page, f"{base}/figures/{figure_id}", "Harbourside Council")
        _eventually(page, f"{base}/organisations/{quote('Harbourside Council')}", "written")
        _eventually(page, f"{base}/dataset?topic=", "Harbourside Council")
        export = tmp_path / "datasette.db"
        export_datasette(review_site.store, export)
        with sqlite3.connect(export) as conn:
            orgs = {org for (org,) in conn.execute("SELECT organisation FROM figures WHERE count = 9")}
        assert orgs == {"Harbourside Council"}

        reextract_store(review_site.store)
        _eventually(page, f"{base}/dataset?topic=", "Harbourside Council")
        _eventually(page, f"{base}/reviews", "rita")
        assert "orphaned" not in page.inner_text("#changes")

        harbour = review_site.docs / "harbour.txt"
        rewrite(harbour)  # the publisher rewrote the article: the warnings paragraph is gone
        remove_documents(review_site.store, resolve_documents(review_site.store, ["harbour.txt"]))
        ingest_paths(review_site.store, [harbour])
        _eventually(page, f"{base}/reviews?orphaned=1", "Harbourside Council")
        assert page.inner_text("#changes td.state") == "orphaned"
        assert "Harbourside Council" not in page.content().split("<table")[0]
        page.click("#changes td a")  # its history: extracted value, the correction, who and when
        history = page.inner_text("main")
        assert "Orphaned" in history and "Northshire Police" in history and "by rita" in history
        assert problems == []
        browser.close()
