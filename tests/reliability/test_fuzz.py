"""Hypothesis fuzzing with a fixed budget: every reader either gives Documents or ReadErrors (never
another exception), and the extractor never raises and keeps its evidence inside the text.
A crash found here is kept below as a regression example."""

from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from disclosed.errors import ReadError
from disclosed.extract.document import extract_all
from disclosed.model import Document
from disclosed.read import read_bytes, read_html, read_pdf, read_text, read_warc

BUDGET = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                  database=None, derandomize=True)

WORDS = ["The", "Home", "Office", "dismissed", "12", "staff", "over", "Facebook", "posts", "in", "2021",
         "twelve", "council", "police", "warnings", "said", "\"", ":", ";", ",", ".", "\n", "\n\n", "£5",
         "between", "and", "2019/20", "fewer than five", "*", "–", "<p>", "</td>", "%PDF-1.4", "\x00",
         "\ufffd"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join) | st.text(max_size=400)
DATA = st.binary(max_size=2000) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))


def _only_read_errors(call) -> None:
    try:
        result = call()
    except ReadError as err:
        assert "\n" not in str(err)
        return
    for item in result if isinstance(result, list) else [result]:
        assert isinstance(item, Document | ReadError)


@BUDGET
@given(DATA)
@example(b"\xef\xbb\xbf")  # a BOM and nothing else
@example(b"%PDF-1.4\n%%EOF")
def test_read_bytes_and_read_text_raise_only_read_errors(data):
    _only_read_errors(lambda: read_bytes(data, "fuzz.txt"))
    _only_read_errors(lambda: read_text(data, "fuzz.txt"))


@BUDGET
@given(DATA | TEXTS.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>".encode()))
@example(b"<html><body><template><p>x</p></template></body></html>")
def test_read_html_raises_only_read_errors(data):
    _only_read_errors(lambda: read_html(data, "fuzz.html"))


@BUDGET
@given(st.binary(max_size=1500))
def test_read_pdf_raises_only_read_errors(junk):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Sefton Council dismissed 4 staff.")
    good = bytes(pdf.output())
    cut = len(junk) % max(1, len(good))
    for data in (junk, good[:cut] + junk, good[: len(good) - cut] + b"%%EOF", good.replace(b"obj", junk[:3])):
        _only_read_errors(lambda data=data: read_pdf(data, "fuzz.pdf"))


@BUDGET
@given(st.binary(max_size=1500), st.booleans())
def test_read_warc_raises_only_read_errors(tmp_path_factory, junk, zipped):
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(junk)
              + junk + b"\r\n\r\n")
    path = Path(tmp_path_factory.mktemp("warc")) / ("fuzz.warc.gz" if zipped else "fuzz.warc")
    path.write_bytes(gzip.compress(record) if zipped else record)
    _only_read_errors(lambda: list(read_warc(path, max_bytes=1024 * 1024)))


@BUDGET
@given(TEXTS)
@example("The Home Office dismissed 12 staff; " * 3 + "\x00")
def test_the_extractor_never_raises_and_its_evidence_is_in_the_text(text):
    doc = Document(text=text or "-", source="fuzz.txt", format="text")
    found = extract_all(doc)
    for record in [*found.figures, *found.policies, *found.statements]:
        assert 0 <= record.evidence_start <= record.evidence_end <= len(doc.text)

