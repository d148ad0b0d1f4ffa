"""HTML reading: the main article text (no navigation, sidebars, footers, comments) with its tables kept."""

from __future__ import annotations

import logging
import re
from copy import copy, deepcopy
from urllib.parse import urlsplit

from lxml import etree
from trafilatura import bare_extraction
from trafilatura.settings import DEFAULT_CONFIG, Extractor
from trafilatura.utils import load_html

from disclosed.errors import ReadError
from disclosed.model import Document, DocumentFormat, Table, render_table
from disclosed.read.dates import date_from_html
from disclosed.read.html_tables import (
    TableMatcher,
    is_layout,
    output_table_cells,
    output_table_grid,
)
from disclosed.read.text import UndecodableError, decode_text

# trafilatura and htmldate log every page they find little in; a reader reports by ReadError instead.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_CONFIG = deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["MAX_FILE_SIZE"] = str(200 * 1024 * 1024)  # read_file applies the real size limit
# htmldate's extensive search takes any year in the page as its date ("2016" in a heading -> 2016-01-01);
# without it, dates still come from metadata, <time> and date/byline elements.
_CONFIG["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"

# Built once: an Extractor reads its settings out of a ConfigParser, a visible cost per page.
_OPTIONS = Extractor(
    config=_CONFIG,
    output_format="xml",  # with "python" it also renders a text we don't use; the tree is the same
    fast=True,  # skip the justext/readability fallbacks: several times faster on every page
    comments=False,
    tables=True,
    with_metadata=True,
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"\s+")

# trafilatura's output tree: these elements are blocks of their own; everything else is inline.
_BLOCKS = {"p", "head", "quote", "code", "list", "item", "div", "note", "table", "row", "cell"}


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


def decode_html(data: bytes, declared: str | None = None, source: str | None = None) -> str:
    """HTML bytes to text: BOM, then the declared charset (HTTP header, then <meta>), then detection."""
    return decode_text(data, declared or sniff_charset(data), source=source)[0]


def _blocks(body: etree._Element, matcher: TableMatcher) -> tuple[list[str], list[Table]]:
    """Text blocks in reading order (tables rendered in place) and the tables themselves."""
    blocks: list[str] = []
    tables: list[Table] = []
    pending: list[str] = []

    def flush() -> None:
        if not pending:
            return
        text = _SPACES.sub(" ", "".join(pending)).strip()
        pending.clear()
        if text:
            blocks.append(text)

    def add_table(element: etree._Element) -> bool:
        """Add a data table; False for a layout table, whose cells are read as ordinary text."""
        page_table = matcher.match(output_table_cells(element))
        if page_table is not None:
            if page_table.layout:
                return False
            table = Table(rows=page_table.rows, caption=page_table.caption) if page_table.rows else None
        else:
            table = output_table_grid(element)
            if table is not None and is_layout(table.rows):
                return False
        if table is not None:
            tables.append(table)
            blocks.append(render_table(table))
        return True

    def walk(element: etree._Element) -> None:
        if element.tag == "table":
            flush()
            if add_table(element):
                return
        is_block = element.tag in _BLOCKS
        if is_block:
            flush()
        if element.tag == "lb":
            pending.append(" ")
        if element.text:
            pending.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pending.append(child.tail)
        if is_block:
            flush()

    walk(body)
    flush()
    return blocks, tables


def _hostname(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def read_html(
    data: bytes | str,
    source: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    format: DocumentFormat = "html",
) -> Document:
    """The main text, tables and metadata of an HTML page. Raises ReadError.

    `url` (the page's address, when known) helps metadata extraction and gives the outlet a
    fallback (the host name) when the page names no site; `charset` is a declared encoding
    (an HTTP Content-Type header), tried after any byte order mark.
    """
    if isinstance(data, bytes):
        try:
            html = decode_html(data, charset, source)
        except UndecodableError as err:
            raise ReadError(source, err.reason) from None
    else:
        html = data
    try:
        tree = load_html(html)
    except Exception as err:  # lxml raises a variety of errors on hostile markup
        raise ReadError(source, f"unreadable HTML ({type(err).__name__})") from None
    if tree is None or tree.find(".//body") is None:
        raise ReadError(source, "no main text found")
    etree.strip_elements(tree, "template", with_tail=False)  # inert markup: never shown, never read
    matcher = TableMatcher(tree)  # trafilatura works on a copy: the tree keeps the page's own tables
    options = _OPTIONS
    if url:
        options = copy(_OPTIONS)
        options.url = options.source = url
    try:
        extracted = bare_extraction(tree, options=options)
    except Exception as err:  # trafilatura signals "nothing found" with ValueError, and may fail otherwise
        if isinstance(err, ValueError):
            raise ReadError(source, "no main text found") from None
        raise ReadError(source, f"HTML extraction failed ({type(err).__name__})") from None
    if extracted is None or extracted.body is None:
        raise ReadError(source, "no main text found")
    blocks, tables = _blocks(extracted.body, matcher)
    text = "\n\n".join(blocks)
    if not text.strip():
        raise ReadError(source, "no main text found")
    found = date_from_html(tree, url, text)
    return Document(
        text=text,
        title=extracted.title or None,
        published=found.value if found else None,
        published_from=found.source if found else None,
        outlet=extracted.sitename or _hostname(url),
        source=source,
        format=format,
        tables=tables,
    )
