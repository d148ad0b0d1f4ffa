"""Builders for the scale tests: news pages written for these tests, packed into WARC files (warcio)."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WIRE = (
    "Figures released under the Freedom of Information Act show that {n} officers at Harrowmere "
    "Constabulary were disciplined over their use of social media between 2019 and 2022. Four of "
    "them were dismissed after posting offensive remarks about members of the public on Facebook, "
    "and the rest received written warnings. The force said it expected every officer to uphold "
    "the standards of professional behaviour online as well as on duty. A spokesperson added that "
    "officers are reminded each year that anything they share on WhatsApp or Twitter can be seen "
    "far beyond the group it was meant for."
)

PAGES = [
    # (url, published, capture date, headline, paragraphs)
    ("https://courier.example/news/harrowmere-officers", "2022-03-01", "2022-03-02T09:00:00Z",
     "Harrowmere officers disciplined over posts", [WIRE.format(n=17)]),
    ("https://gazette.example/local/police-social-media", "2022-03-03", "2022-03-03T11:00:00Z",
     "Police disciplined over social media use",
     [WIRE.format(n=17) + " The figures were obtained by the Gazette."]),
    ("https://weekly.example/2022/harrowmere", None, "2022-03-05T08:30:00Z",
     "Seventeen officers punished for online posts",
     ["This report first appeared elsewhere. " + WIRE.format(n=17)]),
    ("https://courier.example/news/council-emails", "2021-11-20", "2021-11-21T10:00:00Z",
     "Council staff warned over emails",
     ["Nine employees of Brackenford Borough Council were given final written warnings in 2020 for "
      "misusing work email, according to a response to a freedom of information request. Two more "
      "were sacked for sharing confidential files on a personal Instagram account. The council "
      "said its internet policy bans staff from posting about residents on any social network."]),
    ("https://courier.example/sport/cup-final", "2022-05-14", "2022-05-14T18:00:00Z",
     "Rovers lift the county cup",
     ["Rovers came from behind to win the county cup final on Saturday, with a late header from "
      "their captain settling a tense afternoon in front of a crowd of three thousand supporters. "
      "The manager praised the squad for a season of steady improvement."]),
    ("https://gazette.example/weather/frost", "2022-01-10", "2022-01-10T07:00:00Z",
     "Hard frost expected overnight",
     ["Temperatures are expected to fall well below freezing overnight across the valley, with "
      "patches of freezing fog on higher ground. Drivers are advised to allow extra time for the "
      "morning journey and to keep an eye on the forecast."]),
]


def page_html(headline: str, paragraphs: list[str], published: str | None, site: str) -> bytes:
    meta = f"<meta property='article:published_time' content='{published}T08:00:00Z'>" if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{headline}</title><meta property='og:site_name' content='{site}'>{meta}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{headline}</h1>{body}</article>"
        f"<footer>{site}</footer></body></html>"
    ).encode()


def write_warc(path: Path, pages: list[tuple], gzip: bool = True) -> None:
    """A WARC with one HTTP 200 HTML response per page (url, published, captured, headline, paragraphs)."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, published, captured, headline, paragraphs in pages:
            site = url.split("/")[2]
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page_html(headline, paragraphs, published, site)),
                http_headers=http, warc_headers_dict={"WARC-Date": captured},
            )
            writer.write_record(record)
