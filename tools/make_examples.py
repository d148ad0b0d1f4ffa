"""Regenerates the binary examples: an FOI letter as PDF (fpdf2) and a news-site crawl as WARC (warcio).

The text of both lives here, so the committed .pdf and .warc.gz can be rebuilt byte-for-byte:
    .venv/bin/python tools/make_examples.py            # writes into src/disclosed/examples/
    .venv/bin/python tools/make_examples.py --out DIR
Gold figures for them are in src/disclosed/examples/expected.json; change both together.
"""

from __future__ import annotations

import argparse
import html
import io
from datetime import UTC, datetime
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "disclosed" / "examples"
PDF_NAME = "dvla_foi_response_2023.pdf"
WARC_NAME = "north_coast_chronicle_crawl.warc.gz"
SITE = "https://www.northcoastchronicle.co.uk"

# ----------------------------------------------------------------------------- the PDF letter

LETTER_HEAD = [
    "Driver and Vehicle Licensing Agency",
    "Longview Road, Swansea, SA6 7JL",
    "",
    "Our ref: FOIR-2023-02260",
    "Date: 21 March 2023",
    "",
    "Dear Ms Okafor",
    "",
    "Freedom of Information Act 2000 request",
]

LETTER_BEFORE_TABLE = [
    "Thank you for your request of 22 February 2023. Following our reply of March 2022, you asked for "
    "the number of DVLA staff disciplined for inappropriate use of social media in 2021 and in 2022, "
    "broken down by year and by outcome.",
    "Since our previous response we have reviewed how cases are recorded, and we are now able to give "
    "figures for individual years. They are set out in the table below. A case is counted in the year "
    "in which the disciplinary decision was made.",
]

LETTER_TABLE = [
    ["Outcome", "2021", "2022"],
    ["Dismissed", "2", "4"],
    ["Final written warning", "<5", "6"],
    ["First written warning", "5", "8"],
    ["Total", "9", "18"],
]

LETTER_AFTER_TABLE = [
    "Figures below five are shown as <5. The exact number is withheld under section 40(2) of the Act, "
    "because it could lead to the identification of the staff involved.",
    "In addition, three members of staff were suspended during 2022 while their cases were investigated. "
    "Suspension is a neutral act and is not counted as a disciplinary outcome in the table.",
    "DVLA employs around 6,200 people. Our social media guidance for staff was last updated in "
    "September 2022 and is available on request.",
    "If you are unhappy with the way your request has been handled, you can ask for an internal review "
    "within 40 working days of the date of this letter.",
    "Yours sincerely",
    "Information Rights Team",
]


def build_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2023, 3, 21, 9, 0, tzinfo=UTC))
    pdf.set_title("FOI response FOIR-2023-02260")
    pdf.set_author("Driver and Vehicle Licensing Agency")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in LETTER_HEAD:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for para in LETTER_BEFORE_TABLE:
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    with pdf.table(col_widths=(70, 30, 30), width=130, text_align=("LEFT", "RIGHT", "RIGHT")) as table:
        for row in LETTER_TABLE:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    pdf.ln(4)
    for para in LETTER_AFTER_TABLE:
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


# ----------------------------------------------------------------------------- the WARC crawl


def _page(title: str, published: str | None, body_html: str) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | North Coast Chronicle</title>
<meta property="og:site_name" content="North Coast Chronicle">
{meta}
</head>
<body>
<div class="cookies">We use cookies to improve your experience. <button>Accept</button></div>
<header><a href="/" class="masthead">North Coast Chronicle</a>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/farming">Farming</a>
<a href="/notices">Family notices</a></nav></header>
{body_html}
<aside class="most-read"><h3>Most read</h3><ol>
<li><a href="/news/causeway-visitors">Causeway visitor numbers pass 900,000</a></li>
<li><a href="/news/ballymoney-bypass">Ballymoney bypass delayed until 2023</a></li>
<li><a href="/sport/coleraine">Coleraine sign 21-year-old winger</a></li></ol></aside>
<footer>&copy; North Coast Chronicle 2021. 4 Railway Road, Coleraine BT52. Tel 028 7055 0000.</footer>
</body>
</html>
"""


def _article(headline: str, byline: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<main><article><h1>{html.escape(headline)}</h1>\n<p class="byline">{html.escape(byline)}</p>\n'
        f"{body}\n</article>\n"
        '<section class="comments"><h3>Comments</h3><p>Comments are closed on this article.</p></section>'
        "</main>"
    )


WARC_PAGES: list[tuple[str, str, str]] = [
    (
        f"{SITE}/",
        "2021-11-02T07:00:00Z",
        _page(
            "News from the Causeway Coast and Glens",
            None,
            """<main class="index">
<h1>Latest news</h1>
<ul class="teasers">
<li><a href="/news/psni-officers-whatsapp-messages">PSNI officers disciplined over WhatsApp messages</a>
<p>Figures show how the force dealt with officers' group chats.</p></li>
<li><a href="/news/belfast-trust-staff-facebook-posts">
Health trust acts over staff Facebook posts about patients</a>
<p>Campaigners say patients deserve better.</p></li>
<li><a href="/news/fire-service-social-media-complaints">
Fire service looks into firefighters' online comments</a>
<p>Service says standards apply off duty too.</p></li>
<li><a href="/news/weather-warning">Yellow weather warning for wind across County Antrim</a></li>
</ul></main>""",
        ),
    ),
    (
        f"{SITE}/news/psni-officers-whatsapp-messages",
        "2021-11-02T07:00:05Z",
        _page(
            "PSNI officers disciplined over WhatsApp messages",
            "2021-10-29T06:00:00+01:00",
            _article(
                "PSNI officers disciplined over WhatsApp messages",
                "By Niamh Quigley, 29 October 2021",
                [
                    "Thirty-one police officers were disciplined by the PSNI last year over messages shared "
                    "in WhatsApp groups, the North Coast Chronicle has learned.",
                    "Figures obtained by the Chronicle under the Freedom of Information Act show that seven "
                    "of the officers were suspended while the messages were investigated. Two were later "
                    "dismissed and one retired before a misconduct hearing.",
                    "The Police Service of Northern Ireland said nine members of police staff had also been "
                    "investigated over the same group chats in 2020.",
                    "The force, which has about 6,900 officers, said the messages included images of people "
                    'in custody. A senior officer said: "Every one of these officers knew the rules."',
                ],
            ),
        ),
    ),
    (
        f"{SITE}/news/belfast-trust-staff-facebook-posts",
        "2021-11-02T07:00:09Z",
        _page(
            "Health trust acts over staff Facebook posts about patients",
            "2021-10-21T18:30:00+01:00",
            _article(
                "Health trust acts over staff Facebook posts about patients",
                "By Conor Devlin, Health Correspondent, 21 October 2021",
                [
                    "The Belfast Health and Social Care Trust has disciplined 22 members of staff since 2018 "
                    "over Facebook posts about patients, according to a response to a Freedom of Information "
                    "request by the campaign group Patient Voice NI.",
                    "Five of the staff were dismissed and more than a dozen received final written warnings, "
                    "the trust said. It did not give a breakdown for every case.",
                    "The trust, which employs more than 22,000 people, said it had written to all staff in "
                    "2019 to remind them of their duty of confidentiality.",
                ],
            ),
        ),
    ),
    (
        f"{SITE}/news/fire-service-social-media-complaints",
        "2021-11-02T07:00:14Z",
        _page(
            "Fire service looks into firefighters' online comments",
            "2021-09-14T12:00:00+01:00",
            _article(
                "Fire service looks into firefighters' online comments",
                "By Staff Reporter, 14 September 2021",
                [
                    "The Northern Ireland Fire and Rescue Service investigated eight firefighters over "
                    "comments posted on social media in the last two years.",
                    "In three cases the service found that the firefighter had breached its code of conduct, "
                    "and each of the three was given a written warning. None was dismissed, NIFRS said.",
                    "The service operates 68 fire stations and has about 2,000 staff.",
                ],
            ),
        ),
    ),
]


def build_warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, (url, date, page) in enumerate(WARC_PAGES, start=1):
        payload = page.encode("utf-8")
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=http_headers,
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
            },
        )
        writer.write_record(record)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=EXAMPLES, help="directory to write into")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / PDF_NAME).write_bytes(build_pdf())
    (args.out / WARC_NAME).write_bytes(build_warc())
    print(f"wrote {args.out / PDF_NAME} and {args.out / WARC_NAME}")


if __name__ == "__main__":
    main()
