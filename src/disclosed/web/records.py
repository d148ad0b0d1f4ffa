"""Whole records as the pages, the JSON API and the exports show them, and CSV/JSON writing.

In JSON booleans are true/false and lists are arrays; in CSV booleans are `true`/`false`, lists are
joined with `;` and nested values are JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from disclosed.foi import FoiRequest, is_overdue, next_deadline
from disclosed.model import DatasetRow, Story
from disclosed.web.queries import Snapshot, StoredFigure, StoredPolicy, StoredStatement, row_id, year_of

FIGURE_COLUMNS = [
    "id",
    "document_id",
    "document",
    "figure_key",
    "part_of",
    "organisation",
    "organisation_mention",
    "staff_group",
    "outcome",
    "count",
    "qualifier",
    "suppressed",
    "platforms",
    "period_start",
    "period_end",
    "period",
    "year",
    "conduct",
    "requester",
    "topic",
    "status",
    "dataset_row",
    "evidence",
    "evidence_start",
    "evidence_end",
    "count_text",
]
ROW_COLUMNS = [
    "id",
    "organisation",
    "staff_group",
    "outcome",
    "period_start",
    "period_end",
    "period",
    "topic",
    "detail",
    "count",
    "qualifier",
    "status",
    "sources",
    "documents",
    "stories",
    "values",
]
POLICY_COLUMNS = [
    "id",
    "document_id",
    "document",
    "organisation",
    "kind",
    "stance",
    "platforms",
    "detail",
    "published",
    "evidence",
    "evidence_start",
    "evidence_end",
]
STATEMENT_COLUMNS = [
    "id",
    "document_id",
    "document",
    "speaker",
    "role",
    "speaker_organisation",
    "quote",
    "reported",
    "published",
    "evidence",
    "evidence_start",
    "evidence_end",
]
DOCUMENT_COLUMNS = [
    "id",
    "key",
    "name",
    "source",
    "format",
    "title",
    "published",
    "outlet",
    "figures",
    "story",
]
STORY_COLUMNS = [
    "id",
    "title",
    "first_date",
    "last_date",
    "origin",
    "documents",
    "organisations",
    "requesters",
    "sources",
]
REQUEST_COLUMNS = [
    "id",
    "batch",
    "authority",
    "law",
    "title",
    "requester",
    "received",
    "reference",
    "our_reference",
    "status",
    "next_deadline",
    "next_deadline_kind",
    "overdue",
]


def figure_record(snapshot: Snapshot, sf: StoredFigure) -> dict:
    f = sf.figure
    rid = snapshot.row_of_figure.get(sf.id)
    return {
        "id": sf.id,
        "document_id": sf.document_id,
        "document": f.document,
        "figure_key": f.id,
        "part_of": f.part_of,
        "organisation": f.organisation,
        "organisation_mention": f.organisation_mention,
        "staff_group": f.staff_group,
        "outcome": f.outcome,
        "count": f.count,
        "qualifier": f.qualifier,
        "suppressed": f.suppressed,
        "platforms": list(f.platforms),
        "period_start": f.period_start,
        "period_end": f.period_end,
        "period": f.period,
        "year": year_of(f.period_start),
        "conduct": f.conduct,
        "requester": f.requester,
        "topic": f.topic,
        "status": snapshot.rows_by_id[rid].status if rid else None,
        "dataset_row": rid,
        "evidence": f.evidence,
        "evidence_start": f.evidence_start,
        "evidence_end": f.evidence_end,
        "count_text": f.count_text,
    }


def row_record(row: DatasetRow) -> dict:
    data = row.model_dump(mode="json")
    return {"id": row_id(row), **{k: data[k] for k in ROW_COLUMNS if k != "id"}}


def policy_record(sp: StoredPolicy) -> dict:
    return {"id": sp.id, "document_id": sp.document_id, **sp.policy.model_dump(mode="json", exclude={"type"})}


def statement_record(ss: StoredStatement) -> dict:
    return {
        "id": ss.id,
        "document_id": ss.document_id,
        **ss.statement.model_dump(mode="json", exclude={"type"}),
    }


def document_record(snapshot: Snapshot, doc_id: int) -> dict:
    d = snapshot.documents[doc_id]
    return {
        "id": d.id,
        "key": d.key,
        "name": d.name,
        "source": d.source,
        "format": d.format,
        "title": d.title,
        "published": d.published.isoformat() if d.published else None,
        "outlet": d.outlet,
        "figures": d.figures,
        "story": snapshot.story_of.get(d.key),
    }


def story_record(story: Story) -> dict:
    data = story.model_dump(mode="json")
    return {k: data[k] for k in STORY_COLUMNS} | {"copies": data["copies"], "links": data["links"]}


def request_record(request: FoiRequest, today: date) -> dict:
    nxt = next_deadline(request, today)
    data = request.model_dump(mode="json")
    return {k: data.get(k) for k in REQUEST_COLUMNS[:10]} | {
        "next_deadline": nxt.due.isoformat() if nxt else None,
        "next_deadline_kind": nxt.kind if nxt else None,
        "overdue": is_overdue(request, today),
        "history": data["history"],
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        if all(isinstance(v, str | int | float) for v in value):
            return ";".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def to_csv(records: Iterable[dict], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(c)) for c in columns])
    return out.getvalue()


def to_json(records: Iterable[dict]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=1, default=str)
