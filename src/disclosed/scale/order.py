"""The one order of documents that decides which of two copies is the earlier one.

Publication date first, then capture date (a WARC page's WARC-Date), then the source path or URL;
a missing date sorts after every known one. Built from the JSON forms of the values, so a Document
and its row read back from Parquet give the same key.
"""

from __future__ import annotations

from datetime import date, datetime

from disclosed.model import Document

OrderKey = tuple[bool, str, bool, str, str]


def order_key_of(published: date | str | None, retrieved: datetime | str | None, source: str) -> OrderKey:
    """The order key from a document's publication date, capture time and source (or their ISO strings)."""
    pub = published.isoformat() if isinstance(published, date) else (published or "")
    ret = retrieved.isoformat() if isinstance(retrieved, datetime) else (retrieved or "")
    return (not pub, pub, not ret, ret, source)


def order_key(doc: Document) -> OrderKey:
    """Where `doc` comes in the order of documents: earlier documents are the originals of copies."""
    return order_key_of(doc.published, doc.retrieved, doc.source)
