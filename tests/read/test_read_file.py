"""read_file and read_bytes: any file in, Documents or ReadError values out, never an exception."""

from __future__ import annotations

import codecs
import os
import shutil

import pytest

from disclosed.errors import ReadError
from disclosed.model import Document
from disclosed.read import DEFAULT_MAX_BYTES, read_bytes, read_file

from .conftest import (
    FIXTURES,
    LETTER_TABLE,
    article_html,
    build_image_only_pdf,
    build_letter_pdf,
    encrypt_pdf,
    write_warc,
)


def only(path, **kwargs):
    items = list(read_file(path, **kwargs))
    assert len(items) == 1
    return items[0]


def error_for(path, **kwargs) -> ReadError:
    item = only(path, **kwargs)
    assert isinstance(item, ReadError), item
    assert item.source == str(path)
    assert str(item).startswith(f"{path}: ")
    return item


def test_each_format(tmp_path):
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(build_letter_pdf())
    assert only(pdf).format == "pdf"
    assert only(pdf).tables[0].rows == LETTER_TABLE
    assert only(FIXTURES / "news_page.html").format == "html"
    text = only(FIXTURES / "foi_response.txt")
    assert isinstance(text, Document) and text.format == "text"
    assert text.source == str(FIXTURES / "foi_response.txt")
    assert text.name == "foi_response.txt"


def test_format_comes_from_content_not_extension(tmp_path):
    html_as_txt = tmp_path / "page.txt"
    shutil.copy(FIXTURES / "news_page.html", html_as_txt)
    document = only(html_as_txt)
    assert document.format == "html" and document.tables and "Most read" not in document.text

    text_as_pdf = tmp_path / "reply.pdf"
    shutil.copy(FIXTURES / "foi_response.txt", text_as_pdf)
    assert only(text_as_pdf).format == "text"

    pdf_as_html = tmp_path / "letter.html"
    pdf_as_html.write_bytes(build_letter_pdf())
    assert only(pdf_as_html).format == "pdf"


def test_warc_yields_every_page(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    pages = [
        article_html(
            "Teachers warned about TikTok", ["A trust warned three teachers about videos filmed in class."]
        ),
        article_html(
            "Paramedic dismissed", ["An ambulance service dismissed a paramedic over photographs online."]
        ),
    ]
    write_warc(path, [{"uri": f"https://n.example/{i}", "payload": p} for i, p in enumerate(pages)])
    items = list(read_file(path))
    assert [d.source for d in items] == ["https://n.example/0", "https://n.example/1"]
    assert all(d.container == str(path) for d in items)


def test_size_limit_for_a_warc_applies_per_page_not_to_the_archive(tmp_path):
    path = tmp_path / "crawl.warc"
    page = article_html(
        "Officer sacked", ["A police officer was sacked for racist messages in a group chat."]
    )
    write_warc(path, [{"uri": f"https://n.example/{i}", "payload": page} for i in range(5)], gzip=False)
    assert path.stat().st_size > 3 * len(page)
    items = list(read_file(path, max_bytes=len(page) + 200))
    assert len(items) == 5 and all(isinstance(d, Document) for d in items)


def test_does_not_exist(tmp_path):
    assert error_for(tmp_path / "nope.pdf").reason == "does not exist"


def test_a_folder_is_not_a_file(tmp_path):
    assert error_for(tmp_path).reason == "not a regular file (a folder)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert error_for(fifo).reason == "not a regular file"


def test_no_read_permission(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Private notes about a case.")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: simulate what any other user would see
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode: False if str(p) == str(path) else real_access(p, mode)
        )
    assert error_for(path).reason == "no read permission"


def test_permission_error_on_open(tmp_path, monkeypatch):
    path = tmp_path / "racy.txt"
    path.write_text("Permissions changed after the check.")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    assert error_for(path).reason == "no read permission"


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: instant, takes no disk
    read_sizes = []
    real_open = open

    class Spy:
        def __init__(self, stream):
            self.stream = stream

        def read(self, size=-1):
            read_sizes.append(size)
            return self.stream.read(size)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

    monkeypatch.setattr(
        "builtins.open",
        lambda f, *a, **k: Spy(real_open(f, *a, **k)) if str(f) == str(path) else real_open(f, *a, **k),
    )
    assert error_for(path).reason == "too large (200.0 MB > 50.0 MB limit)"
    assert all(0 < size <= 64 * 1024 for size in read_sizes)  # at most a sniff of the head
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_max_bytes_is_configurable(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes(b"x" * 3000)
    assert error_for(path, max_bytes=1024).reason == "too large (2.9 KB > 1.0 KB limit)"


@pytest.mark.parametrize("content", [b"", b" \n\n\t  \r\n", codecs.BOM_UTF8])
def test_empty(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert error_for(path).reason == "empty document"


@pytest.mark.parametrize("name", ["junk.bin", "junk.pdf", "junk.txt", "junk.html"])
def test_binary_junk_whatever_its_name(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert error_for(path).reason == "not a document (binary data)"


def test_undecodable_text(tmp_path):
    path = tmp_path / "mangled.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Three staff were \xc3\x28 dismissed")
    assert "invalid utf-8" in error_for(path).reason


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: build_letter_pdf()[:1500], "damaged PDF: truncated (no end-of-file marker)"),
        (lambda: encrypt_pdf(build_letter_pdf(), "pw"), "encrypted PDF"),
        (build_image_only_pdf, "no text layer (scanned PDF?)"),
        (lambda: b"<html><head><title>Only a head</title></head></html>", "no main text found"),
    ],
    ids=["truncated-pdf", "encrypted-pdf", "scanned-pdf", "html-without-body"],
)
def test_unreadable_documents(tmp_path, make, reason):
    path = tmp_path / "document.pdf"
    path.write_bytes(make())
    assert error_for(path).reason == reason


def test_unexpected_library_failure_becomes_a_read_error(tmp_path, monkeypatch):
    path = tmp_path / "page.html"
    shutil.copy(FIXTURES / "news_page.html", path)

    def explode(*args, **kwargs):
        raise RuntimeError("something deep inside a library")

    monkeypatch.setattr("disclosed.read.html.bare_extraction", explode)
    error = error_for(path)
    assert error.reason == "HTML extraction failed (RuntimeError)"


def test_read_bytes_for_uploads():
    document = read_bytes((FIXTURES / "foi_response.txt").read_bytes(), "upload.txt")
    assert document.format == "text" and document.source == "upload.txt"
    with pytest.raises(ReadError, match="binary data"):
        read_bytes(b"\x00\x01\x02" * 100, "upload.bin")
