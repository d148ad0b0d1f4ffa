"""How authorities handle requests, from the tracked ones (time to respond, lateness, refusals,
exemptions), and a batch's answers collated into one table of authority by outcome."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from pydantic import BaseModel, Field

from disclosed.foi.deadlines import working_days_between
from disclosed.foi.records import FoiRequest
from disclosed.foi.requests import clock_start, first_response, first_response_due, is_overdue
from disclosed.foi.statuses import status_label
from disclosed.model import Figure, Table, normalise_text


class AuthorityPerformance(BaseModel):
    """One authority's record on the tracked requests. Shares are of the requests it answered."""

    authority: str
    requests: int
    answered: int
    overdue: int  # unanswered (or review unanswered) past the deadline as of the day computed
    median_working_days: float | None  # from receipt (or clarification) to the first response
    answered_late: int
    share_late: float | None
    refused: int
    share_refused: float | None
    partially_successful: int
    exemptions: dict[str, int] = Field(default_factory=dict)  # code -> requests citing it, most cited first


def authority_performance(requests: Iterable[FoiRequest], today: date) -> list[AuthorityPerformance]:
    """Per-authority figures from the tracked requests, one entry per authority, by name.

    A request counts as answered when the authority gave its first response (successful,
    partially successful or refused) before any review or appeal; late when that response came
    after the due date (the extended one if the time was extended). Days are working days under
    the request's law.
    """
    by_authority: dict[str, list[FoiRequest]] = defaultdict(list)
    for r in requests:
        by_authority[r.authority].append(r)
    out = []
    for authority in sorted(by_authority):
        group = by_authority[authority]
        days: list[int] = []
        late = refused = partial = 0
        cited: Counter[str] = Counter()
        for r in group:
            cited.update({code for change in r.history for code in change.exemptions})
            answer = first_response(r)
            start = clock_start(r)
            if answer is None or start is None:
                continue
            days.append(working_days_between(start, answer.on, r.law))
            due = first_response_due(r)
            late += due is not None and answer.on > due
            refused += answer.status == "refused"
            partial += answer.status == "partially_successful"
        answered = len(days)
        out.append(
            AuthorityPerformance(
                authority=authority,
                requests=len(group),
                answered=answered,
                overdue=sum(is_overdue(r, today) for r in group),
                median_working_days=statistics.median(days) if days else None,
                answered_late=late,
                share_late=late / answered if answered else None,
                refused=refused,
                share_refused=refused / answered if answered else None,
                partially_successful=partial,
                exemptions=dict(sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    return out


class BatchTable(BaseModel):
    """A batch's answers: one row per request (authority), fixed columns then one per outcome."""

    columns: list[str]
    rows: list[dict[str, str]]

    def to_table(self) -> Table:
        """The same grid as a model.Table (headings first), for render_table or an export."""
        return Table(rows=[self.columns, *[[row.get(c, "") for c in self.columns] for row in self.rows]])


FIXED_COLUMNS = ["authority", "law", "status", "answered", "late", "exemptions"]
# When a response gives an outcome for several staff groups, the broadest one stands for it.
_BREADTH = {"all": 0, "staff": 1, None: 2}
_QUALIFIER_MARK = {"exact": "", "more_than": ">", "at_least": ">=", "about": "~", "up_to": "<="}


def collate_batch(
    requests: Sequence[FoiRequest], figures: Mapping[str, Sequence[Figure]], today: date
) -> BatchTable:
    """The answers of a batch side by side: authority by outcome, what a researcher publishes.

    `figures` maps a request id to the figures read from its responses; figures about another
    body than the request's authority are left out. Where one outcome has several figures, the
    broadest staff group wins; if several remain and differ, each is shown with its staff group
    or period ("3 (2019); 4 (2020)") rather than added up, since periods may overlap.
    """
    cells: dict[str, dict[str, str]] = {}
    for r in requests:
        own = [f for f in figures.get(r.id, ()) if normalise_text(f.organisation).lower()
               == normalise_text(r.authority).lower()]
        by_outcome: dict[str, list[Figure]] = defaultdict(list)
        for f in own:
            by_outcome[f.outcome].append(f)
        cells[r.id] = {outcome: _cell(group) for outcome, group in by_outcome.items()}
    reporting = Counter(outcome for row in cells.values() for outcome in row)
    outcomes = sorted(reporting, key=lambda o: (-reporting[o], o))
    rows = []
    for r in sorted(requests, key=lambda r: r.authority):
        answer = first_response(r)
        due = first_response_due(r)
        cited = list(dict.fromkeys(code for c in r.history for code in c.exemptions))
        status = status_label(r.status)
        if is_overdue(r, today):
            status += " (overdue)"
        rows.append({
            "authority": r.authority,
            "law": r.law.upper(),
            "status": status,
            "answered": answer.on.isoformat() if answer else "",
            "late": ("yes" if answer.on > due else "no") if answer and due else "",
            "exemptions": ", ".join(cited),
            **cells[r.id],
        })
    return BatchTable(columns=FIXED_COLUMNS + outcomes, rows=rows)


def _count_text(f: Figure) -> str:
    if f.suppressed:
        return f.count_text
    return f"{_QUALIFIER_MARK[f.qualifier]}{f.count}"


def _cell(group: list[Figure]) -> str:
    best = min(_BREADTH.get(f.staff_group, 3) for f in group)
    chosen = [f for f in group if _BREADTH.get(f.staff_group, 3) == best]
    texts = list(dict.fromkeys(_count_text(f) for f in chosen))
    if len(texts) == 1:
        return texts[0]
    return "; ".join(f"{_count_text(f)} ({_figure_label(f)})" for f in chosen)


def _figure_label(f: Figure) -> str:
    if f.period_start:
        same = f.period_end in (None, f.period_start)
        return f.period_start if same else f"{f.period_start}-{f.period_end}"
    return f.period or f.staff_group or "unlabelled"
