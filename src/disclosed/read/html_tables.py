"""HTML tables as grids from the page's own markup (spans expanded, caption kept); layout tables told apart.

trafilatura decides which tables belong to the main content and where they stand, but its
output loses what a disclosure table needs: a <caption> becomes a first row, and rowspan and
colspan are dropped, shifting cells under the wrong headings. So each table trafilatura keeps
is matched back to the page's own <table> by its cell texts and rebuilt from that.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from disclosed.model import Table

_SPACES = re.compile(r"\s+")

# Tags whose edges separate words ("<p>one</p><p>two</p>" reads "one two", not "onetwo").
_BREAKING = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "td", "th", "blockquote", "section", "article", "header", "footer",
    # trafilatura's output vocabulary
    "head", "list", "item", "row", "cell", "lb", "quote",
}  # fmt: skip

# A cell longer than this holds an article, not a figure: the table lays out the page.
_LAYOUT_CELL_CHARS = 500
_LAYOUT_SINGLE_ROW_CHARS = 150
_MAX_SPAN = 1000  # rowspan/colspan values beyond any real table: hostile or broken markup
_MATCH_MIN_OVERLAP = 0.8


def element_text(element: etree._Element) -> str:
    """The text of an element, with a space wherever a block boundary would break words."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        breaking = tag.lower() in _BREAKING
        if breaking:
            parts.append(" ")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if breaking:
            parts.append(" ")

    walk(element)
    return _SPACES.sub(" ", "".join(parts)).strip()


def _span(cell: etree._Element, name: str) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    return min(max(value, 1), _MAX_SPAN)


@dataclass
class DomTable:
    """One <table> of the page: its grid with spans expanded, caption, and whether it only lays out."""

    rows: list[list[str]]
    caption: str | None
    layout: bool
    cells: list[str]  # every cell's text once, in document order: the key for matching


def _own_rows(table: etree._Element) -> list[etree._Element]:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _dom_table(table: etree._Element) -> DomTable:
    grid: list[list[str]] = []
    cells_once: list[str] = []
    carried: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text) from rowspans
    for row in _own_rows(table):
        out: list[str] = []
        column = 0
        for cell in row.xpath("./td | ./th"):
            while column in carried:
                left, text = carried[column]
                out.append(text)
                carried[column] = (left - 1, text)
                if left - 1 == 0:
                    del carried[column]
                column += 1
            text = element_text(cell)
            cells_once.append(text)
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for _ in range(colspan):
                out.append(text)
                if rowspan > 1:
                    carried[column] = (rowspan - 1, text)
                column += 1
        while column in carried or any(c > column for c in carried):
            if column in carried:
                left, text = carried[column]
                out.append(text)
                carried[column] = (left - 1, text)
                if left - 1 == 0:
                    del carried[column]
            else:
                out.append("")
            column += 1
        if any(out):
            grid.append(out)
    width = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (width - len(r)) for r in grid]
    captions = table.xpath("./caption")
    caption = element_text(captions[0]) if captions else None
    nested = bool(table.xpath(".//td//table | .//th//table"))
    return DomTable(
        rows=grid,
        caption=caption or None,
        layout=nested or is_layout(grid),
        cells=[c for c in cells_once if c],
    )


def is_layout(rows: list[list[str]]) -> bool:
    """True for a table that arranges a page (an article in a cell, a single column), not figures."""
    longest = max((len(cell) for row in rows for cell in row), default=0)
    width = max((len(row) for row in rows), default=0)
    if longest > _LAYOUT_CELL_CHARS or width <= 1:
        return True
    return len(rows) <= 1 and longest > _LAYOUT_SINGLE_ROW_CHARS


def dom_tables(tree: etree._Element) -> list[DomTable]:
    """Every <table> in the page, in document order (nested ones after their parent)."""
    return [_dom_table(table) for table in tree.iter("table")]


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


class TableMatcher:
    """Finds the page's own table for each table in trafilatura's output, in reading order."""

    def __init__(self, tables: list[DomTable] | etree._Element) -> None:
        # Given the page's tree, its tables are read only when first needed: most pages have none.
        self._source = tables
        self._tables: list[DomTable] | None = tables if isinstance(tables, list) else None
        self.used: set[int] = set()

    @property
    def tables(self) -> list[DomTable]:
        if self._tables is None:
            self._tables = dom_tables(self._source)  # type: ignore[arg-type]
        return self._tables

    def match(self, cells: list[str]) -> DomTable | None:
        """The unused page table whose cell texts are these (allowing for a caption row)."""
        best, best_score = None, _MATCH_MIN_OVERLAP
        for index, table in enumerate(self.tables):
            if index in self.used:
                continue
            key = table.cells if not table.caption else [table.caption, *table.cells]
            if cells in (table.cells, key):
                best, best_score = index, 1.0
                break
            score = max(_overlap(cells, table.cells), _overlap(cells, key))
            if score > best_score:
                best, best_score = index, score
        if best is None:
            return None
        self.used.add(best)
        return self.tables[best]


def output_table_cells(element: etree._Element) -> list[str]:
    """The non-empty cell texts of a table in trafilatura's output (<table><row><cell>), in order."""
    texts = (element_text(cell) for cell in element.iter("cell"))
    return [t for t in texts if t]


def output_table_grid(element: etree._Element) -> Table | None:
    """A grid straight from trafilatura's output: the fallback when the page's table can't be found."""
    rows = []
    for row in element.iter("row"):
        cells = [element_text(cell) for cell in row if cell.tag == "cell"]
        if any(cells):
            rows.append(cells)
    if not rows:
        return None
    width = max(len(r) for r in rows)
    return Table(rows=[r + [""] * (width - len(r)) for r in rows])
