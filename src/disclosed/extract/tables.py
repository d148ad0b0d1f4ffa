"""Figures read from tables in the text: "| a | b |" lines, tab-separated rows or space-aligned rows.

Each numeric cell is read through its row label and column heading: a year or financial year
gives the period, an outcome phrase the outcome, a staff noun the staff group, a body's name
the organisation, and "Total" marks the whole-period or all-outcomes figure that the other
cells break down. What the headings leave open comes from the sentences just before the table
(its caption or lead-in) and from the document's current body. Suppression marks ("*", "<5")
are read with the footnote that explains them; "[redacted]" cells are withheld small numbers. One
run of rows may hold several tables (a blank line, a new heading row or a title row starts one).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from disclosed.extract.clauses import staff_nouns
from disclosed.extract.numbers import Count, parse_number
from disclosed.extract.periods import Period, find_periods
from disclosed.extract.sentences import Sentence
from disclosed.vocab import general_staff_nouns, load, normalise_phrase, outcome_table, suppression_ceiling

if TYPE_CHECKING:
    from disclosed.extract.figures import _Draft, _Reader

_SEPARATOR_ROW = re.compile(r"^\|?[\s:|-]*\|?$")
_CELL_NUMBER = re.compile(
    r"^(?P<qual>(?:fewer|less)\s+than|under|<|up\s+to|over|more\s+than|>|at\s+least)?\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:[\s-][a-z]+)?)$",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\btotals?\b|\ball\b|\boverall\b", re.IGNORECASE)
_BOUND = re.compile(
    r"(?P<qual>fewer\s+than|less\s+than|under|below|<|between\s+(?:1|one)\s+and|(?:1|one)\s*(?:to|-|–)(?=\s*(?:\d|[a-z]+\b)))"
    r"\s*(?P<num>\d+|[a-z]+)",
    re.IGNORECASE,
)
# A note that starts with the mark it explains: "* fewer than five", "x = suppressed", "[redacted] - ...",
# "(a) c denotes ..."; a letter, a dash or "n/a" must be followed by "=", ":", a dash or a verb of meaning.
_VERB = r"(?:denotes?|means?|indicates?|represents?|is\s+used|shows?|stands?\s+for|signifies)\b"
_LEAD_MARK = re.compile(
    r"^\s*(?:\(?[a-z0-9]{1,2}[.)]\s+)?(?:"
    r"(?P<symbol>\*{1,3}|†|‡|\[[^\]\s]{1,20}\])\s*(?:[-–—=:]\s*)?(?=\S)"
    rf"|(?P<short>[-–—]|n/?a|[a-z]|<\s*\d+)\s*(?:[=:]|[-–—]\s|{_VERB}))",
    re.IGNORECASE,
)
# A mark quoted in a note ('"x" is used where ...') or named by a word ("replaced with an asterisk").
_QUOTED_MARK = re.compile(r"[\"'‘“](?P<mark>[^\"'’”\s]{1,12})[\"'’”]")
_NAMED_MARK = re.compile(
    r"\b(?:shown|replaced|marked|denoted|represented|indicated|substituted)\s+(?:it\s+|them\s+)?(?:as|with|by)\s+"
    r"(?:an?\s+)?(?P<mark>asterisks?|daggers?|dash(?:es)?|hyphens?|\*|x|c)\b|\b(?P<word>asterisks?|daggers?)\b",
    re.IGNORECASE,
)
_MARK_WORDS = {"asterisk": "*", "dagger": "†", "dash": "-", "hyphen": "-"}
_SHORT_FY = re.compile(r"^(?:FY\s*)?(?P<y>(?:19|20)\d\d)\s*[-–/]\s*(?P<yy>\d\d)$", re.IGNORECASE)


@cache
def _vocab() -> dict:
    return load("tables")


@cache
def heading_outcomes() -> dict[str, str]:
    """Normalised table heading -> outcome code, for headings only a table uses ("Cases heard")."""
    return {normalise_phrase(h): code for code, heads in _vocab()["heading_outcomes"].items() for h in heads}


@cache
def withheld_cells() -> frozenset[str]:
    """Cell contents that say by themselves that a figure was withheld ("[redacted]")."""
    return frozenset(_mark_key(c) for c in _vocab()["withheld_cells"])


@cache
def _multiplied() -> re.Pattern[str]:
    """A count with a multiplier mark before what it counts: "3x Verbal warning"."""
    marks = "|".join(re.escape(m) for m in _vocab()["multiplier_marks"])
    mark = rf"\s*(?:{marks})(?=\s|$)"
    return re.compile(
        rf"(?<![\w.])(?P<num>\d{{1,4}}){mark}\s*(?P<what>.*?)\s*(?=(?<![\w.])\d{{1,4}}{mark}|$)"
    )


def multiplied_counts(cell: str) -> list[tuple[int, int, int, str | None]]:
    """(start, end, count, outcome) for each "3x Verbal warning" piece of a cell listing outcomes."""
    out = []
    for m in _multiplied().finditer(cell):
        if m.group("what"):
            out.append((m.start(), m.end(), int(m.group("num")), _outcome_of(m.group("what"))))
    return out


def _default_bound() -> int:
    return int(_vocab()["default_suppression_bound"])


def _mark_key(cell: str) -> str:
    return re.sub(r"\s+", "", cell).casefold().replace("–", "-").replace("—", "-")


def _cell_count(cell: str, marks: dict[str, int], bound: int | None = None) -> tuple[int, str, bool] | None:
    """(count, qualifier, suppressed) for a cell, or None if it holds no count.

    `marks` maps a mark a note explains to the count it stands for (0 for none); `bound` is the
    suppression threshold the notes give ("fewer than 3"), for withheld cells no note explains.
    """
    c = cell.strip()
    if not c:
        return None
    key = _mark_key(c)
    if key in marks:
        value = marks[key]
        return (value, "up_to", True) if value > 0 else None
    if key in withheld_cells():
        return (bound or _default_bound()) - 1, "up_to", True
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


def _note_bound(note: str) -> int | None:
    """The count a suppression note's threshold stands for: "fewer than five" 4, "between 1 and 4" 4."""
    for b in _BOUND.finditer(note):
        n = parse_number(b.group("num"))
        if n is None or n < 2:
            continue
        qual = b.group("qual").lower()
        inclusive = qual.startswith(("between", "1", "one"))
        return n if inclusive else n - 1
    return None


def _marks_in(note: str) -> list[str]:
    """The marks a note explains, as cell keys."""
    found: list[str] = []
    lead = _LEAD_MARK.match(note)
    if lead:
        found.append(lead.group("symbol") or lead.group("short"))
    found += [m.group("mark") for m in _QUOTED_MARK.finditer(note)]
    for m in _NAMED_MARK.finditer(note):
        word = (m.group("mark") or m.group("word")).lower().rstrip("s")
        word = "dash" if word.startswith("dashe") else word
        found.append(_MARK_WORDS.get(word, word))
    return [_mark_key(f) for f in found]


def _footnote_marks(notes: list[str]) -> tuple[dict[str, int], int | None]:
    """Suppression marks the notes around a table explain (mark -> the count it stands for, 0 for a
    mark meaning none) and the suppression threshold they state, if any.

    "* fewer than five", "Figures of fewer than three are shown as *", "x = suppressed to protect
    identities", '"<5" is used where the number is between one and four', "- denotes nil".
    """
    marks: dict[str, int] = {}
    table_bound: int | None = None
    suppression = tuple(_vocab()["suppression_words"])
    nil = tuple(_vocab()["nil_words"])
    for note in notes:
        for clause in re.split(r";\s*", note):
            low = clause.casefold()
            bound = _note_bound(clause)
            if bound is not None and table_bound is None:
                table_bound = bound + 1
            if bound is not None or any(w in low for w in suppression):
                value = bound if bound is not None else None
            elif any(re.search(rf"\b{re.escape(w)}\b", low) for w in nil):
                value = 0
            else:
                continue
            for mark in _marks_in(clause):
                if re.fullmatch(r"<\d+", mark) or re.fullmatch(r"\d+", mark):
                    continue  # "<5" reads itself
                marks.setdefault(mark, -1 if value is None else value)
    bound_value = (table_bound or _default_bound()) - 1
    return {k: (bound_value if v < 0 else v) for k, v in marks.items()}, table_bound


def _period_of(label: str) -> Period | None:
    short = _SHORT_FY.match(label.strip())
    if short and (int(short.group("y")) + 1) % 100 == int(short.group("yy")):
        # "2019-20" heading a column is a financial year, as "2019/20" is
        y = int(short.group("y"))
        return Period(0, len(label), f"{y}-04", f"{y + 1}-03")
    periods = find_periods(label)
    return periods[0] if periods else None


def _outcome_of(label: str) -> str | None:
    bare = normalise_phrase(re.sub(r"\([^)]*\)|[:.*†]", " ", label))
    if bare in heading_outcomes():
        return heading_outcomes()[bare]
    found = list(outcome_table().finditer(label))
    return found[0][2] if found else None


def _aligned_spans(text: str, rows: list[Sentence]) -> list[list[tuple[int, int]]]:
    """Cell spans of rows laid out in columns with runs of spaces (no pipes or tabs).

    Each row is cut at runs of two or more spaces; a piece goes to the heading it lies under (the
    one its span overlaps, else the nearest), so a blank cell or a label running up to the next
    column does not shift the cells after it.
    """
    pieces: list[list[tuple[int, int, int, int]]] = []  # (column start, column end, doc start, doc end)
    for r in rows:
        line_start = text.rfind("\n", 0, r.start) + 1
        row = []
        for m in re.finditer(r"\S+(?: \S+)*", r.text):
            col = r.start - line_start + m.start()
            row.append((col, col + len(m.group()), r.start + m.start(), r.start + m.end()))
        pieces.append(row)
    head = list(pieces[0])
    widest = max(len(p) for p in pieces)
    if head and len(head) < widest and head[0][0] > min(p[0][1] for p in pieces[1:] if p):
        head.insert(0, (0, 0, -1, -1))  # the label column has no heading
    out = []
    for n, row in enumerate(pieces):
        if n == 0:
            out.append([(a, b) if a >= 0 else (rows[0].start, rows[0].start) for _, _, a, b in head])
            continue
        cells: list[tuple[int, int]] = [(rows[n].start, rows[n].start)] * len(head)
        for k, (c0, c1, a, b) in enumerate(row):
            if k == 0 and c0 <= head[min(1, len(head) - 1)][0]:
                j = 0
            else:
                j = min(
                    range(1, len(head)) if len(head) > 1 else range(1),
                    key=lambda j: max(0, head[j][0] - c1, c0 - head[j][1]),
                )
            cells[j] = (a, b)
        out.append(cells)
    return out


def _row_spans(text: str, rows: list[Sentence]) -> list[list[tuple[int, int]]]:
    if not all(r.text.startswith("|") or "\t" in r.text for r in rows):
        return _aligned_spans(text, rows)
    spans = [r.table_cell_spans() for r in rows]
    if len(spans[0]) == max(len(s) for s in spans[1:]) - 1 and not rows[0].text.startswith("|"):
        # a tab-separated heading row whose blank corner cell was lost with the line's leading tab
        spans[0].insert(0, (rows[0].start, rows[0].start))
    return spans


def _raw_cells(r: Sentence) -> list[str]:
    """A row's cells before the table's columns are known (a space-aligned row is cut at wide gaps)."""
    if r.text.startswith("|") or "\t" in r.text:
        return r.table_cells()
    return re.split(r" {2,}", r.text.strip())


def _segments(text: str, rows: list[Sentence]) -> list[list[Sentence]]:
    """The tables in one run of rows: a blank line, a heading row (no count in any cell but the
    first) after rows with counts, or a title row ("| Police staff | | |") just above such a heading
    row, starts a new table."""

    def kind(r: Sentence) -> str:
        cells = [c.strip() for c in _raw_cells(r)]
        values = cells[1:]
        # a mark ("*", "-", "n/a", "[redacted]") stands in a data row, never in a heading row
        if any(
            c and (_cell_count(c, {}) is not None or len(c) <= 3 or c.startswith("[") or multiplied_counts(c))
            for c in values
        ):
            return "data"
        if values and all(values):
            return "heading"
        return "title" if cells and cells[0] else "blank"

    kinds = [kind(r) for r in rows]
    out: list[list[Sentence]] = []
    counted = False
    for i, r in enumerate(rows):
        blank_before = bool(out) and "\n\n" in re.sub(r"[ \t\r]", "", text[out[-1][-1].end : r.start])
        title_above = kinds[i] == "title" and i + 1 < len(rows) and kinds[i + 1] == "heading"
        if not out or blank_before or (counted and (kinds[i] == "heading" or title_above)):
            out.append([])
            counted = False
        out[-1].append(r)
        counted = counted or kinds[i] == "data"
    return out


def read_tables(reader: _Reader, sentences: list[Sentence], start: int, end: int) -> list[_Draft]:
    """Drafts for every count in the tables made of sentences[start:end] (all table rows)."""
    rows = [s for s in sentences[start:end] if not _SEPARATOR_ROW.match(s.text)]
    lead = [s for s in sentences[max(0, start - 4) : start] if not s.is_table_row]
    notes = [s.text for s in sentences[end : end + 4] if not s.is_table_row] + [s.text for s in lead]
    drafts: list[_Draft] = []
    for table in _segments(reader.text, rows):
        first = sentences.index(table[0], start, end)
        drafts += _read_table(reader, table, first, lead, notes)
    return drafts


def _read_table(
    reader: _Reader, rows: list[Sentence], start: int, lead: list[Sentence], notes: list[str]
) -> list[_Draft]:
    from disclosed.extract.figures import _attribution, _Draft, _police

    titles: list[str] = []
    while len(rows) > 2 and sum(1 for c in _raw_cells(rows[0]) if c.strip()) <= 1:
        titles.append(" ".join(_raw_cells(rows[0])).strip())  # a title row: "| Police staff | | |"
        rows = rows[1:]
    if len(rows) < 2:
        return []
    all_spans = _row_spans(reader.text, rows)
    grid = [[reader.text[a:b] for a, b in spans] for spans in all_spans]
    header = grid[0]
    width = max(len(r) for r in grid)
    lead_texts = [s.text for s in lead] + titles
    lead_text = " ".join(lead_texts)
    lead_outcome = None
    for t in reversed(lead_texts):
        found = list(outcome_table().finditer(t))
        if found:
            lead_outcome = found[-1][2]
            break
    lead_nouns = staff_nouns(lead_text)
    lead_group = lead_nouns[-1][2] if lead_nouns else None
    lead_general = bool(lead_nouns) and normalise_phrase(
        lead_text[lead_nouns[-1][0] : lead_nouns[-1][1]]
    ) in (general_staff_nouns())
    marks, bound = _footnote_marks(notes)
    ctx = reader._context_org(rows[0], start)
    ctx_why = reader.why
    labels_text = " ".join(header) + " " + " ".join(r[0] for r in grid if r)
    officers_named = any(n[2] == "police_officers" for n in staff_nouns(labels_text))
    column_groups = {n[2] for h in header[1:] for n in staff_nouns(h)[:1]}
    row_groups = {n[2] for r in grid[1:] if r for n in staff_nouns(r[0])[:1]}

    col_info = []
    for c in range(width):
        h = header[c] if c < len(header) else ""
        col_info.append((h, _period_of(h), _outcome_of(h), bool(_TOTAL.search(h))))
    year_cols = [p for (_, p, _, _) in col_info[1:] if p is not None and p.period_start]
    year_rows = [p for p in (_period_of(r[0]) for r in grid[1:] if r) if p is not None and p.period_start]
    by_outcome = any(info[2] for info in col_info[1:]) or any(_outcome_of(r[0]) for r in grid[1:] if r)
    head_spans = all_spans[0]

    def body_named(a: int, b: int) -> list:
        """Bodies a heading cell names: the cell must be the body's name, not a phrase holding one
        ("Agency workers" names no agency)."""
        cell = reader.text[a:b].strip()
        if not cell or staff_nouns(cell):
            return []
        return [m for m in reader.orgs.within(a, b) if not m.reference and len(m.text) >= 0.6 * len(cell)]

    listed_outcomes = any(multiplied_counts(cell) for r in grid[1:] for cell in r[1:])
    drafts: list[_Draft] = []
    totals: dict[tuple, _Draft] = {}
    for r_index, (row, cells) in enumerate(zip(rows[1:], grid[1:], strict=True), 1):
        spans = all_spans[r_index]
        label = cells[0] if cells else ""
        row_period = _period_of(label)
        row_outcome = _outcome_of(label)
        row_total = bool(_TOTAL.search(label))
        row_orgs = body_named(*spans[0]) if spans else []
        pieces: list[tuple[int, int, int, str, bool, str | None, int, int]] = []
        for c in range(1, len(cells)):
            cs, ce = spans[c]
            got = _cell_count(cells[c], marks, bound)
            if got is not None:
                pieces.append((c, *got, None, cs, ce))
                continue
            for a, b, value, piece_outcome in multiplied_counts(cells[c]):
                if piece_outcome is not None:  # "3x Verbal warning": the cell's own outcome
                    pieces.append((c, value, "exact", False, piece_outcome, cs + a, cs + b))
        for c, value, qualifier, suppressed, piece_outcome, cs, ce in pieces:
            if value <= 0:
                continue
            head, col_period, col_outcome, col_total = (
                col_info[c] if c < len(col_info) else ("", None, None, False)
            )
            outcome = piece_outcome or row_outcome or col_outcome
            if outcome is None and listed_outcomes:
                outcome = "disciplined"  # the people whose outcomes the table lists cell by cell
            if outcome is None and (row_total or col_total):
                # a total across outcome rows or columns is everyone disciplined; a total across
                # years keeps the outcome the table is about
                outcome = "disciplined" if by_outcome else (lead_outcome or "disciplined")
            outcome = outcome or lead_outcome
            if outcome is None:
                continue
            col_orgs = body_named(*head_spans[c]) if c < len(head_spans) else []
            org = (row_orgs or col_orgs or [None])[0]
            if org is not None:
                name, kind, mention = org.name, org.kind, org.text
                why = _attribution("named in the table's headings", org)
            elif ctx is not None:
                name, kind, mention = ctx
                why = f"table; {ctx_why}" if ctx_why else "table"
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
            spanned = year_cols or year_rows  # a total across the years the columns (or rows) give
            if period is None and (col_total or row_total) and spanned:
                starts = [p.period_start for p in spanned if p.period_start]
                ends = [p.period_end or p.period_start for p in spanned]
                period = Period(0, 0, min(starts), max(e for e in ends if e))
            if period is None:
                lead_periods = find_periods(lead_text, reader.published)
                period = lead_periods[0] if lead_periods else None
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
            d.attribution = why
            if row_total or col_total:
                totals[
                    (
                        name,
                        group,
                        period.period_start if period and not (row_total and col_total) else None,
                        outcome,
                    )
                ] = d
            drafts.append(d)
    # a cell breaks down the total of its column (total row) or its row (total column)
    for d in drafts:
        if d in totals.values():
            continue
        # the total of the cell's own outcome (its row or column total) first, then an all-outcomes total
        ranked = sorted(totals.items(), key=lambda kt: kt[1].outcome != d.outcome)
        for key, t in ranked:
            if (
                t is not d
                and t.organisation == d.organisation
                and (t.outcome == d.outcome or t.outcome in ("disciplined", "investigated"))
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
