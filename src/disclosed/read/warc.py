"""WARC reading: every captured HTML page (HTTP 200 response) as a Document, streamed record by record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from disclosed.errors import ReadError
from disclosed.model import Document
from disclosed.read.html import read_html
from disclosed.read.limits import size_text

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _retrieved(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def read_warc(path: str | Path, *, max_bytes: int) -> Iterator[Document | ReadError]:
    """One Document per HTML page captured in a WARC (plain or gzipped), or a ReadError per bad record.

    `max_bytes` limits each page, not the archive. Records are streamed, so memory stays flat
    whatever the archive's size. A record that can't be read yields a ReadError naming the
    file and the URL and reading goes on; an archive whose framing is broken stops there.
    """
    container = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed in the finally below, across yields
    except OSError as err:
        yield ReadError(container, f"cannot open ({err.strerror or type(err).__name__})")
        return
    try:
        records = iter(ArchiveIterator(stream, no_record_parse=False))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as err:  # warcio raises ArchiveLoadFailed and others on broken framing
                detail = str(err).strip().splitlines()[0][:200] if isinstance(err, ArchiveLoadFailed) else ""
                yield ReadError(container, f"damaged WARC, reading stopped ({detail or type(err).__name__})")
                return
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{container} {url}".strip()
            try:
                http = record.http_headers
                if http is None:
                    continue
                status = http.get_statuscode()
                content_type = (http.get_header("Content-Type") or "").lower()
                if status != "200" or not content_type.startswith(_HTML_TYPES):
                    continue
                declared = record.rec_headers.get_header("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    yield ReadError(
                        where, f"too large ({size_text(int(declared))} > {size_text(max_bytes)} limit)"
                    )
                    continue
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield ReadError(where, f"too large (more than {size_text(max_bytes)} limit)")
                    continue
                if not body.strip():
                    yield ReadError(where, "empty document")
                    continue
                document = read_html(
                    body, url or container, url=url or None, charset=_charset(content_type), format="warc"
                )
            except ReadError as err:
                yield ReadError(where, err.reason)
                continue
            except Exception as err:  # a damaged record (bad chunking, bad gzip) must not stop the archive
                yield ReadError(where, f"damaged record ({type(err).__name__})")
                continue
            yield document.model_copy(
                update={
                    "container": container,
                    "retrieved": _retrieved(record.rec_headers.get_header("WARC-Date")),
                }
            )
    finally:
        stream.close()
