"""Format detection from a file's first bytes (its content, never its extension)."""

from __future__ import annotations

import re
import zlib

from disclosed.model import DocumentFormat
from disclosed.read.text import UndecodableError, decode_text

HEAD_BYTES = 64 * 1024  # how much of a file detect_format needs to see

_GZIP_MAGIC = b"\x1f\x8b"

# What may come before the first real tag: whitespace, an XML declaration, comments.
_HTML_PREAMBLE = re.compile(r"\A(?:\s+|<\?xml[^>]*\?>|<!--.*?-->)*", re.DOTALL)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|meta|title|div|article|main|section|header|table|h[1-6]|link|script|style)"
    r"[\s/>]",
    re.IGNORECASE,
)


def _is_gzipped_warc(head: bytes) -> bool:
    try:
        inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return False
    return inner.startswith(b"WARC/1.")


def looks_like_warc(head: bytes) -> bool:
    """True for a WARC archive, plain or gzipped (.warc.gz), from its first bytes (4 KB are enough)."""
    return head.startswith(b"WARC/1.") or (head.startswith(_GZIP_MAGIC) and _is_gzipped_warc(head))


def looks_like_html(text: str) -> bool:
    """True when markup (a doctype or a structural tag) opens the text, after whitespace and comments."""
    start = _HTML_PREAMBLE.match(text)
    rest = text[start.end() if start else 0 :]
    return bool(_HTML_START.match(rest[:1024]))


def detect_format(head: bytes) -> DocumentFormat | None:
    """The format of a document from its first bytes (see HEAD_BYTES), or None for binary data."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if looks_like_warc(head):
        return "warc"
    if head.startswith(_GZIP_MAGIC):
        return None  # compressed, but not a WARC
    try:
        text, _ = decode_text(head, partial=True)
    except UndecodableError:
        return None
    return "html" if looks_like_html(text.lstrip("\ufeff")) else "text"
