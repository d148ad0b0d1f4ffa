"""Publication dates: read from every place a document shows one, each with where it came from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from disclosed.read import read_file
from disclosed.read.dates import date_from_text, date_from_url, parse_date
from disclosed.read.html import read_html

from .conftest import write_warc

DATES = Path(__file__).parent.parent / "fixtures" / "stories" / "dates"


def _read(name: str):
    (doc,) = list(read_file(DATES / name))
    return doc


@pytest.mark.parametrize(
    ("name", "published", "where"),
    [
        ("meta_published.html", date(2019, 3, 28), "meta article:published_time"),
        ("json_ld.html", date(2022, 7, 14), "json-ld datePublished"),
        ("time_element.html", date(2023, 2, 9), "time element"),
        ("byline.html", date(2024, 3, 5), "byline element"),
        ("published_line.txt", date(2019, 8, 14), "published line"),
        ("updated_only.txt", date(2020, 12, 2), "updated line"),
        ("dateline.txt", date(2017, 6, 21), "dateline"),
        ("url_in_text.txt", date(2018, 11, 30), "url"),
    ],
)
def test_each_place_a_date_can_be(name, published, where):
    doc = _read(name)
    assert (doc.published, doc.published_from) == (published, where)


@pytest.mark.parametrize("name", ["undated.html", "request_date_only.txt"])
def test_dates_in_sentences_and_of_requests_are_not_publication_dates(name):
    doc = _read(name)
    assert doc.published is None and doc.published_from is None


def test_published_metadata_beats_modified_and_sidebar_dates():
    # the page has a modified time and an older <time> in a sidebar: the published time wins
    assert _read("meta_published.html").published == date(2019, 3, 28)


def test_url_date_when_the_page_shows_none():
    page = (DATES / "undated.html").read_bytes()
    doc = read_html(page, "x", url="https://news.example/uk/2016/05/09/staff-disciplined")
    assert (doc.published, doc.published_from) == (date(2016, 5, 9), "url")


def test_warc_page_keeps_capture_apart_from_publication(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    page = (DATES / "undated.html").read_bytes()
    write_warc(warc, [
        {"uri": "https://paper.example/2015-10-02/staff", "payload": page, "date": "2021-06-30T09:00:00Z"},
        {"uri": "https://paper.example/about", "payload": page, "date": "2021-06-30T09:05:00Z"},
    ])
    dated, undated = list(read_file(warc))
    assert (dated.published, dated.published_from) == (date(2015, 10, 2), "url")
    assert dated.captured == date(2021, 6, 30)
    # a capture date is never taken for a publication date
    assert (undated.published, undated.captured) == (None, date(2021, 6, 30))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-06-03T23:30:00-04:00", date(2013, 6, 3)),  # the date as written, not moved to UTC
        ("20130603", date(2013, 6, 3)),
        ("3rd June 2013", date(2013, 6, 3)),
        ("June 3, 2013", date(2013, 6, 3)),
        ("Mon 3 Jun 2013 10.10 BST", date(2013, 6, 3)),
        ("03/06/2013", date(2013, 6, 3)),  # UK order
        ("06-09-2016", date(2016, 9, 6)),
        ("31 February 2013", None),
        ("sometime in 2013", None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/news/2014/02/27/story", date(2014, 2, 27)),
        ("https://a.example/news/story-2014-02-27.html", date(2014, 2, 27)),
        ("https://a.example/20140227/story", date(2014, 2, 27)),
        ("https://a.example/news/2014/story-123456", None),
        ("https://a.example/2014/13/40/story", None),
        (None, None),
    ],
)
def test_date_from_url(url, expected):
    found = date_from_url(url)
    assert (found.value if found else None) == expected


def test_text_labels_prefer_published_to_updated_and_skip_long_sentences():
    text = "Headline here\nUpdated 9 May 2015\nPublished 2 May 2015\n\nBody."
    assert date_from_text(text) == (date(2015, 5, 2), "published line")
    sentence = "Headline\nThe force said on 4 May 2015 that eleven officers had been disciplined for posts."
    assert date_from_text(sentence) is None


def test_only_the_header_is_read():
    body = "\n".join(f"Paragraph {i} of the article." for i in range(30))
    assert date_from_text("Headline\n" + body + "\n4 May 2015") is None


def test_latest_date_written_ignores_the_future():
    from disclosed.read.dates import latest_date_written

    text = "Received on 4 March 2024. Reviewed 1 May 2023. The policy lapses on 1 January 2099."
    assert latest_date_written(text) == date(2024, 3, 4)
    assert latest_date_written("no dates here") is None
