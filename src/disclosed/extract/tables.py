"""Figures read from tables rendered into the text as "| a | b |" lines (see model.render_table).

Each numeric cell is read through its row label and column heading: a year or financial year
gives the period, an outcome phrase the outcome, a staff noun the staff group, a body's name
the organisation, and "Total" marks the whole-period or all-outcomes figure that the other
cells break down. What the headings leave open comes from the sentences just before the table
(its caption or lead-in) and from the document's current body. Suppression marks ("*", "<5")
are read with the footnote that explains them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from disclosed.extract.clauses import staff_nouns
from disclosed.extract.numbers import Count, parse_number
from disclosed.extract.periods import Period, find_periods
from disclosed.extract.sentences import Sentence
from disclosed.vocab import general_staff_nouns, normalise_phrase, outcome_table, suppression_ceiling

if TYPE_CHECKING:
    from disclosed.extract.figures import _Draft, _Reader

_SEPARATOR_ROW = re.compile(r"^\|?[\s:|-]*\|?$")
_CELL_NUMBER = re.compile(
    r"^(?P<qual>(?:fewer|less)\s+than|under|<|up\s+to|over|more\s+than|>|at\s+least)?\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:[\s-][a-z]+)?)$",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\btotals?\b|\ball\b|\boverall\b", re.IGNORECASE)
_MARK = re.compile(r"\*+|†|\basterisks?\b|\bdagger\b", re.IGNORECASE)
_BOUND = re.compile(
    r"(?P<qual>fewer\s+than|less\s+than|under|below|<|between\s+(?:1|one)\s+and)\s*(?P<num>\d+|[a-z]+)",
    re.IGNORECASE,
)


def _cell_count(cell: str, marks: dict[str, int]) -> tuple[int, str, bool] | None:
    """(count, qualifier, suppressed) for a cell, or None if it holds no count."""
    c = cell.strip()
    if not c:
        return None
    if c in marks:
        return marks[c], "up_to", True
    m = _CELL_NUMBER.match(c)
    if not m:
        return None
    value = parse_number(m.group("num"))
    if value is None or (m.group("num").isdigit() and len(m.group("num")) == 4 and 1900 <= value <= 2099):
        return None
    qual = (m.group("qual") or "").lower()
    if qual in ("<", "under") or qual.startswith(("fewer", "less")):
        return value - 1, "up_to", value <= suppression_ceiling()
    if qual == "up to":
        return value, "up_to", False
    if qual in ("over", "more than", ">"):
        return value, "more_than", False
    if qual == "at least":
        return value, "at_least", False
    return value, "exact", False


def _footnote_marks(notes: list[str]) -> dict[str, int]:
    """Suppression marks the notes around a table explain: mark -> the count it stands for.

    "* fewer than five", "Figures of fewer than three are shown as *", "replaced with an
    asterisk where the number is below 5" all make "*" stand for one less than the bound.
    """
    marks: dict[str, int] = {}
    for note in notes:
        mark = _MARK.search(note)
        bound = _BOUND.search(note)
        if not mark or not bound:
            continue
        n = parse_number(bound.group("num"))
        if n is None:
            continue
        symbol = "†" if mark.group() in ("†", "dagger") else "*"
        inclusive = bound.group("qual").lower().startswith("between")
        marks.setdefault(symbol, n if inclusive else n - 1)
        marks.setdefault(symbol * 2, marks[symbol]) if symbol == "*" else None
    return marks


def _period_of(label: str) -> Period | None:
    periods = find_periods(label)
    return periods[0] if periods else None


def _outcome_of(label: str) -> str | None:
    found = list(outcome_table().finditer(label))
    return found[0][2] if found else None


def read_tables(reader: _Reader, sentences: list[Sentence], start: int, end: int) -> list[_Draft]:
    """Drafts for every count in the table made of sentences[start:end] (all table rows)."""
    from disclosed.extract.figures import _Draft, _police

    rows = [s for s in sentences[start:end] if not _SEPARATOR_ROW.match(s.text)]
    if len(rows) < 2:
        return []
    grid = [r.table_cells() for r in rows]
    header = grid[0]
    width = max(len(r) for r in grid)
    lead = [s for s in sentences[max(0, start - 4) : start] if not s.is_table_row]
    lead_text = " ".join(s.text for s in lead)
    lead_outcome = None
    for s in reversed(lead):
        found = list(outcome_table().finditer(s.text))
        if found:
            lead_outcome = found[-1][2]
            break
    lead_nouns = staff_nouns(lead_text)
    lead_group = lead_nouns[-1][2] if lead_nouns else None
    lead_general = bool(lead_nouns) and normalise_phrase(
        lead_text[lead_nouns[-1][0] : lead_nouns[-1][1]]
    ) in (general_staff_nouns())
    notes = [s.text for s in sentences[end : end + 4] if not s.is_table_row] + [s.text for s in lead]
    marks = _footnote_marks(notes)
    ctx = reader._context_org(rows[0], start)
    labels_text = " ".join(header) + " " + " ".join(r[0] for r in grid if r)
    officers_named = any(n[2] == "police_officers" for n in staff_nouns(labels_text))
    column_groups = {n[2] for h in header[1:] for n in staff_nouns(h)[:1]}
    row_groups = {n[2] for r in grid[1:] if r for n in staff_nouns(r[0])[:1]}

    col_info = []
    for c in range(width):
        h = header[c] if c < len(header) else ""
        col_info.append((h, _period_of(h), _outcome_of(h), bool(_TOTAL.search(h))))
    year_cols = [p for (_, p, _, _) in col_info[1:] if p is not None and p.period_start]
    by_outcome = any(info[2] for info in col_info[1:]) or any(_outcome_of(r[0]) for r in grid[1:] if r)

    drafts: list[_Draft] = []
    totals: dict[tuple, _Draft] = {}
    for r_index, (row, cells) in enumerate(zip(rows[1:], grid[1:], strict=True), 1):
        spans = row.table_cell_spans()
        label = cells[0] if cells else ""
        row_period = _period_of(label)
        row_outcome = _outcome_of(label)
        row_total = bool(_TOTAL.search(label))
        row_orgs = reader.orgs.within(spans[0][0], spans[0][1]) if spans else []
        for c in range(1, len(cells)):
            got = _cell_count(cells[c], marks)
            if got is None or got[0] <= 0:
                continue
            value, qualifier, suppressed = got
            head, col_period, col_outcome, col_total = (
                col_info[c] if c < len(col_info) else ("", None, None, False)
            )
            outcome = row_outcome or col_outcome
            if outcome is None and (row_total or col_total):
                # a total across outcome rows or columns is everyone disciplined; a total across
                # years keeps the outcome the table is about
                outcome = "disciplined" if by_outcome else (lead_outcome or "disciplined")
            outcome = outcome or lead_outcome
            if outcome is None:
                continue
            col_orgs = reader.orgs.within(rows[0].start, rows[0].end)
            col_orgs = [m for m in col_orgs if header and c < len(header) and m.text in head]
            org = (row_orgs or col_orgs or [None])[0]
            if org is not None:
                name, kind, mention = org.name, org.kind, org.text
            elif ctx is not None:
                name, kind, mention = ctx
            else:
                continue
            group, general = None, False
            for text in (label, head):
                nouns = staff_nouns(text)
                if nouns:
                    group = nouns[0][2]
                    general = normalise_phrase(text[nouns[0][0] : nouns[0][1]]) in general_staff_nouns()
                    break
            across_groups = (col_total and len(column_groups) > 1) or (row_total and len(row_groups) > 1)
            if group is None and across_groups:
                # the total across columns (or rows) that each count a staff group is everyone
                group, general = "all", False
            if group is None:
                group, general = lead_group, lead_general
            if _police(kind, name):
                if group == "staff" and general:
                    group = "police_staff" if officers_named else "all"
            elif group in ("police_officers", "police_staff"):
                group = "staff"
            period = row_period or col_period
            if period is None and (col_total or row_total) and year_cols:
                starts = [p.period_start for p in year_cols if p.period_start]
                ends = [p.period_end or p.period_start for p in year_cols]
                period = Period(0, 0, min(starts), max(e for e in ends if e))
            if period is None:
                lead_periods = find_periods(lead_text, reader.published)
                period = lead_periods[0] if lead_periods else None
            cs, ce = spans[c]
            cell_text = reader.text[cs:ce]
            count = Count(
                cs - row.start, ce - row.start, cell_text, value, qualifier, suppressed, cs - row.start
            )
            d = _Draft(name, mention, group, outcome, count, row, org_kind=kind)
            d.index = start + r_index
            d.period = period
            d.evidence = (row.start, row.end, row.text)
            d.count_text = cell_text
            d.topic = "social_media"
            if row_total or col_total:
                totals[
                    (name, group, period.period_start if period and not (row_total and col_total) else None)
                ] = d
            drafts.append(d)
    # a cell breaks down the total of its column (total row) or its row (total column)
    for d in drafts:
        if d in totals.values():
            continue
        for key, t in totals.items():
            if (
                t is not d
                and t.organisation == d.organisation
                and t.count.value > d.count.value
                and (
                    t.period is None
                    or d.period is None
                    or t.period.period_start == d.period.period_start
                    or (t.period.period_start or "")
                    <= (d.period.period_start or "")
                    <= (t.period.period_end or "9999")
                )
                and key[1] in (d.staff_group, None)
            ):
                d.parent = t
                break
    return drafts


__all__ = ["read_tables"]
