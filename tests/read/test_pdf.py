"""read_pdf: the text layer and its tables (each once, in place); clear errors for PDFs that can't be read."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from fpdf import FPDF

from disclosed.errors import ReadError
from disclosed.model import render_table
from disclosed.read.pdf import read_pdf

from .conftest import LETTER_CLOSING, LETTER_TABLE, build_image_only_pdf, build_letter_pdf, encrypt_pdf


@pytest.fixture(scope="module")
def letter():
    return read_pdf(build_letter_pdf(), "response.pdf")


def test_text_layer(letter):
    assert letter.text.startswith("Ashcombe County Council\nFreedom of Information response")
    assert "disciplined for misuse of social media" in letter.text
    assert LETTER_CLOSING in letter.text
    assert letter.format == "pdf" and letter.source == "response.pdf"


def test_table_as_a_grid(letter):
    assert len(letter.tables) == 1
    assert letter.tables[0].rows == LETTER_TABLE
    assert letter.tables[0].page == 1


def test_table_rendered_once_in_place_without_its_loose_cell_text(letter):
    rendered = render_table(letter.tables[0])
    assert letter.text.count(rendered) == 1
    assert letter.text.index("set out in the table below") < letter.text.index(rendered)
    assert letter.text.index(rendered) < letter.text.index(LETTER_CLOSING)
    # The text layer's own copy of the cells ("2015/16 1 2 6") must not appear as well.
    assert letter.text.count("2015/16") == 1
    assert letter.text.count("Written warning") == 1
    assert "\n\n" + rendered + "\n\n" in letter.text


def test_title_from_metadata_and_date_from_the_letter(letter):
    assert letter.title == "FOI 2018-1177 response"
    assert letter.published == date(2018, 10, 17)


def test_title_from_first_line_when_metadata_has_none():
    document = read_pdf(build_letter_pdf(title=None), "r.pdf")
    assert document.title == "Ashcombe County Council"


def test_title_from_first_line_when_metadata_names_a_file():
    document = read_pdf(build_letter_pdf(title="Microsoft Word - FOI1177.docx"), "r.pdf")
    assert document.title == "Ashcombe County Council"


def test_creation_date_when_the_text_has_no_letter_date():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_creation_date(datetime(2017, 5, 9, 12, 0))
    pdf.multi_cell(0, 6, "Thank you for your email. Two officers received management advice.")
    document = read_pdf(bytes(pdf.output()), "undated.pdf")
    assert document.published == date(2017, 5, 9)


def test_two_pages_keep_their_order_and_page_numbers():
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for number, rows in (
        (1, [["Force", "Cases"], ["North", "3"]]),
        (2, [["Force", "Cases"], ["South", "5"]]),
    ):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Part {number} of the response.")
        with pdf.table() as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
    document = read_pdf(bytes(pdf.output()), "two.pdf")
    assert [t.page for t in document.tables] == [1, 2]
    assert (
        document.text.index("| North | 3 |") < document.text.index("Part 2") < document.text.index("| South")
    )


def test_encrypted_with_a_password():
    with pytest.raises(ReadError) as caught:
        read_pdf(encrypt_pdf(build_letter_pdf(), user_password="let-me-in"), "locked.pdf")
    assert str(caught.value) == "locked.pdf: encrypted PDF"


def test_encrypted_with_an_empty_user_password_is_read():
    document = read_pdf(encrypt_pdf(build_letter_pdf(), user_password=""), "owner-only.pdf")
    assert document.tables[0].rows == LETTER_TABLE


def test_truncated():
    data = build_letter_pdf()
    with pytest.raises(ReadError, match=r"^cut\.pdf: damaged PDF: "):
        read_pdf(data[: len(data) * 2 // 3], "cut.pdf")


def test_damaged_body():
    with pytest.raises(ReadError, match=r"^junk\.pdf: damaged PDF: "):
        read_pdf(b"%PDF-1.7\n1 0 obj << /Type /Nonsense >>\ngarbage garbage\n%%EOF\n", "junk.pdf")


def test_broken_content_stream_is_damaged_not_scanned():
    broken = build_letter_pdf().replace(b"stream", b"strXam", 1)
    with pytest.raises(ReadError, match=r"^b\.pdf: damaged PDF: "):
        read_pdf(broken, "b.pdf")


def test_scanned_pdf_without_a_text_layer():
    with pytest.raises(ReadError) as caught:
        read_pdf(build_image_only_pdf(), "scan.pdf")
    assert str(caught.value) == "scan.pdf: no text layer (scanned PDF?)"


def test_nothing_is_printed(capfd):
    for data in (build_letter_pdf()[:900] + b"%%EOF", build_image_only_pdf()):
        with pytest.raises(ReadError):
            read_pdf(data, "noisy.pdf")
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_a_single_column_box_is_text_not_a_table():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    with pdf.table() as table:
        for text in ("Notes", "Every case was reviewed by human resources."):
            table.row().cell(text)
    document = read_pdf(bytes(pdf.output()), "notes.pdf")
    assert document.tables == []
    assert "Every case was reviewed by human resources." in document.text
    assert "|" not in document.text
