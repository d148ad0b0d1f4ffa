"""read_html: the article without page furniture, its tables kept as tables, and its metadata."""

from __future__ import annotations

from datetime import date

import pytest

from disclosed.errors import ReadError
from disclosed.model import Table, render_table
from disclosed.read.html import read_html, sniff_charset

from .conftest import FIXTURES, article_html

NEWS = (FIXTURES / "news_page.html").read_bytes()
LOG = (FIXTURES / "disclosure_log.html").read_bytes()


@pytest.fixture(scope="module")
def news():
    return read_html(NEWS, "news_page.html")


def test_article_text_is_kept(news):
    assert "disciplined twenty-two members of staff" in news.text
    assert "Two employees were dismissed, both in 2017." in news.text
    assert "policy was refreshed last autumn" in news.text


@pytest.mark.parametrize(
    "furniture",
    [
        "Sport roundup",  # navigation
        "Weekend weather outlook",
        "Most read",  # sidebar
        "Primary school wins national choir award",
        "sack the lot of them",  # reader comments
        "training is excellent actually",
        "All rights reserved",  # footer
        "Contact the newsroom",
    ],
)
def test_page_furniture_is_dropped(news, furniture):
    assert furniture not in news.text


def test_metadata(news):
    assert news.title == "Council staff warned over Facebook posts"
    assert news.published == date(2019, 3, 14)
    assert news.outlet == "The Northvale Gazette"
    assert news.format == "html"
    assert news.source == "news_page.html"


def test_table_is_kept_as_a_grid_with_its_caption(news):
    assert news.tables == [
        Table(
            rows=[
                ["Year", "Dismissed", "Final written warning", "Written warning"],
                ["2015", "0", "1", "3"],
                ["2016", "0", "2", "4"],
                ["2017", "2", "1", "5"],
                ["2018", "0", "0", "4"],
            ],
            caption="Disciplinary outcomes for social media misuse",
        )
    ]


def test_table_is_rendered_in_place_between_paragraphs(news):
    rendered = render_table(news.tables[0])
    assert "| 2017 | 2 | 1 | 5 |" in rendered
    before = news.text.index("broke the outcomes down by year")
    at = news.text.index(rendered)
    after = news.text.index("A council spokeswoman")
    assert before < at < after
    assert "\n\n" + rendered + "\n\n" in news.text
    assert news.text.count("| 2017 |") == 1


def test_paragraphs_are_separated_by_blank_lines(news):
    paragraphs = news.text.split("\n\n")
    assert any(p.startswith("The authority said most of the cases") for p in paragraphs)
    assert any(p.startswith("Opposition councillors") for p in paragraphs)


def test_a_table_heavy_disclosure_log_keeps_its_table():
    document = read_html(LOG, "log.html")
    assert len(document.tables) == 1
    assert document.tables[0].rows[0] == ["Year", "Firefighters", "Support staff"]
    assert document.tables[0].rows[3] == ["2018", "3", "<5"]
    assert "| 2020 | 4 | 1 |" in document.text
    assert "No member of staff was dismissed" in document.text
    assert document.outlet == "Fenward Fire and Rescue Service"
    # A year in a heading is not a publication date.
    assert document.published is None


def test_spanned_headings_stay_over_their_columns():
    page = (
        b"<html><body><article><p>The service recorded these outcomes for staff who misused social media.</p>"
        b"<table><tr><th rowspan=2>Year</th><th colspan=2>Outcome</th></tr>"
        b"<tr><th>Dismissed</th><th>Warning</th></tr><tr><td>2019</td><td>1</td><td>4</td></tr></table>"
        b"<p>The figures were correct when the response was sent to the requester.</p>"
        b"</article></body></html>"
    )
    document = read_html(page, "spans.html")
    assert document.tables[0].rows[2] == ["2019", "1", "4"]
    assert document.tables[0].rows[1] == ["Year", "Dismissed", "Warning"]
    assert "| Year | Outcome | Outcome |" in document.text


def test_a_layout_table_is_read_as_text_not_as_a_table():
    story = "".join(
        f"<p>Paragraph {n}: the force said officers had been investigated for offensive posts online.</p>"
        for n in range(8)
    )
    page = f"<html><body><table width='100%'><tr><td>Menu</td><td>{story}</td></tr></table></body></html>"
    document = read_html(page.encode(), "old-site.html")
    assert document.tables == []
    assert "|" not in document.text
    assert "Paragraph 3: the force said" in document.text
    assert "\n\nParagraph 4:" in document.text


def test_charset_from_meta_tag():
    page = (
        "<html><head><meta charset='windows-1252'><title>Fines</title></head><body><article>"
        + "<p>The tribunal awarded \u00a31,500 after the \u2018tweet\u2019 was found to be private.</p>" * 3
        + "</article></body></html>"
    ).encode("cp1252")
    assert sniff_charset(page) == "windows-1252"
    document = read_html(page, "fines.html")
    assert "\u00a31,500" in document.text and "\u2018tweet\u2019" in document.text


def test_utf8_page_that_declares_windows_1252_is_read_as_utf8():
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head>"
        "<body><article>"
        + "<p>The officer\u2019s \u201cjoke\u201d cost him his job, the hearing was told.</p>" * 2
        + "</article></body></html>"
    ).encode("utf-8")
    assert "\u2019s \u201cjoke\u201d" in read_html(page, "mislabelled.html").text


def test_declared_charset_wins_over_guessing():
    page = article_html("Caf\u00e9 staff", ["Staff at the caf\u00e9 were warned about posting online." * 3])
    document = read_html(page.decode().encode("latin-1"), "p.html", charset="iso-8859-1")
    assert "caf\u00e9" in document.text


def test_url_gives_the_outlet_when_the_page_names_none():
    page = b"<html><body><article>" + b"<p>An employee was dismissed for posts on a forum.</p>" * 5
    page += b"</article></body></html>"
    document = read_html(page, "https://www.example-news.co.uk/a", url="https://www.example-news.co.uk/a")
    assert document.outlet == "example-news.co.uk"


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Nothing here</title></head></html>",
        b"<html><head><title>Blank</title></head><body>  <div> </div>\n</body></html>",
        b"<html><body></body></html>",
    ],
)
def test_no_main_text(page):
    with pytest.raises(ReadError, match="no main text found") as caught:
        read_html(page, "hollow.html")
    assert str(caught.value).startswith("hollow.html: ")
