"""html_tables: grids rebuilt from the page's markup, layout tables recognised, tables matched back."""

from __future__ import annotations

import lxml.html

from disclosed.read.html_tables import TableMatcher, dom_tables, element_text, is_layout


def tables_of(markup: str):
    return dom_tables(lxml.html.fromstring(f"<html><body>{markup}</body></html>"))


def test_rowspan_and_colspan_are_expanded():
    (table,) = tables_of(
        "<table>"
        "<tr><th rowspan='2'>Year</th><th colspan='2'>Outcome</th><th rowspan='2'>Total</th></tr>"
        "<tr><th>Dismissed</th><th>Warning</th></tr>"
        "<tr><td>2019</td><td>1</td><td>4</td><td>5</td></tr>"
        "</table>"
    )
    assert table.rows == [
        ["Year", "Outcome", "Outcome", "Total"],
        ["Year", "Dismissed", "Warning", "Total"],
        ["2019", "1", "4", "5"],
    ]
    assert table.layout is False


def test_caption_thead_tbody_and_ragged_rows():
    (table,) = tables_of(
        "<table><caption> Cases  by force </caption>"
        "<thead><tr><th>Force</th><th>Cases</th></tr></thead>"
        "<tbody><tr><td>Eastshire</td><td>12</td></tr><tr><td>Westshire</td></tr></tbody></table>"
    )
    assert table.caption == "Cases by force"
    assert table.rows == [["Force", "Cases"], ["Eastshire", "12"], ["Westshire", ""]]


def test_cell_paragraphs_do_not_run_together():
    (table,) = tables_of("<table><tr><td><p>Written</p><p>warning</p></td><td>3</td></tr></table>")
    assert table.rows == [["Written warning", "3"]]
    assert element_text(lxml.html.fromstring("<div>Gross<br>misconduct</div>")) == "Gross misconduct"
    assert element_text(lxml.html.fromstring("<div><b>Dis</b>missed</div>")) == "Dismissed"


def test_hostile_spans_are_capped():
    (table,) = tables_of("<table><tr><td colspan='99999999'>x</td><td rowspan='abc'>y</td></tr></table>")
    assert len(table.rows[0]) <= 1001


def test_layout_tables():
    article = "The force said officers had been investigated for posts. " * 12
    (page,) = tables_of(f"<table><tr><td>Menu</td><td><p>{article}</p></td></tr></table>")
    assert page.layout is True
    outer, inner = tables_of("<table><tr><td><table><tr><td>a</td><td>1</td></tr></table></td></tr></table>")
    assert outer.layout is True and inner.layout is False
    assert is_layout([["only one column"], ["still one"]]) is True
    assert is_layout([["Year", "Cases"], ["2019", "4"]]) is False


def test_matcher_finds_each_table_once_in_order():
    first, second = tables_of(
        "<table><caption>A</caption><tr><td>x</td><td>1</td></tr></table>"
        "<table><tr><td>x</td><td>1</td></tr></table>"
    )
    matcher = TableMatcher([first, second])
    assert matcher.match(["A", "x", "1"]) is first  # trafilatura puts the caption in a first row
    assert matcher.match(["x", "1"]) is second
    assert matcher.match(["x", "1"]) is None
    assert TableMatcher([first]).match(["unrelated", "cells"]) is None
