"""The stories tables' repository: fingerprints, copy pairs, citations, stories and their documents,
written and read as records. The update that computes them is disclosed.runs.stories.

Documents are named in stories, copies and figures by `Document.name`; when two stored documents share
a name, every one after the first (by id) is called "name#id", so names stay unique and stable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Row, delete, func, insert, select, update
from sqlalchemy.orm import Session

from disclosed.model import Citation, CopyPair, Dataset, Document, Figure, Story, StoryLink
from disclosed.store.database import Store, figure_from_row
from disclosed.store.schema import (
    CitationRow,
    CopyRow,
    DatasetCheckRow,
    DatasetRowRow,
    DocumentRow,
    FigureRow,
    FingerprintRow,
    StoryDocumentRow,
    StoryIdRow,
    StoryProfileRow,
    StoryRow,
)

# Fingerprints read per query while reloading; texts read per query for grouping.
FINGERPRINT_PAGE = 2000
# Grouping needs a document's text only to title a story whose origin has no title: its first lines.
TITLE_TEXT_CHARS = 1000
# Fingerprints written by an update that has not finished yet carry this suffix; an update that finds
# any (the last one was killed) recomputes everything, as their copy pairs may be missing.
PENDING = ":pending"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- writing -------------------------------------------------------------------------------------


def stale_fingerprints(store: Store, version: str) -> int:
    """How many stored fingerprints were made with other settings or by an update that did not finish."""
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(FingerprintRow)
                        .where(FingerprintRow.settings_version != version)) or 0


def clear_derived(store: Store) -> None:
    """Delete every fingerprint, copy pair and citation (a rebuild recomputes them), in one transaction."""
    with store.session() as s:
        for table in (CopyRow, CitationRow, FingerprintRow):
            s.execute(delete(table))


def unfingerprinted(store: Store) -> list[int]:
    """Ids of the documents without a fingerprint, oldest first."""
    with store.session() as s:
        return list(s.scalars(
            select(DocumentRow.id).outerjoin(FingerprintRow, FingerprintRow.document_id == DocumentRow.id)
            .where(FingerprintRow.document_id.is_(None)).order_by(DocumentRow.id)))


def document_texts(store: Store, ids: Sequence[int]) -> list[Row]:
    """(id, source, format, text) of these documents, by id."""
    with store.session() as s:
        return list(s.execute(select(DocumentRow.id, DocumentRow.source, DocumentRow.format, DocumentRow.text)
                              .where(DocumentRow.id.in_(ids)).order_by(DocumentRow.id)))


def iter_fingerprints(store: Store) -> Iterator[list[tuple[int, bytes, bytes]]]:
    """Every stored fingerprint as (document id, shingles, signature), a page at a time."""
    last = 0
    while True:
        with store.session() as s:
            rows = s.execute(
                select(FingerprintRow.document_id, FingerprintRow.shingles, FingerprintRow.signature)
                .where(FingerprintRow.document_id > last).order_by(FingerprintRow.document_id)
                .limit(FINGERPRINT_PAGE)
            ).all()
        if not rows:
            return
        yield [(r.document_id, r.shingles, r.signature) for r in rows]
        last = rows[-1].document_id


def add_fingerprints(store: Store, version: str, fingerprints: Sequence[tuple[int, bytes, bytes]],
                     citations: Sequence[tuple[int, Citation]]) -> None:
    """Store documents' fingerprints (pending until `save_stories`) and citations, in one transaction."""
    with store.session() as s:
        if fingerprints:
            s.execute(insert(FingerprintRow), [
                {"document_id": doc_id, "settings_version": version + PENDING, "shingles": shingles,
                 "signature": signature} for doc_id, shingles, signature in fingerprints])
        if citations:
            s.execute(insert(CitationRow), [{"document_id": doc_id, **c.model_dump(exclude={"document"})}
                                            for doc_id, c in citations])


def save_stories(store: Store, version: str, new_copies: Sequence[tuple[int, int, float]],
                 stories: Sequence[Story], ids_by_key: dict[str, int],
                 generation: int | None, *, ids: StoryIdChanges | None = None,
                 dataset: Dataset | None = None) -> tuple[int, int]:
    """The end of an update, in one transaction: the new copy pairs (lower id first) stored, pending
    fingerprints made final, the stories replaced (with `ids`: the story ids given and redirected),
    the `dataset` stored, and the owed update up to `generation` marked done.
    Returns the number of copy pairs and citations now stored."""
    with store.session() as s:
        if ids is not None:
            _save_story_ids(s, ids)
        if new_copies:
            s.execute(insert(CopyRow), [{"document_a": min(a, b), "document_b": max(a, b), "similarity": sim}
                                        for a, b, sim in new_copies])
        s.execute(update(FingerprintRow).where(FingerprintRow.settings_version == version + PENDING)
                  .values(settings_version=version))
        _replace_stories(s, stories, ids_by_key)
        if dataset is not None:
            _save_dataset(s, dataset)
        if generation is not None:
            store.mark_done(s, generation)
        copies = s.scalar(select(func.count()).select_from(CopyRow)) or 0
        cites = s.scalar(select(func.count()).select_from(CitationRow)) or 0
    return copies, cites


def grouping_inputs(store: Store, needs_text: Callable[[str | None, Sequence[Citation]], bool]
                    ) -> tuple[dict[int, str], list[Document], list[Figure], list[CopyPair],
                               dict[str, list[Citation]]]:
    """What regrouping every story needs, read in one transaction: document names by id, documents
    (their text only where `needs_text(title, citations)`), figures, copy pairs and citations."""
    with store.session() as s:
        keys = _document_keys(s)
        citations_by_doc: dict[str, list[Citation]] = {}
        for c in _citations(s, keys):
            citations_by_doc.setdefault(c.document, []).append(c)
        docs = _grouping_documents(s, keys, citations_by_doc, needs_text)
        figures = _figures(s, keys)
        copies = _copies(s, keys)
    return keys, docs, figures, copies, citations_by_doc


def _replace_stories(s: Session, stories: Sequence[Story], ids_by_key: dict[str, int]) -> None:
    s.execute(delete(StoryDocumentRow))
    s.execute(delete(StoryRow))
    now = _now()
    if not stories:
        return
    s.execute(insert(StoryRow.__table__), [
        {
            "id": st.id, "title": st.title, "first_date": st.first_date, "last_date": st.last_date,
            "origin_document_id": ids_by_key.get(st.origin), "organisations": st.organisations,
            "requesters": st.requesters, "copies": [c.model_dump(mode="json") for c in st.copies],
            "links": [link.model_dump(mode="json") for link in st.links], "sources": st.sources,
            "updated_at": now,
        }
        for st in stories
    ])
    s.execute(insert(StoryDocumentRow.__table__), [
        {"story_id": st.id, "document_id": ids_by_key[d], "position": i}
        for st in stories for i, d in enumerate(st.documents)
    ])


# -- stories v2: ids kept across updates, each document's story profile, the dataset as tables ----


@dataclass
class StoryIdChanges:
    """What an update did to story ids: ids given for the first time, old ids now pointing at the
    story they merged into, and ids in use again after having merged away."""

    created: Sequence[str] = ()
    redirects: Mapping[str, str] = field(default_factory=dict)
    in_use: Sequence[str] = ()


def story_id_history(store: Store) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Every story id ever given, oldest first; the redirects (merged id -> the id it merged into);
    and the story each document (by name) is in now."""
    with store.session() as s:
        keys = _document_keys(s)
        rows = s.execute(select(StoryIdRow.id, StoryIdRow.merged_into)
                         .order_by(StoryIdRow.created_at, StoryIdRow.id)).all()
        pairs = s.execute(select(StoryDocumentRow.story_id, StoryDocumentRow.document_id))
        members = {keys[doc_id]: story_id for story_id, doc_id in pairs if doc_id in keys}
    return [r.id for r in rows], {r.id: r.merged_into for r in rows if r.merged_into}, members


def _save_story_ids(s: Session, ids: StoryIdChanges) -> None:
    now = _now()
    if ids.created:
        s.execute(insert(StoryIdRow), [{"id": i, "created_at": now} for i in ids.created])
    for old, new in ids.redirects.items():
        s.execute(update(StoryIdRow).where(StoryIdRow.id == old).values(merged_into=new))
    if ids.in_use:
        s.execute(update(StoryIdRow).where(StoryIdRow.id.in_(list(ids.in_use)),
                                           StoryIdRow.merged_into.is_not(None)).values(merged_into=None))


def _save_dataset(s: Session, dataset: Dataset) -> None:
    s.execute(delete(DatasetRowRow))
    s.execute(delete(DatasetCheckRow))
    known = set(s.scalars(select(StoryIdRow.id)))
    if dataset.rows:
        s.execute(insert(DatasetRowRow), [
            {**r.model_dump(mode="json", exclude={"values"}),
             "competing": [v.model_dump(mode="json") for v in r.values] if r.status == "conflicting" else []}
            for r in dataset.rows])
    if dataset.checks:
        s.execute(insert(DatasetCheckRow), [
            {**c.model_dump(mode="json", exclude={"story"}),
             "story_id": c.story if c.story in known else None}
            for c in dataset.checks])


def stored_profiles(store: Store) -> dict[int, tuple[int, int, dict]]:
    """Each document's stored story profile: document id -> (version, figures signature, profile)."""
    with store.session() as s:
        return {r.document_id: (r.version, r.figures_signature, r.profile)
                for r in s.scalars(select(StoryProfileRow))}


def document_texts_with_outlet(store: Store, ids: Sequence[int]) -> list[Row]:
    """(id, source, format, outlet, text) of these documents, by id."""
    with store.session() as s:
        return list(s.execute(select(DocumentRow.id, DocumentRow.source, DocumentRow.format,
                                     DocumentRow.outlet, DocumentRow.text)
                              .where(DocumentRow.id.in_(ids)).order_by(DocumentRow.id)))


def save_profiles(store: Store, rows: Sequence[dict]) -> None:
    """Store documents' story profiles: dicts of document_id, version, figures_signature, profile."""
    if not rows:
        return
    with store.session() as s:
        ids = [r["document_id"] for r in rows]
        s.execute(delete(StoryProfileRow).where(StoryProfileRow.document_id.in_(ids)))
        s.execute(insert(StoryProfileRow), list(rows))


# -- reading -------------------------------------------------------------------------------------


def _document_keys(s: Session) -> dict[int, str]:
    """Document id -> the name stories and figures call it by (see the module docstring)."""
    keys: dict[int, str] = {}
    seen: set[str] = set()
    for doc_id, name in s.execute(select(DocumentRow.id, DocumentRow.name).order_by(DocumentRow.id)):
        keys[doc_id] = name if name not in seen else f"{name}#{doc_id}"
        seen.add(name)
    return keys


def _grouping_documents(s: Session, keys: dict[int, str], citations_by_doc: dict[str, list[Citation]],
                        needs_text: Callable[[str | None, Sequence[Citation]], bool]) -> list[Document]:
    """Documents as grouping needs them: metadata, plus the first lines of the text of those whose
    title cannot name a story (none, or page furniture), so a rebuild does not hold every text."""
    rows = s.execute(select(DocumentRow.id, DocumentRow.name, DocumentRow.source, DocumentRow.format,
                            DocumentRow.title, DocumentRow.published, DocumentRow.outlet, DocumentRow.sha256)
                     .order_by(DocumentRow.id)).all()
    untitled = [r.id for r in rows if needs_text(r.title, citations_by_doc.get(keys[r.id], ()))]
    texts: dict[int, str] = {}
    for i in range(0, len(untitled), FINGERPRINT_PAGE):
        texts.update((doc_id, text) for doc_id, text in s.execute(
            select(DocumentRow.id, func.substr(DocumentRow.text, 1, TITLE_TEXT_CHARS))
            .where(DocumentRow.id.in_(untitled[i : i + FINGERPRINT_PAGE]))))
    docs = []
    for r in rows:
        key = keys[r.id]
        # a renamed duplicate gets the same suffix on its source, so Document.name gives its key
        source = r.source if key == r.name else f"{r.source}#{r.id}"
        docs.append(Document(text=texts.get(r.id, ""), title=r.title, published=r.published, outlet=r.outlet,
                             source=source, format=r.format, sha256=r.sha256))
    return docs


def _figures(s: Session, keys: dict[int, str]) -> list[Figure]:
    # Core rows rather than ORM objects: a regroup reads every figure, and the ORM's identity map cost
    # more than the query
    rows = s.execute(select(FigureRow.__table__).order_by(FigureRow.document_id, FigureRow.id))
    return [figure_from_row(row, keys[row.document_id]) for row in rows]


def _copies(s: Session, keys: dict[int, str]) -> list[CopyPair]:
    rows = s.execute(select(CopyRow.document_a, CopyRow.document_b, CopyRow.similarity))
    return [CopyPair.of(keys[a], keys[b], sim) for a, b, sim in rows]


def _citations(s: Session, keys: dict[int, str]) -> list[Citation]:
    rows = s.execute(select(CitationRow).order_by(CitationRow.document_id, CitationRow.id)).scalars()
    return [
        Citation(document=keys[r.document_id], outlet=r.outlet, relation=r.relation, evidence=r.evidence,
                 evidence_start=r.evidence_start, evidence_end=r.evidence_end)
        for r in rows
    ]


def stories(store: Store) -> list[Story]:
    """The stored stories, ordered by first date (undated last), documents in publication order."""
    with store.session() as s:
        keys = _document_keys(s)
        members: dict[str, list[str]] = {}
        for story_id, doc_id in s.execute(select(StoryDocumentRow.story_id, StoryDocumentRow.document_id)
                                          .order_by(StoryDocumentRow.story_id, StoryDocumentRow.position)):
            members.setdefault(story_id, []).append(keys[doc_id])
        rows = s.scalars(select(StoryRow)).all()
    out = [
        Story(
            id=r.id, title=r.title, first_date=r.first_date, last_date=r.last_date,
            documents=members.get(r.id, []),
            origin=keys.get(r.origin_document_id, "") if r.origin_document_id is not None else "",
            copies=[CopyPair.model_validate(c) for c in r.copies],
            links=[StoryLink.model_validate(link) for link in r.links],
            sources=r.sources, organisations=r.organisations, requesters=r.requesters,
        )
        for r in rows
    ]
    out.sort(key=lambda st: (st.first_date is None, st.first_date or date.max, st.id))
    return out


def document_keys(store: Store) -> dict[int, str]:
    """Document id -> the name stories and figures call it by."""
    with store.session() as s:
        return _document_keys(s)


def copy_pairs(store: Store) -> list[CopyPair]:
    """Every stored pair of near-duplicate documents, by name."""
    with store.session() as s:
        return sorted(_copies(s, _document_keys(s)), key=lambda p: (p.a, p.b))


def citations(store: Store) -> list[Citation]:
    """Every stored citation (a document naming the outlet it republishes or cites), in document order."""
    with store.session() as s:
        return _citations(s, _document_keys(s))


def named_figures(store: Store) -> list[Figure]:
    """Every stored figure, its `document` being the name stories use (unique even for duplicate names)."""
    with store.session() as s:
        return _figures(s, _document_keys(s))
