"""The data behind each page, as plain dicts: the HTML templates, the JSON API and the exports all
call these, so a page and its JSON always say the same thing."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from disclosed.model import DatasetRow
from disclosed.web import charts
from disclosed.web.queries import Snapshot, StoredFigure, search_documents, snippets, year_of
from disclosed.web.records import (
    document_record,
    figure_record,
    policy_record,
    row_record,
    statement_record,
    story_record,
)

PARAGRAPH_MAX = 900  # characters of context around evidence when a document has no paragraph breaks
DUE_SOON_DAYS = 10
TOTAL_GROUPS = (None, "all", "staff")


@dataclass(frozen=True)
class FigureFilters:
    organisation: str | None = None
    outcome: str | None = None
    platform: str | None = None
    year: int | None = None
    status: str | None = None
    topic: str | None = None
    document_id: int | None = None

    def params(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v not in (None, "")}


def filter_figures(
    snapshot: Snapshot, flt: FigureFilters, among: set[int] | None = None
) -> list[StoredFigure]:
    org = flt.organisation.casefold() if flt.organisation else None
    platform = flt.platform.casefold() if flt.platform else None
    out = []
    if flt.document_id is not None:
        candidates = [snapshot.figures[i] for i in snapshot.figures_by_doc.get(flt.document_id, [])]
    elif among is not None and len(among) < len(snapshot.documents):
        candidates = [snapshot.figures[i] for d in sorted(among) for i in snapshot.figures_by_doc.get(d, [])]
    elif org:
        lists = [ids for name, ids in snapshot.figures_by_org.items() if org in name]
        candidates = [snapshot.figures[i] for ids in lists for i in ids]
        if len(lists) > 1:
            candidates.sort(key=lambda sf: sf.id)
    else:
        candidates = list(snapshot.figures.values())
    for sf in candidates:
        f = sf.figure
        if among is not None and sf.document_id not in among:
            continue
        if org and org not in f.organisation.casefold():
            continue
        if flt.outcome and f.outcome != flt.outcome:
            continue
        if platform and platform not in (p.casefold() for p in f.platforms):
            continue
        if flt.year is not None and year_of(f.period_start) != flt.year:
            continue
        if flt.topic and f.topic != flt.topic:
            continue
        if flt.document_id is not None and sf.document_id != flt.document_id:
            continue
        if flt.status and snapshot.status_of(sf.id) != flt.status:
            continue
        out.append(sf)
    return out


def figures_list(
    snapshot: Snapshot, flt: FigureFilters, offset: int = 0, limit: int | None = None
) -> list[dict]:
    found = filter_figures(snapshot, flt)
    end = None if limit is None else offset + limit
    return [figure_record(snapshot, sf) for sf in found[offset:end]]


def dataset_rows(
    snapshot: Snapshot,
    *,
    organisation: str | None = None,
    outcome: str | None = None,
    status: str | None = None,
    topic: str | None = "social_media",
    year: int | None = None,
) -> list[dict]:
    org = organisation.casefold() if organisation else None
    out = []
    for r in snapshot.dataset.rows:
        if org and org not in r.organisation.casefold():
            continue
        if (
            (outcome and r.outcome != outcome)
            or (status and r.status != status)
            or (topic and r.topic != topic)
        ):
            continue
        if year is not None and year_of(r.period_start) != year:
            continue
        out.append(_row_with_figure(snapshot, r))
    return out


def _row_with_figure(snapshot: Snapshot, r: DatasetRow) -> dict:
    """A dataset row's record with `figure`: the first extracted figure behind it (for its evidence)."""
    rec = row_record(r)
    rec["figure"] = (snapshot.figures_of_row.get(rec["id"]) or [None])[0]
    return rec


def _headline_rows(rows: list[DatasetRow]) -> list[DatasetRow]:
    """Rows that are totals, not subsets: no detail, and a staff-group breakdown only where the
    body gave no total for the same outcome and period (so nobody is counted twice)."""
    by_frame: dict[tuple, list[DatasetRow]] = defaultdict(list)
    for r in rows:
        if r.detail is None and r.topic == "social_media":
            by_frame[(r.organisation, r.outcome, r.period_start, r.period_end, r.period)].append(r)
    out = []
    for group in by_frame.values():
        totals = [r for r in group if r.staff_group in TOTAL_GROUPS]
        out.extend(totals[:1] if totals else group)
    return out


def outcomes_by_organisation(snapshot: Snapshot, limit: int = 15) -> list[charts.Bar]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in _headline_rows(snapshot.dataset.rows):
        counts[r.organisation][r.outcome] += r.count
    top = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:limit]
    return [charts.Bar(org, sorted(c.items(), key=lambda kv: -kv[1])) for org, c in top]


def _period_label(r: DatasetRow) -> str:
    if r.period_start and r.period_end and r.period_end != r.period_start:
        return f"{r.period_start}–{r.period_end}"
    return r.period_start or r.period or "undated"


def organisation_over_time(snapshot: Snapshot, name: str) -> list[charts.Bar]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in _headline_rows(
        [r for r in snapshot.dataset.rows if r.organisation.casefold() == name.casefold()]
    ):
        counts[_period_label(r)][r.outcome] += r.count
    return [
        charts.Bar(label, sorted(c.items()))
        for label, c in sorted(counts.items(), key=lambda kv: (kv[0] == "undated", kv[0]))
    ]


def overview_chart(snapshot: Snapshot) -> str:
    bars = outcomes_by_organisation(snapshot)
    title = "Outcomes by organisation (people, all reported periods)"
    return (
        charts.horizontal_bars(title, bars) if bars else charts.empty_chart(title, "No figures stored yet.")
    )


def organisation_chart(snapshot: Snapshot, name: str) -> str:
    bars = organisation_over_time(snapshot, name)
    title = f"{name}: outcomes by reported period"
    return charts.vertical_bars(title, bars) if bars else charts.empty_chart(title, "No dated figures.")


def organisations(snapshot: Snapshot) -> list[dict]:
    if not snapshot.organisation_counts:
        snapshot.organisation_counts = _organisations(snapshot)
    return snapshot.organisation_counts


def _organisations(snapshot: Snapshot) -> list[dict]:
    names: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for sf in snapshot.figures.values():
        names[sf.figure.organisation] += 1
    for r in snapshot.dataset.rows:
        rows[r.organisation] += 1
    for sp in snapshot.policies.values():
        names.setdefault(sp.policy.organisation, 0)
    return [
        {"name": n, "figures": names[n], "dataset_rows": rows[n]} for n in sorted(names, key=str.casefold)
    ]


def overview(snapshot: Snapshot, latest: int = 8) -> dict:
    rows = snapshot.dataset.rows
    stories = sorted(snapshot.stories, key=lambda s: s.last_date or s.first_date or date.min, reverse=True)
    return {
        "counts": {
            "documents": len(snapshot.documents),
            "figures": len(snapshot.figures),
            "dataset_rows": len(rows),
            "organisations": len({r.organisation for r in rows}),
            "stories": len(snapshot.stories),
            "policies": len(snapshot.policies),
            "statements": len(snapshot.statements),
            "agreed": sum(r.status == "agreed" for r in rows),
            "single_source": sum(r.status == "single_source" for r in rows),
            "conflicting": sum(r.status == "conflicting" for r in rows),
            "failed_checks": len(snapshot.dataset.checks),
        },
        "latest_stories": [story_record(s) for s in stories[:latest]],
    }


ORGANISATION_DOCUMENTS = 100  # documents listed on an organisation's page (the documents list has them all)


def organisation_page(snapshot: Snapshot, name: str) -> dict | None:
    key = name.casefold()
    rows = [_row_with_figure(snapshot, r) for r in snapshot.rows_by_org.get(key, [])]
    figures = [snapshot.figures[i] for i in snapshot.figures_by_org.get(key, [])]
    policies = sorted(
        (sp for sp in snapshot.policies.values() if sp.policy.organisation.casefold() == key),
        key=lambda sp: (sp.policy.published or date.min, sp.id),
    )
    statements = [
        ss
        for ss in snapshot.statements.values()
        if (ss.statement.speaker_organisation or "").casefold() == key
    ]
    if not (rows or figures or policies or statements):
        return None
    official = next((r["organisation"] for r in rows), None) or (
        figures[0].figure.organisation if figures else policies[0].policy.organisation if policies else name
    )
    doc_ids = sorted(
        {sf.document_id for sf in figures}
        | {sp.document_id for sp in policies}
        | {ss.document_id for ss in statements}
    )
    stories = [story_record(s) for s in snapshot.stories if any(o.casefold() == key for o in s.organisations)]
    return {
        "name": official,
        "headcount": _headcount(official, rows),
        "dataset_rows": rows,
        "policies": [policy_record(sp) for sp in policies],
        "statements": [statement_record(ss) for ss in statements],
        "stories": stories,
        "documents": [document_record(snapshot, i) for i in doc_ids[:ORGANISATION_DOCUMENTS]],
        "documents_total": len(doc_ids),
        "checks": [
            c.model_dump(mode="json") for c in snapshot.dataset.checks if c.organisation.casefold() == key
        ],
    }


def _headcount(name: str, rows: list[dict]) -> dict | None:
    """Rate per 10,000 staff where the register knows the headcount, with its year and source."""
    from disclosed.authorities import get_register

    authority = get_register().by_name(name)
    if authority is None or not authority.headcount:
        return None
    totals = [
        r
        for r in rows
        if r["detail"] is None and r["staff_group"] in TOTAL_GROUPS and r["topic"] == "social_media"
    ]
    return {
        "headcount": authority.headcount,
        "year": authority.headcount_year,
        "source": authority.headcount_source,
        "rates": [
            {
                "row": r["id"],
                "outcome": r["outcome"],
                "period_start": r["period_start"],
                "period_end": r["period_end"],
                "count": r["count"],
                "per_10000": round(r["count"] * 10000 / authority.headcount, 2),
            }
            for r in totals
        ],
    }


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) holding [start, end), at most PARAGRAPH_MAX wide."""
    p_start = text.rfind("\n\n", 0, start)
    p_start = 0 if p_start < 0 else p_start + 2
    p_end = text.find("\n\n", end)
    p_end = len(text) if p_end < 0 else p_end
    half = PARAGRAPH_MAX // 2
    if start - p_start > half:
        p_start = max(p_start, text.rfind(" ", 0, start - half) + 1)
    if p_end - end > half:
        cut = text.find(" ", end + half)
        p_end = min(p_end, cut if cut >= 0 else len(text))
    return p_start, p_end


def highlight(text: str, start: int, end: int) -> Markup:
    """The paragraph around [start, end) with that span in <mark>; everything escaped."""
    p_start, p_end = paragraph_around(text, start, end)
    return Markup(
        "{}{}<mark>{}</mark>{}{}"
    ).format(
        "… " if p_start > 0 and not text[:p_start].endswith("\n\n") else "",  # cut inside a paragraph
        text[p_start:start],
        text[start:end],
        text[end:p_end],
        " …" if p_end < len(text) and not text[p_end:].startswith("\n\n") else "",
    )


def figure_page(snapshot: Snapshot, figure_id: int, texts: dict[int, str]) -> dict | None:
    """`texts`: the text of every document the figure's dataset row cites (see `figure_documents`)."""
    sf = snapshot.figures.get(figure_id)
    if sf is None:
        return None
    rid = snapshot.row_of_figure.get(figure_id)
    row = snapshot.rows_by_id.get(rid) if rid else None
    support_ids, more = _support(snapshot, figure_id)
    evidence = []
    for fid in support_ids:
        other = snapshot.figures[fid]
        f = other.figure
        text = texts.get(other.document_id, "")
        doc = snapshot.documents[other.document_id]
        evidence.append(
            {
                "figure": fid,
                "document_id": doc.id,
                "document": doc.key,
                "title": doc.title,
                "outlet": doc.outlet,
                "published": doc.published.isoformat() if doc.published else None,
                "count": f.count,
                "qualifier": f.qualifier,
                "count_text": f.count_text,
                "evidence": f.evidence,
                "evidence_start": f.evidence_start,
                "evidence_end": f.evidence_end,
                "paragraph_html": str(highlight(text, f.evidence_start, f.evidence_end)) if text else None,
            }
        )
    return {
        "figure": figure_record(snapshot, sf),
        "dataset_row": row_record(row) if row else None,
        "attribution": {
            "organisation": sf.figure.organisation,
            "as_written": sf.figure.organisation_mention,
            "how": sf.figure.attribution,  # the extractor's rule that chose the body
            "requester": sf.figure.requester,
            "story": snapshot.story_of.get(sf.figure.document),
        },
        "evidence": evidence,
        "more_evidence": more,
    }


MAX_EVIDENCE = 12  # supporting documents shown in full on a figure's page; the rest are counted


def _support(snapshot: Snapshot, figure_id: int) -> tuple[list[int], int]:
    """The figures supporting the same dataset row, this one first, at most MAX_EVIDENCE; and how
    many more there are."""
    rid = snapshot.row_of_figure.get(figure_id)
    others = [i for i in snapshot.figures_of_row.get(rid, []) if i != figure_id] if rid else []
    ids = [figure_id, *others]
    return ids[:MAX_EVIDENCE], max(0, len(ids) - MAX_EVIDENCE)


def figure_documents(snapshot: Snapshot, figure_id: int) -> list[int]:
    if figure_id not in snapshot.figures:
        return []
    ids, _ = _support(snapshot, figure_id)
    return sorted({snapshot.figures[i].document_id for i in ids})


def marked_text(text: str, spans: list[tuple[int, int, str, str]]) -> Markup:
    """`text` escaped, each (start, end, kind, anchor) span wrapped in <mark class="kind" id="anchor">;
    overlapping spans are split so the markup nests."""
    bounds = sorted({0, len(text), *[s for s, _, _, _ in spans], *[e for _, e, _, _ in spans]})
    starts: dict[int, list[str]] = defaultdict(list)
    for s, _, _, anchor in spans:
        starts[s].append(anchor)
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= len(text):
            break
        for anchor in starts.get(a, []):
            out.append(f'<span class="anchor" id="{escape(anchor)}"></span>')
        kinds = sorted({k for s, e, k, _ in spans if s <= a and b <= e})
        piece = escape(text[a:b])
        out.append(f'<mark class="{" ".join(kinds)}">{piece}</mark>' if kinds else str(piece))
    return Markup("".join(out))


def document_page(snapshot: Snapshot, doc_id: int, text: str) -> dict | None:
    if doc_id not in snapshot.documents:
        return None
    figures = [snapshot.figures[i] for i in snapshot.figures_by_doc.get(doc_id, [])]
    policies = [snapshot.policies[i] for i in snapshot.policies_by_doc.get(doc_id, [])]
    statements = [snapshot.statements[i] for i in snapshot.statements_by_doc.get(doc_id, [])]
    spans = (
        [(sf.figure.evidence_start, sf.figure.evidence_end, "figure", f"f{sf.id}") for sf in figures]
        + [(sp.policy.evidence_start, sp.policy.evidence_end, "policy", f"p{sp.id}") for sp in policies]
        + [
            (ss.statement.evidence_start, ss.statement.evidence_end, "statement", f"s{ss.id}")
            for ss in statements
        ]
    )
    spans = [(max(0, s), min(len(text), e), k, a) for s, e, k, a in spans if s < e]
    return {
        "document": document_record(snapshot, doc_id),
        "text": text,
        "text_html": str(marked_text(text, spans)),
        "figures": [figure_record(snapshot, sf) for sf in figures],
        "policies": [policy_record(sp) for sp in policies],
        "statements": [statement_record(ss) for ss in statements],
    }


def story_page(snapshot: Snapshot, story_id: str) -> dict | None:
    story = next((s for s in snapshot.stories if s.id == story_id), None)
    if story is None:
        return None
    ids = {snapshot.by_key[k] for k in story.documents if k in snapshot.by_key}
    docs = set(story.documents)
    return {
        "story": story_record(story),
        "documents": [document_record(snapshot, i) for i in sorted(ids)],
        "figures": [
            figure_record(snapshot, snapshot.figures[i])
            for d in sorted(ids)
            for i in snapshot.figures_by_doc.get(d, [])
        ],
        "statements": [
            statement_record(snapshot.statements[i])
            for d in sorted(ids)
            for i in snapshot.statements_by_doc.get(d, [])
        ],
        "checks": [
            c.model_dump(mode="json")
            for c in snapshot.dataset.checks
            if c.story == story_id or docs.intersection(c.documents)
        ],
    }


def people_list(snapshot: Snapshot) -> list[dict]:
    return [p.model_dump(mode="json") for p in snapshot.people]


def person_page(snapshot: Snapshot, name: str) -> dict | None:
    key = name.casefold()
    person = next(
        (p for p in snapshot.people if p.name.casefold() == key or key in (v.casefold() for v in p.variants)),
        None,
    )
    if person is None:
        return None
    names = {person.name.casefold(), *(v.casefold() for v in person.variants)}
    statements = [
        statement_record(ss)
        for ss in snapshot.statements.values()
        if (ss.statement.speaker or "").casefold() in names
    ]
    for st in statements:
        st["story"] = snapshot.story_of.get(st["document"])
    return {"person": person.model_dump(mode="json"), "statements": statements}


FACETS = ("organisation", "outcome", "platform", "year", "status")
SEARCH_SHOWN = 50  # results shown (with snippets) on the page; the downloads hold every match


def search(snapshot: Snapshot, q: str, flt: FigureFilters) -> dict:
    """Documents matching `q` (every document when empty), narrowed to those with a figure passing the
    facet filters, with facet counts over the figures of the matching documents."""
    hits = search_documents(snapshot, q) if q.strip() else list(snapshot.documents)
    among = set(hits)
    figures = filter_figures(snapshot, flt, among)
    facets: dict[str, Counter] = {k: Counter() for k in FACETS}
    for sf in figures:
        f = sf.figure
        facets["organisation"][f.organisation] += 1
        facets["outcome"][f.outcome] += 1
        for p in f.platforms:
            facets["platform"][p] += 1
        if (y := year_of(f.period_start)) is not None:
            facets["year"][str(y)] += 1
        facets["status"][snapshot.status_of(sf.id) or "unreconciled"] += 1
    filtering = any(v not in (None, "") for v in flt.__dict__.values())
    keep = {sf.document_id for sf in figures} if filtering else among
    ordered = [i for i in hits if i in keep]
    marked = snippets(snapshot, q, ordered[:SEARCH_SHOWN])
    results = []
    for i in ordered:
        rec = document_record(snapshot, i)
        rec["snippet_html"] = _snippet_html(marked[i]) if i in marked else None
        results.append(rec)
    return {
        "q": q,
        "filters": flt.params(),
        "total": len(results),
        "results": results,
        "facets": {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:20] for k, v in facets.items()},
    }


def _snippet_html(snippet: str) -> str:
    return str(escape(snippet)).replace("\x02", "<mark>").replace("\x03", "</mark>")


def foi_page(requests: list, today: date) -> dict:
    from disclosed.foi import due_within, is_overdue, next_deadline
    from disclosed.web.records import request_record

    rows = []
    for r in requests:
        rec = request_record(r, today)
        rec["due_soon"] = bool(due_within(r, today, DUE_SOON_DAYS)) and not is_overdue(r, today)
        nxt = next_deadline(r, today)
        rec["days_left"] = (nxt.due - today).days if nxt else None
        rows.append(rec)
    rows.sort(key=lambda r: (r["next_deadline"] is None, r["next_deadline"] or ""))
    return {
        "today": today.isoformat(),
        "requests": rows,
        "overdue": sum(r["overdue"] for r in rows),
        "due_soon": sum(r["due_soon"] for r in rows),
        "due_soon_days": DUE_SOON_DAYS,
        "window_end": (today + timedelta(days=DUE_SOON_DAYS)).isoformat(),
    }
