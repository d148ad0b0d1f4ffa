"""Builders for the read tests: FOI-style PDFs (fpdf2) and WARC archives (warcio) made on the fly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).parent / "fixtures"

LETTER_OPENING = (
    "Ashcombe County Council\n"
    "Freedom of Information response\n"
    "\n"
    "Date: 17 October 2018\n"
    "\n"
    "You asked how many council employees were disciplined for misuse of social media in the "
    "last three financial years. We hold this information and it is set out in the table below."
)
LETTER_TABLE = [
    ["Financial year", "Dismissed", "Final warning", "Written warning"],
    ["2015/16", "1", "2", "6"],
    ["2016/17", "0", "3", "4"],
    ["2017/18", "2", "1", "7"],
]
LETTER_CLOSING = "No employee left the council while an investigation into their online conduct was open."


def build_letter_pdf(title: str | None = "FOI 2018-1177 response", with_table: bool = True) -> bytes:
    """A one-page FOI response letter: opening paragraphs, a table of outcomes, a closing line."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    pdf.multi_cell(0, 6, LETTER_OPENING)
    pdf.ln(6)
    if with_table:
        with pdf.table() as table:
            for cells in LETTER_TABLE:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        pdf.ln(6)
    pdf.multi_cell(0, 6, LETTER_CLOSING)
    return bytes(pdf.output())


def build_image_only_pdf() -> bytes:
    """A 'scanned' page: a picture of a letter, with no text layer."""
    image = Image.new("RGB", (400, 300), "white")
    draw = ImageDraw.Draw(image)
    for y in range(30, 280, 20):
        draw.line((30, y, 370, y), fill="black", width=3)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner-secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def article_html(headline: str, paragraphs: list[str], site: str = "The Wexley Courier") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{headline}</title><meta property='og:site_name' content='{site}'>"
        "<meta property='article:published_time' content='2021-06-02T08:00:00Z'></head><body>"
        "<nav><a href='/'>Front page</a> <a href='/news'>All the news</a></nav>"
        f"<article><h1>{headline}</h1>{body}</article>"
        "<footer>Wexley Courier Ltd, all rights reserved</footer></body></html>"
    ).encode()


def write_warc(path: Path, records: list[dict], gzip: bool = True) -> None:
    """A WARC holding the given records: dicts with uri, payload and optionally type/status/ctype/headers."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for spec in records:
            record_type = spec.get("type", "response")
            http_headers = None
            if record_type in ("response", "request"):
                headers = [("Content-Type", spec.get("ctype", "text/html; charset=utf-8"))]
                headers += spec.get("headers", [])
                status_line = spec.get("status", "200 OK") if record_type == "response" else "GET / HTTP/1.1"
                http_headers = StatusAndHeaders(status_line, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                spec["uri"],
                record_type,
                payload=io.BytesIO(spec["payload"]),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": spec.get("date", "2022-01-05T10:11:12Z")},
            )
            writer.write_record(record)


@pytest.fixture
def letter_pdf() -> bytes:
    return build_letter_pdf()
