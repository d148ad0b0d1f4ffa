"""Plain-text reading: byte decoding (BOMs, UTF-8, UTF-16, Windows-1252, detected others) and read_text."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from charset_normalizer import from_bytes

from disclosed.errors import ReadError
from disclosed.model import Document
from disclosed.read.dates import date_from_text

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Single-byte Western code pages that charset-normalizer can't tell apart on short English text;
# for UK documents Windows-1252 is by far the likeliest ("£" is 0xA3 there, "Ł" in cp1250).
_WESTERN_SINGLE_BYTE = re.compile(r"^(cp125\d|windows_125\d|latin_1|iso8859_\d+|mac_\w+|cp850|cp437)$")

# Control characters other than tab, newline, carriage return, form feed and vertical tab.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")  # C0 and C1 controls
_CONTROL_BYTES = re.compile(
    rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]"
)  # ESC (0x1b) is legitimate in old code pages
_MAX_CONTROL_RATIO = 0.01

# UTF-8 with a few invalid bytes (a bad copy, a stray 0xFF) is still UTF-8: decoded with U+FFFD for
# them and a warning, instead of the whole document guessed as some code page.
_MAX_BAD_UTF8_RATIO = 0.001
_log = logging.getLogger("disclosed.read")

_TITLE_MAX_CHARS = 150
_TITLE_MAX_WORDS = 20


class UndecodableError(ValueError):
    """Bytes that no text encoding explains; `reason` is the one-line message for a ReadError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in ASCII-range text in UTF-16."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _is_textual(text: str) -> bool:
    if not text:
        return True
    return len(_CONTROL.findall(text)) / len(text) <= _MAX_CONTROL_RATIO


def _decode_with(data: bytes, encoding: str, partial: bool) -> str:
    if partial:
        # A head cut at an arbitrary byte may end inside a character: decode incrementally and
        # drop the incomplete tail instead of failing on it.
        return codecs.getincrementaldecoder(encoding)("strict").decode(data, final=False)
    return data.decode(encoding)


def decode_text(data: bytes, declared: str | None = None, *, partial: bool = False,
                source: str | None = None) -> tuple[str, str]:
    """Decode document bytes to text; returns (text, encoding name).

    Order: a BOM, then strict UTF-8, then the `declared` charset (an HTTP header or <meta>) if
    it decodes cleanly, then BOM-less UTF-16, then charset-normalizer. `partial=True` tolerates
    a character cut at the end (for sniffing a file's first bytes). Raises UndecodableError.
    """
    body, bom_encoding = _strip_bom(data)
    if bom_encoding:
        try:
            text = _decode_with(body, bom_encoding, partial)
        except UnicodeDecodeError as err:
            raise UndecodableError(f"invalid {bom_encoding} text after its byte order mark") from err
        if not _is_textual(text):
            raise UndecodableError("not a document (binary data)")
        return text, bom_encoding

    # Strict UTF-8 comes before the declared charset: non-ASCII text that happens to be valid
    # UTF-8 is almost never anything else, while pages that declare windows-1252 and are really
    # UTF-8 are common (the declaration is a template default).
    try:
        text = _decode_with(body, "utf-8", partial)
        if _is_textual(text):
            return text, "utf-8"
    except UnicodeDecodeError:
        mostly = _mostly_utf8(body, source)
        if mostly is not None:
            return mostly, "utf-8"
    candidates: list[str] = []
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = None
        if name:
            # As browsers do (WHATWG encoding standard): a Latin-1 or ASCII label means Windows-1252.
            candidates.append("cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name)
    utf16 = _looks_like_bomless_utf16(body)
    if utf16:
        candidates.append(utf16)
    for encoding in candidates:
        try:
            text = _decode_with(body, encoding, partial)
        except UnicodeDecodeError:
            continue
        if _is_textual(text):
            return text, encoding

    sample = body[:4096]
    if b"\x00" in sample or len(_CONTROL_BYTES.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        # NUL and other control bytes outside UTF-16 text mean binary data; charset-normalizer
        # would otherwise happily find some exotic code page for it.
        raise UndecodableError("not a document (binary data)")
    best = from_bytes(body[:200_000] if partial else body).best()
    if best is None:
        raise UndecodableError("invalid byte sequences that no text encoding explains")
    encoding = best.encoding
    if _WESTERN_SINGLE_BYTE.match(encoding):
        try:
            text = _decode_with(body, "cp1252", partial)
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = _decode_with(body, encoding, partial)
    else:
        try:
            text = _decode_with(body, encoding, partial)
        except (UnicodeDecodeError, LookupError) as err:
            raise UndecodableError("invalid byte sequences that no text encoding explains") from err
    if not _is_textual(text):
        raise UndecodableError("not a document (binary data)")
    return text, encoding


def _mostly_utf8(body: bytes, source: str | None) -> str | None:
    """The text when `body` is UTF-8 but for a few invalid bytes (at most one in a thousand, and
    fewer than its valid multi-byte characters): those become U+FFFD, with a warning."""
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad > max(1, _MAX_BAD_UTF8_RATIO * len(body)) or valid_non_ascii < bad or not _is_textual(text):
        return None
    _log.warning("%s: %d invalid UTF-8 byte%s replaced with U+FFFD", source or "text", bad,
                 "" if bad == 1 else "s")
    return text


def clean_text(text: str) -> str:
    """Line endings unified, NFC, trailing spaces dropped, runs of blank lines folded to one."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def headline(text: str) -> str | None:
    """The first non-empty line when it reads like a headline: short and without a final full stop."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) > _TITLE_MAX_CHARS or len(line.split()) > _TITLE_MAX_WORDS or line.endswith("."):
            return None
        return line
    return None


def read_text(data: bytes, source: str) -> Document:
    """A plain-text document from its bytes, decoded whatever the encoding. Raises ReadError."""
    try:
        raw, _ = decode_text(data, source=source)
    except UndecodableError as err:
        raise ReadError(source, err.reason) from None
    text = clean_text(raw)
    if not text.strip():
        raise ReadError(source, "empty document")
    found = date_from_text(text)
    return Document(
        text=text,
        title=headline(text),
        published=found.value if found else None,
        published_from=found.source if found else None,
        source=source,
        format="text",
    )
