"""PDF reading: the text layer, with tables kept as cell grids rendered once where they stand."""

from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median
from typing import Any

import pdfplumber
from pypdf import PdfReader

from disclosed.errors import ReadError
from disclosed.model import Document, Table, render_table
from disclosed.read import limits
from disclosed.read.dates import date_from_text
from disclosed.read.text import clean_text, headline

# pdfminer and pypdf log (and warn) about every odd object in real-world PDFs; a reader reports by
# ReadError instead, so their chatter must never reach the user's terminal.
for _name in ("pdfminer", "pypdf", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_EOF_WINDOW = 2048  # a complete PDF ends with %%EOF, perhaps followed by a little padding

# A line near the top of a letter that is, or starts with, its date: "Date: 3 April 2019",
# "Thursday 3rd April 2019", "3 April 2019".
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_LETTER_DATE = re.compile(
    r"^(?:date(?:d)?\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})\s*$",
    re.IGNORECASE,
)
_LETTER_DATE_LINES = 25

# Producer-made titles that name a file rather than the document.
_JUNK_TITLE = re.compile(r"^(?:microsoft\s+\w+\s*-|untitled\b)|\.(?:docx?|pdf|odt|rtf|xlsx?)$", re.IGNORECASE)

_PARAGRAPH_GAP = 0.8  # a gap between lines above this share of the line height starts a new paragraph


@dataclass
class _Block:
    top: float
    text: str


def _short(err: BaseException) -> str:
    message = str(err).strip().splitlines()[0] if str(err).strip() else ""
    message = message[:120]
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def _letter_date(text: str) -> date | None:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines[:_LETTER_DATE_LINES]:
        found = _LETTER_DATE.match(line)
        if not found:
            continue
        month = _MONTHS.get(found.group(2).lower())
        if month is None:
            continue
        try:
            return date(int(found.group(3)), month, int(found.group(1)))
        except ValueError:
            continue
    return None


def _metadata_date(value: Any) -> date | None:
    """A PDF date string ("D:20190403101500+01'00'") as a date."""
    if isinstance(value, datetime):
        return value.date()
    found = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1))
    except ValueError:
        return None


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x_mid = (obj["x0"] + obj["x1"]) / 2
    y_mid = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x_mid <= x1 and top <= y_mid <= bottom for x0, top, x1, bottom in boxes)


def _line_blocks(lines: list[dict[str, Any]]) -> list[_Block]:
    """Text lines grouped into paragraphs by the vertical gaps between them."""
    if not lines:
        return []
    height = median(line["bottom"] - line["top"] for line in lines) or 1.0
    blocks: list[_Block] = []
    current: list[str] = []
    start = lines[0]["top"]
    previous_bottom = None
    for line in lines:
        if (
            previous_bottom is not None
            and line["top"] - previous_bottom > _PARAGRAPH_GAP * height
            and current
        ):
            blocks.append(_Block(start, "\n".join(current)))
            current, start = [], line["top"]
        current.append(line["text"])
        previous_bottom = line["bottom"]
    if current:
        blocks.append(_Block(start, "\n".join(current)))
    return blocks


def _page_content(page: Any, number: int) -> tuple[list[str], list[Table]]:
    """A page's paragraphs and tables in reading order (top to bottom), tables rendered in place."""
    found = page.find_tables()
    tables: list[Table] = []
    blocks: list[_Block] = []
    boxes = []
    for table in found:
        rows = [[(cell or "").strip() for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if max((sum(1 for cell in row if cell) for row in rows), default=0) < 2:
            continue  # a box drawn around text, not a table: its text is read as ordinary lines
        boxes.append(table.bbox)
        grid = Table(rows=rows, page=number)
        tables.append(grid)
        blocks.append(_Block(table.bbox[1], render_table(grid)))
    outside = (
        page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
        if boxes
        else page
    )
    lines = outside.extract_text_lines(return_chars=False)
    blocks.extend(_line_blocks(lines))
    blocks.sort(key=lambda block: block.top)
    return [block.text for block in blocks], tables


def _has_fonts(reader: PdfReader) -> bool:
    try:
        for page in reader.pages:
            resources = page.get("/Resources")
            if resources is not None and resources.get_object().get("/Font"):
                return True
    except Exception:  # a broken resource dictionary: no evidence of fonts
        return False
    return False


def read_pdf(data: bytes, source: str) -> Document:
    """A PDF's text layer and tables. Raises ReadError for damaged, encrypted and scanned PDFs.

    `published` is the letter date printed near the top of the first page when there is one;
    otherwise it falls back to the PDF's CreationDate metadata, which is when the file was
    made: usually the response date for an FOI letter, but only an approximation.
    """
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise ReadError(source, "damaged PDF: truncated (no end-of-file marker)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ReadError(source, "encrypted PDF")
            metadata = reader.metadata or {}
            page_count = len(reader.pages)
        except ReadError:
            raise
        except Exception as err:
            if "decrypt" in str(err).lower() or "password" in str(err).lower():
                raise ReadError(source, "encrypted PDF") from None
            raise ReadError(source, f"damaged PDF: {_short(err)}") from None
        if page_count == 0:
            raise ReadError(source, "damaged PDF: no pages")
        if page_count > limits.MAX_PDF_PAGES:
            raise ReadError(source, f"too many pages ({page_count} > {limits.MAX_PDF_PAGES} limit)")

        blocks: list[str] = []
        tables: list[Table] = []
        try:
            with pdfplumber.open(io.BytesIO(data), password="") as pdf:
                for number, page in enumerate(pdf.pages, start=1):
                    page_blocks, page_tables = _page_content(page, number)
                    page.close()  # drop the page's parsed objects: memory stays flat on long PDFs
                    blocks.extend(page_blocks)
                    tables.extend(page_tables)
        except Exception as err:
            raise ReadError(source, f"damaged PDF: {_short(err)}") from None

    text = clean_text("\n\n".join(blocks))
    if not text.strip():
        if _has_fonts(reader):
            # Fonts but no readable text: the content streams are broken, not missing.
            raise ReadError(source, "damaged PDF: its text could not be read")
        raise ReadError(source, "no text layer (scanned PDF?)")
    raw_title = str(metadata.get("/Title") or "").strip()
    title = raw_title if raw_title and not _JUNK_TITLE.search(raw_title) else headline(text)
    found = date_from_text(text)
    letter, created = _letter_date(text), _metadata_date(metadata.get("/CreationDate"))
    published, published_from = (
        (letter, "letter date") if letter
        else found if found
        else (created, "pdf CreationDate") if created
        else (None, None)
    )
    return Document(text=text, title=title, published=published, published_from=published_from,
                    source=source, format="pdf", tables=tables)
