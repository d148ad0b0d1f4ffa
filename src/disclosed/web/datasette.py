"""`disclosed export --datasette FILE`: a SQLite file Datasette serves well, and its metadata.json.

Not the raw store: the reconciled dataset, its failed checks and the stories are tables beside the
documents, figures, policy facts and statements, joined by foreign keys, with full-text indexes on
documents and dataset rows, and a metadata.json giving each table and column a description, its
unit and where it comes from. (Reviewed values join these tables once the review workflow exists.)
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from disclosed.errors import DisclosedError
from disclosed.store import Store
from disclosed.web.queries import document_text, load_snapshot, row_id

SCHEMA = """
CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, title TEXT, outlet TEXT, published TEXT,
  format TEXT NOT NULL, source TEXT NOT NULL, story_id TEXT REFERENCES stories(id), text TEXT NOT NULL);
CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, first_date TEXT, last_date TEXT,
  origin_document_id INTEGER REFERENCES documents(id), documents INTEGER NOT NULL,
  independent_sources INTEGER, organisations TEXT, requesters TEXT);
CREATE TABLE dataset (id TEXT PRIMARY KEY, organisation TEXT NOT NULL, staff_group TEXT,
  outcome TEXT NOT NULL, period_start TEXT, period_end TEXT, period TEXT, topic TEXT NOT NULL, detail TEXT,
  count INTEGER NOT NULL, qualifier TEXT NOT NULL, status TEXT NOT NULL, sources INTEGER NOT NULL,
  documents TEXT, stories TEXT, competing_values TEXT);
CREATE TABLE figures (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  dataset_id TEXT REFERENCES dataset(id), organisation TEXT NOT NULL, organisation_mention TEXT,
  staff_group TEXT, outcome TEXT NOT NULL, count INTEGER NOT NULL, qualifier TEXT NOT NULL,
  suppressed INTEGER NOT NULL, platforms TEXT, period_start TEXT, period_end TEXT, period TEXT,
  conduct TEXT, requester TEXT, topic TEXT NOT NULL, evidence TEXT NOT NULL,
  evidence_start INTEGER, evidence_end INTEGER, count_text TEXT);
CREATE TABLE checks (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, organisation TEXT NOT NULL,
  message TEXT NOT NULL, story_id TEXT REFERENCES stories(id), expected INTEGER, found INTEGER,
  documents TEXT);
CREATE TABLE policies (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  organisation TEXT NOT NULL, kind TEXT NOT NULL, stance TEXT NOT NULL, platforms TEXT, detail TEXT,
  published TEXT, evidence TEXT NOT NULL);
CREATE TABLE statements (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  speaker TEXT, role TEXT, speaker_organisation TEXT, quote TEXT NOT NULL, reported INTEGER NOT NULL,
  published TEXT, evidence TEXT NOT NULL);
CREATE INDEX ix_figures_document ON figures(document_id);
CREATE INDEX ix_figures_dataset ON figures(dataset_id);
CREATE INDEX ix_dataset_organisation ON dataset(organisation);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
CREATE VIRTUAL TABLE dataset_fts USING fts5(organisation, outcome, detail, content='dataset');
"""

FROM_FIGURES = "extracted from the document text by disclosed's rules"
FROM_RECONCILE = "reconciled by disclosed across every document that states it"
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "name": "file name, or URL for a page out of a WARC",
        "title": "title read from the document",
        "outlet": "publisher read from the document",
        "published": "publication date (ISO)",
        "format": "text, html, pdf or warc",
        "source": "path or URL it was read from",
        "story_id": "the story it belongs to",
        "text": "the document's text as read",
    },
    "dataset": {
        "organisation": f"public body ({FROM_RECONCILE})",
        "staff_group": "staff, police_officers, ...",
        "outcome": "dismissed, written_warning, investigated, ...",
        "period_start": "start of the period counted (YYYY or YYYY-MM)",
        "period_end": "end of the period",
        "period": "an undated period as written",
        "topic": "social_media, internet_email, ...",
        "detail": "what tells a subset apart from its total (conduct or platforms)",
        "count": "number of people (unit: people)",
        "qualifier": "exact, more_than, at_least, about, up_to",
        "status": "agreed (sources agree), single_source, conflicting",
        "sources": "independent sources giving this figure (copies count once)",
        "documents": "JSON array of document names",
        "stories": "JSON array of story ids",
        "competing_values": "JSON array of the values given when conflicting",
    },
    "figures": {
        "dataset_id": "the dataset row this figure supports",
        "organisation": f"public body ({FROM_FIGURES})",
        "organisation_mention": "the body as the text named it",
        "count": "number of people (unit: people)",
        "suppressed": "1 when the source suppressed a small number",
        "platforms": "JSON array",
        "evidence": "the sentence or table row the figure was read from",
        "evidence_start": "character offset of the evidence in documents.text (unit: characters)",
        "evidence_end": "end offset of the evidence (unit: characters)",
        "count_text": "the count as written",
    },
    "checks": {
        "kind": "breakdown (parts do not add up) or conflict (sources disagree)",
        "expected": "count expected (unit: people)",
        "found": "count found (unit: people)",
    },
    "stories": {
        "documents": "number of documents",
        "independent_sources": "groups of copies counted once",
        "origin_document_id": "the document that first published it",
    },
    "policies": {
        "kind": "access, personal_use, training, guidance, ...",
        "stance": "banned, restricted, ...",
    },
    "statements": {"reported": "1 for reported speech, 0 for a direct quotation"},
}
TABLES = {
    "documents": "Documents read: FOI responses, press articles, web pages.",
    "dataset": "The reconciled dataset: one row per body, staff group, outcome and period.",
    "figures": "Every figure extracted, with its evidence; each supports a dataset row.",
    "checks": "Consistency checks that fail: breakdowns that do not add up, sources that disagree.",
    "stories": "Documents reporting the same disclosure; copies and republications grouped.",
    "policies": "Policy facts: a body's rules about social media.",
    "statements": "Quotations and reported statements by named speakers.",
}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def export_datasette(store: Store, path: Path) -> Path:
    """Write `path` (replacing it) and `metadata.json` beside it; returns the metadata path."""
    path = Path(path)
    if not path.parent.exists():
        raise DisclosedError(f"{path}: folder {path.parent} does not exist")
    snap = load_snapshot(store)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(SCHEMA)
        key_to_id = snap.by_key
        conn.executemany(
            "INSERT INTO stories VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    s.id,
                    s.title,
                    _iso(s.first_date),
                    _iso(s.last_date),
                    key_to_id.get(s.origin),
                    len(s.documents),
                    len(s.sources),
                    _json(s.organisations),
                    _json(s.requesters),
                )
                for s in snap.stories
            ],
        )
        conn.executemany(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    d.id,
                    d.key,
                    d.title,
                    d.outlet,
                    _iso(d.published),
                    d.format,
                    d.source,
                    snap.story_of.get(d.key),
                    document_text(store, d.id) or "",
                )
                for d in snap.documents.values()
            ],
        )
        conn.executemany(
            "INSERT INTO dataset VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    row_id(r),
                    r.organisation,
                    r.staff_group,
                    r.outcome,
                    r.period_start,
                    r.period_end,
                    r.period,
                    r.topic,
                    r.detail,
                    r.count,
                    r.qualifier,
                    r.status,
                    r.sources,
                    _json(r.documents),
                    _json(r.stories),
                    _json([v.model_dump() for v in r.values]),
                )
                for r in snap.dataset.rows
            ],
        )
        conn.executemany(
            "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    sf.id,
                    sf.document_id,
                    snap.row_of_figure.get(sf.id),
                    f.organisation,
                    f.organisation_mention,
                    f.staff_group,
                    f.outcome,
                    f.count,
                    f.qualifier,
                    int(f.suppressed),
                    _json(f.platforms),
                    f.period_start,
                    f.period_end,
                    f.period,
                    f.conduct,
                    f.requester,
                    f.topic,
                    f.evidence,
                    f.evidence_start,
                    f.evidence_end,
                    f.count_text,
                )
                for sf in snap.figures.values()
                for f in [sf.figure]
            ],
        )
        story_ids = {s.id for s in snap.stories}
        conn.executemany(
            "INSERT INTO checks (kind, organisation, message, story_id, expected, found, documents) "
            "VALUES (?,?,?,?,?,?,?)",
            [
                (
                    c.kind,
                    c.organisation,
                    c.message,
                    c.story if c.story in story_ids else None,
                    c.expected,
                    c.found,
                    _json(c.documents),
                )
                for c in snap.dataset.checks
            ],
        )
        conn.executemany(
            "INSERT INTO policies VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    sp.id,
                    sp.document_id,
                    p.organisation,
                    p.kind,
                    p.stance,
                    _json(p.platforms),
                    p.detail,
                    _iso(p.published),
                    p.evidence,
                )
                for sp in snap.policies.values()
                for p in [sp.policy]
            ],
        )
        conn.executemany(
            "INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    ss.id,
                    ss.document_id,
                    st.speaker,
                    st.role,
                    st.speaker_organisation,
                    st.quote,
                    int(st.reported),
                    _iso(st.published),
                    st.evidence,
                )
                for ss in snap.statements.values()
                for st in [ss.statement]
            ],
        )
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO dataset_fts(dataset_fts) VALUES ('rebuild')")
        conn.commit()
    finally:
        conn.close()
    tmp.replace(path)
    metadata = path.with_name("metadata.json")
    metadata.write_text(json.dumps(_metadata(path.stem), indent=2, ensure_ascii=False), encoding="utf-8")
    return metadata


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def _metadata(database: str) -> dict:
    return {
        "title": "disclosed: UK public servants disciplined for social-media misuse",
        "description": "FOI disclosures and press coverage turned into a verified dataset by disclosed. "
        "Start with the dataset table; each figure links to its document and evidence.",
        "source": "disclosed (documents you ingested)",
        "databases": {
            database: {
                "tables": {
                    name: {
                        "title": name.capitalize(),
                        "description": description,
                        "columns": COLUMNS.get(name, {}),
                        **({"fts_table": f"{name}_fts"} if name in ("documents", "dataset") else {}),
                        **({"sort_desc": "count"} if name == "dataset" else {}),
                    }
                    for name, description in TABLES.items()
                }
            }
        },
    }
