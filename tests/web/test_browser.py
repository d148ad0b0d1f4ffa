"""The app in headless Chromium (Debian's package, driven by Playwright; no browser download):
overview, search, a figure's evidence in its document, login, upload, CSV and chart downloads,
and the screenshots kept under docs/screenshots."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from tests.web.conftest import DOCS, PASSWORDS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"wide": (1280, 900), "narrow": (390, 844)}

pytestmark = [
    pytest.mark.heavy,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: apt-get install -y chromium"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems
    yield pg
    context.close()


def _chart_loaded(page) -> bool:
    return page.eval_on_selector("figure.chart img", "img => img.complete && img.naturalWidth > 0")


def test_overview_search_and_a_figure_to_its_evidence(site, page):
    page.goto(site.url + "/")
    assert page.locator("h1").inner_text().startswith("Staff disciplined")
    assert _chart_loaded(page)
    page.fill("header input[name=q]", "WhatsApp")
    page.click("header form.search button")
    page.wait_for_url("**/search?q=WhatsApp")
    results = page.locator("section.results li")
    assert results.count() >= 2
    assert page.locator("section.results mark").first.inner_text() == "WhatsApp"
    page.click("aside.facets a:text('Cumbria Constabulary')")
    assert "organisation=Cumbria+Constabulary" in page.url
    page.goto(site.url + "/figures?organisation=cumbria&outcome=dismissed")
    page.locator("table tbody tr td a").first.click()
    page.wait_for_url("**/figures/*")
    assert page.locator(".status.conflicting").first.is_visible()
    marks = page.locator("article.evidence mark")
    assert marks.count() == 2
    evidence = marks.first.inner_text()
    page.locator("article.evidence h3 a").first.click()
    page.wait_for_url("**/documents/*#f*")
    anchor = page.url.rsplit("#", 1)[1]
    marked = page.locator(f"#{anchor} + mark")
    assert evidence.startswith(marked.inner_text()[:20])
    assert marked.is_visible()
    assert page.title() != "pwned"  # the document's <script> stayed text
    assert page.problems == [], page.problems


def test_log_in_upload_and_see_the_figures(site, page):
    page.goto(site.url + "/upload")
    page.wait_for_url("**/login**")
    page.fill("input[name=name]", "rita")
    page.fill("input[name=password]", PASSWORDS["rita"])
    page.click("form.stack button")
    page.wait_for_url("**/upload")
    page.set_input_files("input[type=file]", str(DOCS / "forestry_browser_upload.txt"))
    page.click("form.stack button")
    page.wait_for_url("**/documents/*")
    assert "Forestry Commission" in page.locator("h1").inner_text()
    rows = page.locator("table tbody tr")
    text = " ".join(rows.all_inner_texts())
    assert "dismissed" in text and "written warning" in text
    assert page.locator("div.doctext mark.figure").count() == 2
    assert page.problems == [], page.problems


def test_download_a_csv_and_a_chart(site, page):
    page.goto(site.url + "/figures?organisation=cumbria")
    with page.expect_download() as info:
        page.click("p.exports a:text('CSV')")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows and {r["organisation"] for r in rows} == {"Cumbria Constabulary"}
    page.goto(site.url + "/")
    with page.expect_download() as info:
        page.click("figcaption a:text('SVG')")
    assert Path(info.value.path()).read_text(encoding="utf-8").startswith("<svg")
    with page.expect_download() as info:
        page.click("figcaption a:text('PNG')")
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshots(site, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    import httpx

    figure = httpx.get(
        site.url + "/api/figures", params={"organisation": "cumbria", "outcome": "dismissed"}
    ).json()[0]
    pages = {
        "overview": "/",
        "figure": f"/figures/{figure['id']}",
        "organisation": "/organisations/Greater%20Manchester%20Police",
    }
    for w, h in WIDTHS.values():
        context = browser.new_context(viewport={"width": w, "height": h})
        pg = context.new_page()
        for name, path in pages.items():
            pg.goto(site.url + path)
            if name != "figure":
                assert _chart_loaded(pg)
            overflow = pg.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} at {w}px scrolls sideways by {overflow}px"
            out = SCREENSHOTS / f"{name}-{w}.png"
            pg.screenshot(path=str(out))
            assert out.stat().st_size > 10_000
        context.close()


def test_api_docs_render_from_local_assets(site, page):
    page.goto(site.url + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "disclosed" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-summary-path", has_text="/api/figures").first.is_visible()
    assert page.problems == [], page.problems
