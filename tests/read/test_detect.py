"""detect_format: a document's format comes from its bytes, never its name."""

from __future__ import annotations

import gzip
import os

import pytest

from disclosed.read.detect import detect_format

from .conftest import FIXTURES, build_letter_pdf


def test_pdf_by_magic_number():
    assert detect_format(build_letter_pdf()[:2048]) == "pdf"


def test_warc_plain_and_gzipped():
    header = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n"
    assert detect_format(header) == "warc"
    assert detect_format(gzip.compress(header)) == "warc"


def test_gzip_that_is_not_a_warc_is_not_a_document():
    assert detect_format(gzip.compress(b"just some compressed words")) is None


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><body><p>Hi</p></body></html>",
        b"\xef\xbb\xbf\n  <html lang='en'><head><title>x</title></head></html>",
        b"<!-- saved page -->\n<HTML><BODY>text</BODY></HTML>",
        b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>",
        b"<p>A fragment that opens with a paragraph.</p>",
        "<!DOCTYPE html><html><body>utf-16</body></html>".encode("utf-16"),
    ],
)
def test_html_by_markup_at_the_start(head):
    assert detect_format(head) == "html"


@pytest.mark.parametrize(
    "head",
    [
        b"Figures released under FOI: <5 staff were dismissed.",
        b"Text that mentions <html> later on is still text.",
        (FIXTURES / "foi_response.txt").read_bytes(),
        "Staff \u2018warned\u2019 \u00a3".encode("cp1252"),
    ],
)
def test_text_otherwise(head):
    assert detect_format(head) == "text"


def test_binary_is_none():
    assert detect_format(os.urandom(4096) + b"\x00") is None
    assert detect_format(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00") is None


def test_head_cut_inside_a_character_is_still_text():
    data = "Costs of \u00a3300 and \u20ac50 were quoted.".encode()
    cut = data[: data.index("\u20ac".encode()) + 1]  # ends mid-way through the euro sign
    assert detect_format(cut) == "text"
