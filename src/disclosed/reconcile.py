"""Reconciliation: dataset rows from many documents' figures, with independent sources, agreement
and conflicts, and the consistency checks (breakdowns that don't add up, outlets that disagree)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from disclosed.model import Check, Dataset, DatasetRow, Figure, RowValue, Story
from disclosed.stories.grouping import staff_class

# Outcomes that are disjoint ways a disciplinary case ends, so they can break down a total of
# people disciplined; `investigated`, `misconduct_found` and `suspended` overlap with them.
BREAKDOWN_OUTCOMES = frozenset(
    {
        "dismissed", "resigned_or_retired", "final_written_warning", "written_warning", "warning",
        "verbal_warning", "words_of_advice", "management_advice", "reprimand", "formal_misconduct",
        "no_further_action", "training",
    }
)
TOTAL_OUTCOMES = frozenset({"disciplined"})
# A breakdown covering less than this share of its total is read as partial, not as wrong.
NEARLY_COMPLETE = 0.75
ABOUT_TOLERANCE = 0.2  # "about 40" allows 32..48
_MAX_COMPLETION = 12  # siblings tried when completing a breakdown (2**12 subsets at most)

BaseKey = tuple[str, str, str, str, str]  # organisation, staff class, outcome, topic, detail
PeriodKey = tuple


@dataclass
class _Entry:
    figure: Figure
    document: str
    story: str
    source: str
    detail: str


@dataclass
class _Cluster:
    period: PeriodKey | None = None
    entries: list[_Entry] = field(default_factory=list)


def _period_key(f: Figure, story: str) -> PeriodKey | None:
    if f.period_start or f.period_end:
        return ("dated", f.period_start, f.period_end)
    if f.period:
        # "the past 18 months" means a different span in each disclosure
        return ("phrase", " ".join(f.period.lower().split()), story)
    return None


def _consistent(count: int, qualifier: str, exact: int) -> bool:
    """Whether a qualified value ("more than 100") agrees with an exact one (116)."""
    if qualifier == "exact":
        return count == exact
    if qualifier in ("more_than", "at_least"):
        return exact >= count
    if qualifier == "up_to":
        return exact <= count
    return abs(exact - count) <= max(2, round(count * 0.1))  # about


def _values_conflict(values: Iterable[tuple[int, str]]) -> bool:
    values = list(values)
    exact = {c for c, q in values if q == "exact"}
    if len(exact) > 1:
        return True
    if exact:
        e = next(iter(exact))
        return not all(_consistent(c, q, e) for c, q in values)
    lower = max((c for c, q in values if q in ("more_than", "at_least")), default=None)
    upper = min((c for c, q in values if q == "up_to"), default=None)
    return lower is not None and upper is not None and lower > upper


class _Sources:
    """Which story and independent source each document belongs to."""

    def __init__(self, stories: Sequence[Story]) -> None:
        self.story: dict[str, str] = {}
        self.source: dict[str, str] = {}
        for s in stories:
            for d in s.documents:
                self.story[d] = s.id
            for i, group in enumerate(s.sources or [[d] for d in s.documents]):
                for d in group:
                    self.source[d] = f"{s.id}#{i}"

    def of(self, document: str) -> tuple[str, str]:
        return self.story.get(document, f"doc:{document}"), self.source.get(document, f"doc:{document}")


def _details(figures: list[Figure]) -> list[str]:
    """Per figure of one document, what tells a subset apart from its total when both have the same
    organisation, staff group, outcome and period (the 1 warning for a security breach among 11
    warnings): the smaller figure's conduct, else its platforms, else "subset"."""
    by_id = {f.id: f for f in figures if f.id}
    details = []
    for f in figures:
        total = by_id.get(f.part_of) if f.part_of else None
        subset = total is not None and total.outcome == f.outcome
        if not subset and f.qualifier == "exact":
            subset = any(
                g is not f and g.count > f.count and g.outcome == f.outcome and _same_frame(g, f)
                and not g.part_of
                for g in figures
            )
        if not subset:
            details.append("")
        elif f.conduct:
            details.append(" ".join(f.conduct.lower().split()))
        else:
            details.append(", ".join(f.platforms) or "subset")
    return details


def reconcile(
    figures: Iterable[Figure], stories: Sequence[Story], topic: str | None = "social_media"
) -> Dataset:
    """Dataset rows, one per organisation, staff group, outcome and period (and subset detail),
    plus failed checks. `stories` supply which documents are copies or republications of each
    other: they count as one independent source. `topic` keeps figures of that topic only (None
    keeps all). A figure without a period joins the row of the same fact that has one when the
    counts agree or it comes from the same story; otherwise it stands for its own story.
    """
    sources = _Sources(stories)
    by_doc: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.count <= 0 or (topic is not None and f.topic != topic):
            continue
        by_doc[f.document or ""].append(f)

    entries: list[_Entry] = []
    for doc, figs in by_doc.items():
        seen: set[tuple] = set()
        for f, detail in zip(figs, _details(figs), strict=True):
            k = (f.organisation.casefold(), staff_class(f.staff_group), f.outcome, f.count, f.qualifier,
                 f.period_start, f.period_end, f.period, f.topic, detail)
            if k in seen:
                continue
            seen.add(k)
            story, source = sources.of(doc)
            entries.append(_Entry(f, doc, story, source, detail))

    groups: dict[BaseKey, list[_Entry]] = defaultdict(list)
    for e in entries:
        f = e.figure
        base = (f.organisation.casefold(), staff_class(f.staff_group), f.outcome, f.topic, e.detail)
        groups[base].append(e)

    rows: list[DatasetRow] = []
    for base in sorted(groups):
        for cluster in _clusters(groups[base]):
            rows.append(_row(cluster))
    checks = [_conflict_check(r) for r in rows if r.status == "conflicting"]
    checks.extend(_breakdown_checks(by_doc, sources))
    return Dataset(rows=rows, checks=checks)


def _clusters(entries: list[_Entry]) -> list[_Cluster]:
    clusters: dict[PeriodKey, _Cluster] = {}
    undated: list[_Entry] = []
    for e in entries:
        p = _period_key(e.figure, e.story)
        if p is None:
            undated.append(e)
        else:
            clusters.setdefault(p, _Cluster(period=p)).entries.append(e)
    for e in undated:
        f = e.figure
        target = next(
            (c for c in clusters.values() if any(
                x.figure.count == f.count and x.figure.qualifier == f.qualifier for x in c.entries)),
            None,
        ) or next((c for c in clusters.values() if any(x.story == e.story for x in c.entries)), None)
        if target is None:
            target = clusters.setdefault(("story", e.story), _Cluster())
        target.entries.append(e)
    return list(clusters.values())


def _row(cluster: _Cluster) -> DatasetRow:
    entries = cluster.entries
    by_value: dict[tuple[int, str], list[_Entry]] = defaultdict(list)
    for e in entries:
        by_value[(e.figure.count, e.figure.qualifier)].append(e)
    values = [
        RowValue(count=c, qualifier=q, documents=sorted({e.document for e in es}),  # type: ignore[arg-type]
                 sources=len({e.source for e in es}))
        for (c, q), es in by_value.items()
    ]
    values.sort(key=lambda v: (-v.sources, -len(v.documents), v.qualifier != "exact", v.count))
    conflicting = _values_conflict(by_value)
    if conflicting:
        best = values[0]
    else:
        exact = [v for v in values if v.qualifier == "exact"]
        best = exact[0] if exact else max(values, key=lambda v: v.count)
    figs = [e.figure for e in entries]
    n_sources = len({e.source for e in entries})
    dated = next((f for f in figs if f.period_start or f.period_end), None)
    phrased = next((f for f in figs if f.period), None) if dated is None else None
    groups = Counter(f.staff_group for f in figs if f.staff_group)
    return DatasetRow(
        organisation=Counter(f.organisation for f in figs).most_common(1)[0][0],
        staff_group=groups.most_common(1)[0][0] if groups else None,
        outcome=figs[0].outcome,
        period_start=dated.period_start if dated else None,
        period_end=dated.period_end if dated else None,
        period=(dated.period if dated else phrased.period if phrased else None),
        topic=figs[0].topic,
        detail=entries[0].detail or None,
        count=best.count,
        qualifier=best.qualifier,
        status="conflicting" if conflicting else ("agreed" if n_sources > 1 else "single_source"),
        documents=sorted({e.document for e in entries}),
        sources=n_sources,
        stories=sorted({e.story for e in entries}),
        values=values,
    )


def _label(organisation: str, staff_group: str | None, outcome: str, detail: str | None = None) -> str:
    who = f" ({staff_group})" if staff_group else ""
    what = f" [{detail}]" if detail else ""
    return f"{organisation}{who} {outcome}{what}"


def _conflict_check(row: DatasetRow) -> Check:
    competing = "; ".join(
        f"{'' if v.qualifier == 'exact' else v.qualifier + ' '}{v.count} in {', '.join(v.documents)}"
        for v in row.values
    )
    return Check(
        kind="conflict",
        organisation=row.organisation,
        message=f"{_label(row.organisation, row.staff_group, row.outcome, row.detail)}: "
        f"sources disagree: {competing}",
        documents=row.documents,
        story=row.stories[0] if len(row.stories) == 1 else None,
    )


def _same_frame(a: Figure, b: Figure) -> bool:
    return (
        a.organisation.casefold() == b.organisation.casefold()
        and staff_class(a.staff_group) == staff_class(b.staff_group)
        and a.topic == b.topic
        and (a.period_start, a.period_end, a.period) == (b.period_start, b.period_end, b.period)
    )


def _compatible_frame(a: Figure, b: Figure) -> bool:
    """Same frame, or one of them has no period at all (the text gave the period once)."""
    undated = (None, None, None)
    if undated in ((a.period_start, a.period_end, a.period), (b.period_start, b.period_end, b.period)):
        return _same_frame(a.model_copy(update={"period_start": None, "period_end": None, "period": None}),
                           b.model_copy(update={"period_start": None, "period_end": None, "period": None}))
    return _same_frame(a, b)


def _completes(missing: int, siblings: list[Figure]) -> bool:
    counts = [s.count for s in siblings[:_MAX_COMPLETION]]
    return any(sum(c) == missing for r in range(1, len(counts) + 1) for c in combinations(counts, r))


def _bounds(f: Figure) -> tuple[float, float]:
    """The range of true counts a figure allows: "<5" (suppressed) is 1..4, "more than 12" 13..inf."""
    n = f.count
    match f.qualifier:
        case "up_to":
            return (1 if f.suppressed else 0), n
        case "more_than":
            return n + 1, math.inf
        case "at_least":
            return n, math.inf
        case "about":
            return math.floor(n * (1 - ABOUT_TOLERANCE)), math.ceil(n * (1 + ABOUT_TOLERANCE))
    return n, n


def _breakdown_problem(total: Figure, parts: list[Figure], declared: bool, figs: list[Figure]) -> str | None:
    total_lo, total_hi = _bounds(total)
    same_outcome = [p for p in parts if p.outcome == total.outcome]
    for p in same_outcome:
        if _bounds(p)[0] > total_hi:
            return f"a part ({p.count} {p.outcome}) is larger than its total ({total.count})"
    outcome_parts = [p for p in parts if p.outcome != total.outcome and p.outcome in BREAKDOWN_OUTCOMES]
    if len({p.outcome for p in outcome_parts}) != len(outcome_parts) or len(outcome_parts) < 2:
        return None  # one part, or one outcome twice: a subset, not a breakdown to sum
    low = sum(_bounds(p)[0] for p in outcome_parts)
    high = sum(_bounds(p)[1] for p in outcome_parts)
    if low > total_hi:
        return f"parts add up to {int(low)}, more than the total of {total.count}"
    # Coverage well short of the total is a partial breakdown ("seven suspended, two dismissed"),
    # which articles give all the time; only a nearly complete one that misses is a garbled number.
    if declared and high < total_lo and high >= NEARLY_COMPLETE * total_lo:
        used = {p.outcome for p in outcome_parts} | {total.outcome}
        siblings = [
            g for g in figs
            if g is not total and g not in parts and g.outcome in BREAKDOWN_OUTCOMES and g.outcome not in used
            and g.qualifier == "exact" and _compatible_frame(g, total)
        ]
        if not _completes(total.count - int(high), siblings):
            return f"parts add up to {int(high)}, not the total of {total.count}"
    return None


def _breakdown_checks(by_doc: dict[str, list[Figure]], sources: _Sources) -> list[Check]:
    """Per document: declared breakdowns (`part_of`) and, conservatively, inferred ones (a
    `disciplined` total with distinct outcome figures of the same frame) that do not add up.
    Copies failing the same way give one check naming them all."""
    found: dict[tuple, Check] = {}
    for doc, figs in by_doc.items():
        story, _ = sources.of(doc)
        for total in figs:
            declared = [p for p in figs if total.id and p.part_of == total.id and p is not total]
            if declared:
                problem = _breakdown_problem(total, declared, True, figs)
            elif total.outcome in TOTAL_OUTCOMES and not total.part_of:
                inferred = [
                    p for p in figs
                    if p is not total and not p.part_of and p.outcome in BREAKDOWN_OUTCOMES
                    and p.staff_group == total.staff_group and _same_frame(p, total)
                ]
                problem = _breakdown_problem(total, inferred, False, figs)
            else:
                problem = None
            if problem is None:
                continue
            label = _label(total.organisation, total.staff_group, total.outcome)
            key = (story, label, total.count, problem)
            if key in found:
                found[key].documents.append(doc)
                continue
            found[key] = Check(
                kind="breakdown",
                organisation=total.organisation,
                message=f"{label} {total.count}: {problem}",
                documents=[doc],
                story=story if not story.startswith("doc:") else None,
                expected=total.count,
                found=int(problem.split("add up to ")[1].split(",")[0]) if "add up to" in problem else None,
            )
    return list(found.values())
