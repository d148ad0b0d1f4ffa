"""read_text: plain text in any common encoding, the title from a headline-like first line."""

from __future__ import annotations

import codecs

import pytest

from disclosed.errors import ReadError
from disclosed.model import text_sha256
from disclosed.read.text import decode_text, headline, read_text

from .conftest import FIXTURES

SAMPLE = (
    "Police staff disciplined over posts\n\n"
    "The force\u2019s reply said \u201cfewer than five\u201d officers were dismissed, "
    "and legal costs came to \u00a34,250 \u2013 a figure it called modest.\n"
)


@pytest.mark.parametrize(
    "encoded",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # no BOM
        SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "cp1252"],
)
def test_every_common_encoding_gives_the_same_text(encoded):
    document = read_text(encoded, "letter.txt")
    assert document.text == SAMPLE.strip()
    assert "\u00a34,250" in document.text and "\u201cfewer than five\u201d" in document.text
    assert document.sha256 == text_sha256(SAMPLE)
    assert document.format == "text"
    assert document.source == "letter.txt"


def test_cp1252_pound_sign_is_not_read_as_polish_l():
    text, encoding = decode_text("Fine of \u00a3200 for \u201cposts\u201d".encode("cp1252"))
    assert encoding == "cp1252"
    assert "\u00a3200" in text


def test_fixture_letter():
    document = read_text((FIXTURES / "foi_response.txt").read_bytes(), "foi_response.txt")
    assert document.title == "Freedom of Information request FOI-2020-0381"
    assert "nine employees were disciplined" in document.text
    assert document.published is None and document.outlet is None
    assert "\r" not in document.text


def test_crlf_and_blank_line_runs_are_tidied():
    document = read_text(b"Heading\r\n\r\n\r\n\r\nBody line one.\r\nBody line two.\r\n", "x.txt")
    assert document.text == "Heading\n\nBody line one.\nBody line two."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staff sacked over tweets\n\nBody.", "Staff sacked over tweets"),
        ("\n\n   Disclosure log 2019   \nBody.", "Disclosure log 2019"),
        ("This first line is an ordinary sentence.\nMore.", None),
        ("word " * 40 + "\nMore.", None),
    ],
)
def test_headline(text, expected):
    assert headline(text) == expected


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n\n", "  \n".encode("utf-16")])
def test_empty_or_whitespace_only(data):
    with pytest.raises(ReadError, match="empty document"):
        read_text(data, "blank.txt")


def test_invalid_utf8_after_a_bom_names_the_file():
    with pytest.raises(ReadError) as caught:
        read_text(codecs.BOM_UTF8 + b"Staff were \xc3\x28 dismissed", "broken.txt")
    assert str(caught.value).startswith("broken.txt: invalid utf-8")


def test_bytes_no_encoding_explains():
    with pytest.raises(ReadError, match="no text encoding explains"):
        read_text(b"Staff were dismissed " + bytes(range(0x80, 0x100)) + b" and warned.\n", "odd.txt")


def test_binary_data_is_refused():
    with pytest.raises(ReadError, match="binary data"):
        read_text(b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x10" * 20, "blob.txt")
