"""read_warc: each HTML page captured in a WARC becomes a Document; a bad record doesn't stop the rest."""

from __future__ import annotations

import gzip as gzip_module
from datetime import UTC, datetime

import pytest

from disclosed.errors import ReadError
from disclosed.read.warc import read_warc

from .conftest import article_html, write_warc

GOOD_ONE = article_html(
    "Nurses disciplined over WhatsApp messages",
    ["A health board disciplined four nurses after messages about patients were shared in a group chat."] * 3,
)
GOOD_TWO = article_html(
    "Prison officers sacked for Snapchat videos",
    ["Two prison officers were dismissed after filming inside a wing and posting the clips online."] * 3,
)


def archive_records():
    return [
        {"uri": "https://news.example.org/nurses", "payload": GOOD_ONE},
        {"uri": "https://news.example.org/logo.png", "payload": b"\x89PNG\r\n\x1a\n", "ctype": "image/png"},
        {"uri": "https://news.example.org/missing", "payload": GOOD_TWO, "status": "404 Not Found"},
        {"uri": "https://news.example.org/nurses", "payload": b"", "type": "request"},
        {"uri": "https://news.example.org/broken", "payload": b"\x00\x01\x02\xff" * 200},
        {
            "uri": "https://news.example.org/bad-gzip",
            "payload": b"this is not gzip at all",
            "headers": [("Content-Encoding", "gzip")],
        },
        {"uri": "https://news.example.org/prison", "payload": GOOD_TWO, "date": "2022-03-04T05:06:07Z"},
    ]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_pages_errors_and_skipped_records(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")

    write_warc(path, archive_records(), gzip=gzip)
    items = list(read_warc(path, max_bytes=1024 * 1024))

    documents = [i for i in items if not isinstance(i, ReadError)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.source for d in documents] == [
        "https://news.example.org/nurses",
        "https://news.example.org/prison",
    ]
    assert all(d.format == "warc" and d.container == str(path) for d in documents)
    assert documents[0].title == "Nurses disciplined over WhatsApp messages"
    assert "four nurses" in documents[0].text and "Front page" not in documents[0].text
    assert documents[0].outlet == "The Wexley Courier"
    assert documents[1].retrieved == datetime(2022, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert documents[1].name == "https://news.example.org/prison"

    assert len(errors) == 2  # the image, the 404 and the request record are skipped silently
    assert str(path) in str(errors[0]) and "https://news.example.org/broken" in str(errors[0])
    assert "https://news.example.org/bad-gzip" in str(errors[1])


def test_size_limit_applies_per_record(tmp_path):

    big = article_html("Long page", ["Council staff were reminded of the social media policy. " * 40] * 20)
    path = tmp_path / "sizes.warc.gz"
    write_warc(
        path,
        [
            {"uri": "https://a.example/big", "payload": big},
            {"uri": "https://a.example/small", "payload": GOOD_ONE},
        ],
    )
    items = list(read_warc(path, max_bytes=len(GOOD_ONE) + 100))
    assert isinstance(items[0], ReadError) and "too large" in items[0].reason
    assert "https://a.example/big" in str(items[0])
    assert items[1].source == "https://a.example/small"


def test_damaged_framing_stops_with_an_error(tmp_path):

    path = tmp_path / "cut.warc.gz"
    write_warc(path, [{"uri": "https://a.example/one", "payload": GOOD_ONE}])
    whole = path.read_bytes()
    path.write_bytes(
        whole + gzip_module.compress(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n")
    )
    items = list(read_warc(path, max_bytes=1024 * 1024))
    assert items[0].source == "https://a.example/one"
    assert isinstance(items[-1], ReadError)
    assert str(path) in str(items[-1])
