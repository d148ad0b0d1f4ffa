"""Printing listings in the convention every listing command follows: --format table|json|jsonl|csv."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def default_format() -> OutputFormat:
    """`table` on a terminal, `jsonl` when piped (so output stays machine-readable)."""
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(_plain(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def print_rows(
    rows: Iterable[dict[str, Any]],
    fmt: OutputFormat | None,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    """Print dict rows. `columns` picks and orders the table/csv columns; json/jsonl keep every key."""
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
    cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
    if fmt is OutputFormat.csv:
        writer = csv.writer(out)
        writer.writerow(cols)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in cols])
        return
    table = RichTable(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in cols])
    # Piped tables get a wide console so names are not folded mid-word at 80 columns.
    (console or Console(width=None if sys.stdout.isatty() else 200)).print(table)
