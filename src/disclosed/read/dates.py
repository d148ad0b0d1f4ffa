"""Publication dates: when a document says it came out, and where it says so.

Each reader asks here for its document's date: HTML pages from their metadata (meta tags, JSON-LD,
itemprop, `<time>`), then their address, then their header lines; plain text from its header
lines ("Published 3 June 2013", a dateline under the title) and any address it carries. A WARC
capture date is not a publication date: it stays on `Document.retrieved` (`captured`).
"""

from __future__ import annotations

import calendar
import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

DATES_FILE = Path(__file__).with_name("dates.toml")

# Dates before this are not publication dates of anything this project reads.
EARLIEST_YEAR = 1990


class FoundDate(NamedTuple):
    """A publication date and where it was read: "meta article:published_time", "json-ld
    datePublished", "itemprop datePublished", "time element", "url", "published line",
    "updated line" or "dateline"."""

    value: date
    source: str


@cache
def _data() -> dict:
    with DATES_FILE.open("rb") as f:
        return tomllib.load(f)


def _month_numbers() -> dict[str, int]:
    months: dict[str, int] = {}
    for number in range(1, 13):
        months[calendar.month_name[number].lower()] = number
        months[calendar.month_abbr[number].lower()] = number
    months["sept"] = 9
    return months


_MONTHS = _month_numbers()
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(rf"\b{_DAY}(?:\s+of)?[\s-]+{_MONTH},?[\s-]+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    # numeric dates in UK order, day first
    re.compile(r"\b(?P<day>[0-3]?\d)([/.-])(?P<month>[01]?\d)\2(?P<year>(?:19|20)\d\d)\b"),
]
_URL_PATTERNS = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$|[^\d])"),
    re.compile(r"[/_-](?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[/_.-]|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:[/_.-]|$)"),
]
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[\w'’]+")


def _make(year: str, month: str, day: str) -> date | None:
    month_number = _MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
    if not month_number:
        return None
    try:
        found = date(int(year), month_number, int(day))
    except ValueError:
        return None
    if found.year < EARLIEST_YEAR or found > date.today().replace(year=date.today().year + 1):
        return None
    return found


def _dates_in(text: str) -> Iterator[tuple[date, re.Match[str]]]:
    """Every date written in `text`, in order of position."""
    found = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            value = _make(m["year"], m["month"], m["day"])
            if value:
                found.append((m.start(), value, m))
    for _, value, m in sorted(found, key=lambda t: t[0]):
        yield value, m


def latest_date_written(text: str) -> date | None:
    """The latest full date (day, month and year) written anywhere in a text, not after today: a
    document is not published before the latest date it mentions."""
    today = date.today()
    found = [value for value, _ in _dates_in(text) if value <= today]
    return max(found, default=None)


def parse_date(value: str | None) -> date | None:
    """A date from a metadata value: an ISO date or timestamp ("2013-06-03T10:10:00+01:00", the date
    as written there, not converted to UTC), or a written date ("3 June 2013", "June 3, 2013")."""
    if not value:
        return None
    value = value.strip()
    iso = re.match(r"((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?:$|[T\s])", value)
    if iso:
        return _make(*iso.groups())
    for found, _ in _dates_in(value):
        return found
    return None


def date_from_url(url: str | None) -> FoundDate | None:
    """A date in an address: /2013/06/03/, -2013-06-03-, /20130603/."""
    if not url:
        return None
    path = re.sub(r"^https?://[^/]+", "", url)
    for pattern in _URL_PATTERNS:
        m = pattern.search(path)
        if m:
            value = _make(m["year"], m["month"], m["day"])
            if value:
                return FoundDate(value, "url")
    return None


def _label_pattern(labels: Iterable[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s|,;(\[-])(?:{words})\b\s*(?:on|at|:|-|–)?\s*", re.IGNORECASE)


@cache
def _text_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], int, int]:
    rules = _data()["text"]
    excluded = "|".join(re.escape(w) for w in rules["not_publication"])
    return (
        _label_pattern(rules["published_labels"]),
        _label_pattern(rules["modified_labels"]),
        re.compile(rf"(?<!\w)(?:{excluded})(?!\w)", re.IGNORECASE),
        int(rules["header_lines"]),
        int(rules["dateline_max_words"]),
    )


def _header(text: str, count: int) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            lines.append(line)
            if len(lines) == count:
                break
    return lines


def _labelled(line: str, label: re.Pattern[str]) -> date | None:
    """The date right after a label on this line ("Published 1 October 2024", "Updated: 3 June")."""
    for m in label.finditer(line):
        rest = line[m.end() : m.end() + 40]
        for value, dm in _dates_in(rest):
            # at most a weekday (and its comma) between the label and the date
            if len(_WORD.findall(rest[: dm.start()])) <= 1:
                return value
            break
    return None


def date_from_text(text: str) -> FoundDate | None:
    """The publication date a text shows in its header lines: a labelled date ("Published 3 June
    2013", "Date published: 05 October 2021"), else a short dateline ("The Register, 10 November
    2011", "Monday 21 Nov 2022 13.45 GMT"), else an updated date, else a date in an address there.

    Dates inside sentences ("the policy was adopted on 7/4/2014") and on lines saying what else
    they date (a request, a letter received) are not taken.
    """
    published, modified, excluded, count, max_words = _text_rules()
    lines = [line for line in _header(text, count) if not excluded.search(line)]
    for line in lines:
        value = _labelled(line, published)
        if value:
            return FoundDate(value, "published line")
    for line in lines:
        if _labelled(line, modified):
            continue
        for value, m in _dates_in(line):
            rest = (line[: m.start()] + " " + line[m.end() :]).strip()
            words = _WORD.findall(re.sub(r"\b\d{1,2}[.:]\d\d\b", "", rest))
            if len(words) <= max_words and not rest.endswith("."):
                return FoundDate(value, "dateline")
            break
    for line in lines:
        value = _labelled(line, modified)
        if value:
            return FoundDate(value, "updated line")
    for line in lines:
        for url in _URL.findall(line):
            found = date_from_url(url)
            if found:
                return found
    return None


def _attr_name(element) -> str:
    for attr in ("property", "name", "itemprop"):
        value = element.get(attr)
        if value:
            return value.strip().lower()
    return ""


def _json_ld_dates(tree, keys: list[str]) -> Iterator[tuple[str, str]]:
    def walk(node: object) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key in keys:
                value = node.get(key)
                if isinstance(value, str):
                    yield key, value
            for value in node.values():
                if isinstance(value, dict | list):
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        found = sorted(walk(data), key=lambda kv: keys.index(kv[0]))
        yield from found


def _text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _page_url(tree) -> str | None:
    for element in tree.iterfind(".//link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            return element.get("href")
    for element in tree.iterfind(".//meta"):
        if _attr_name(element) in ("og:url", "twitter:url") and element.get("content"):
            return element.get("content")
    return None


def _byline_date(tree, rules: dict) -> FoundDate | None:
    keys = tuple(rules["byline_classes"])
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "body", "html"):
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if not marks.strip() or not any(k in marks for k in keys):
            continue
        line = _text_of(element)
        if len(_WORD.findall(line)) > rules["byline_max_words"]:
            continue
        for value, _ in _dates_in(line):
            return FoundDate(value, "byline element")
    return None


def date_from_html(tree, url: str | None = None, text: str | None = None) -> FoundDate | None:
    """The publication date of an HTML page (an lxml tree), in order: meta tags
    (article:published_time, datePublished, dc.date ...), JSON-LD, an itemprop="datePublished"
    element, a `<time>` element, the page's address (`url`, else its canonical link), the header
    lines of its main `text` (`date_from_text`), and last a modification date in the metadata."""
    rules = _data()["html"]
    metas: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        name, content = _attr_name(element), element.get("content")
        if name and content and name not in metas:
            metas[name] = content
    for name in rules["published"]:
        value = parse_date(metas.get(name))
        if value:
            return FoundDate(value, f"meta {name}")
    for key, raw in _json_ld_dates(tree, rules["json_ld_published"]):
        value = parse_date(raw)
        if value:
            return FoundDate(value, f"json-ld {key}")
    for element in tree.iterfind(".//*[@itemprop]"):
        if element.get("itemprop", "").lower() == "datepublished" and element.tag != "meta":
            value = parse_date(element.get("datetime") or element.get("content") or _text_of(element))
            if value:
                return FoundDate(value, "itemprop datePublished")
    times = list(tree.iterfind(".//time"))
    # a <time> marked as the publication date first, then the first in the article, then any
    marked = [t for t in times if t.get("pubdate") is not None or "publish" in (t.get("class") or "").lower()]
    in_article = [t for t in times if any(a.tag in ("article", "main") for a in t.iterancestors())]
    for element in marked + in_article + times:
        value = parse_date(element.get("datetime") or _text_of(element))
        if value:
            return FoundDate(value, "time element")
    found = date_from_url(url) or date_from_url(_page_url(tree)) or _byline_date(tree, rules)
    found = found or (date_from_text(text) if text else None)
    if found:
        return found
    for name in rules["modified"]:
        value = parse_date(metas.get(name))
        if value:
            return FoundDate(value, f"meta {name}")
    for key, raw in _json_ld_dates(tree, rules["json_ld_modified"]):
        value = parse_date(raw)
        if value:
            return FoundDate(value, f"json-ld {key}")
    return None


__all__ = ["FoundDate", "date_from_html", "date_from_text", "date_from_url", "latest_date_written",
           "parse_date"]
