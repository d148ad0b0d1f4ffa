"""Printing: listings in the convention every listing command follows (--format table|json|jsonl|csv),
and messages. Nothing stored reaches Rich as markup: every cell, title and message is plain text
(`Text`), with control characters shown escaped (`\\x1b`), so a file name or title holding
"[/x]", "[redacted]" or a terminal escape prints as itself and can't garble the terminal."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def default_format() -> OutputFormat:
    """`table` on a terminal, `jsonl` when piped (so output stays machine-readable)."""
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl


def is_table(fmt: OutputFormat | None) -> bool:
    return (fmt or default_format()) is OutputFormat.table


# -- safe text --------------------------------------------------------------------------------------

def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: str, *, one_line: bool = True) -> str:
    """`value` with control and format characters (escapes, bidi overrides, zero-width marks) shown
    escaped; with `one_line`, tabs and line breaks become spaces and runs of spaces one."""
    if one_line:
        value = " ".join(value.split())
    out = []
    for ch in value:
        if ch in "\n\t" and not one_line:
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(_escaped(ch))
        else:
            out.append(ch)
    return "".join(out)


def text(value: Any, style: str = "", *, one_line: bool = True) -> Text:
    """A plain Rich Text (never parsed as markup) of `value`, made safe."""
    return Text(safe(str(value), one_line=one_line), style=style)


def stdout_console() -> Console:
    """A console for stdout: the terminal's width, $COLUMNS when set, else 200 when piped."""
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 200
    return Console(width=width, highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def status(message: str) -> Any:
    """A spinner with `message` on stderr while a block runs, only on a terminal (nothing when piped)."""
    console = stderr_console()
    return console.status(message) if console.is_terminal else contextlib.nullcontext()


def say(*parts: Any, style: str = "") -> None:
    """One line on stdout, every part plain text."""
    stdout_console().print(Text(" ").join(p if isinstance(p, Text) else text(p) for p in parts), style=style,
                           soft_wrap=True)


def note(*parts: Any, style: str = "") -> None:
    """One line on stderr (why a listing is empty, what was skipped), every part plain text."""
    stderr_console().print(Text(" ").join(p if isinstance(p, Text) else text(p) for p in parts), style=style,
                           soft_wrap=True)


# -- rows ----------------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


class DocCell(NamedTuple):
    """A table's `doc` cell: a document's short id and its path, cut at the start of the path to fit."""

    short_id: str
    path: str

    def __str__(self) -> str:
        return f"{self.short_id} {self.path}"


def _cell(value: Any, *, table: bool) -> str:
    if isinstance(value, DocCell):
        return str(value) if table else value.short_id
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("yes" if value else "no") if table else ("true" if value else "false")
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v, table=table) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def print_rows(
    rows: Iterable[dict[str, Any]],
    fmt: OutputFormat | None,
    *,
    columns: Sequence[str] | None = None,
    wide: bool = False,
    wide_columns: Sequence[str] | None = None,
    title: str | None = None,
    console: Console | None = None,
    csv_columns: Sequence[str] | None = None,
) -> None:
    """Print dict rows. `columns` picks and orders the table columns (`wide_columns`, default every
    key, with `wide`); json, jsonl and csv keep every key (csv: `csv_columns` when given). Tables
    cut long cells with an ellipsis to fit the width; `wide` shows them whole, folded."""
    fmt = fmt or default_format()
    out = sys.stdout
    if fmt is OutputFormat.jsonl:
        for row in rows:
            out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False, default=str))
            out.write("\n")
        return
    rows = list(rows)
    if fmt is OutputFormat.json:
        json.dump([{k: _plain(v) for k, v in r.items()} for r in rows], out, ensure_ascii=False,
                  default=str, indent=2)
        out.write("\n")
        return
    every = list(dict.fromkeys(k for r in rows for k in r))
    if fmt is OutputFormat.csv:
        cols = list(csv_columns or every)
        writer = csv.writer(out)
        writer.writerow(cols)
        for r in rows:
            writer.writerow([_cell(r.get(c), table=False) for c in cols])
        return
    cols = list(wide_columns or every) if wide else list(columns or every)
    console = console or stdout_console()
    raw = [[r.get(c) for c in cols] for r in rows]
    cells = [[_cell(v, table=True) for v in row] for row in raw]
    table = RichTable(title=text(title) if title else None, show_lines=False, pad_edge=False,
                      collapse_padding=True)
    if wide:
        for c in cols:
            table.add_column(text(c), overflow="fold")
    else:
        widths = fit_widths(cols, cells, console.width)
        for c, width in zip(cols, widths, strict=True):
            table.add_column(text(c), overflow="ellipsis", no_wrap=True, width=width)
        cells = [[_fit(c, v, cell, w) for c, v, cell, w in zip(cols, values, row, widths, strict=True)]
                 for values, row in zip(raw, cells, strict=True)]
    for row in cells:
        table.add_row(*[text(v) for v in row])
    console.print(table)


# Columns whose end matters most (a path's file name): cut at the start, "…/2024/response.txt".
KEEP_END = frozenset({"path", "url", "sources", "documents"})
SHORT_COLUMN = 12  # columns no wider than this are never cut
MIN_CUT_WIDTH = 8
WEIGHT_CAP = 40  # a column's claim on the width grows with its content up to this


def _fit(column: str, value: Any, cell: str, width: int) -> str:
    if isinstance(value, DocCell):
        return f"{value.short_id} {cut_start(value.path, max(1, width - len(value.short_id) - 1))}"
    return cut_start(cell, width) if column in KEEP_END else cell


def cut_start(value: str, width: int) -> str:
    value = safe(value)
    return value if cell_len(value) <= width else "…" + value[-(width - 1):]


def fit_widths(columns: Sequence[str], cells: Sequence[Sequence[str]], total: int) -> list[int]:
    """Column widths for a table of `total` characters: short columns whole, the wider ones share
    what is left in proportion to their natural width (never below MIN_CUT_WIDTH)."""
    natural = [max([cell_len(safe(c))] + [cell_len(safe(row[i])) for row in cells])
               for i, c in enumerate(columns)]
    budget = total - 3 * len(columns) + 1  # a border and a space each side, none at the edges
    widths = list(natural)
    long = [i for i, n in enumerate(natural) if n > SHORT_COLUMN]
    left = budget - sum(n for i, n in enumerate(natural) if i not in long)
    if sum(natural[i] for i in long) > left and long:
        share = max(left, MIN_CUT_WIDTH * len(long))
        weights = {i: min(natural[i], WEIGHT_CAP) for i in long}
        for i in long:
            widths[i] = max(MIN_CUT_WIDTH, min(natural[i], share * weights[i] // sum(weights.values())))
        spare = left - sum(widths[i] for i in long)
        for i in sorted(long, key=lambda i: natural[i] - widths[i], reverse=True):  # hand out the rounding
            if spare <= 0:
                break
            grow = min(spare, natural[i] - widths[i])
            widths[i] += grow
            spare -= grow
    return [max(1, w) for w in widths]
