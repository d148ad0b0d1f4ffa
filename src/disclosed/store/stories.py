"""The stories tables (document fingerprints, copy pairs, citations, stories and their documents) and
the repository functions that keep them up to date after an ingest, rebuild them, and read them back,
with the reconciled dataset and its checks computed from them on demand.

Documents are named in stories, copies and figures by `Document.name`; when two stored documents share
a name, every one after the first (by id) is called "name#id", so names stay unique and stable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from disclosed.model import Check, Citation, CopyPair, Dataset, Document, Figure, Story, StoryLink
from disclosed.reconcile import reconcile
from disclosed.store import story_tables
from disclosed.store.database import Store, _figure_from_row
from disclosed.store.schema import Base, DocumentRow, FigureRow
from disclosed.stories import DEFAULT_COPY_SETTINGS, CopyIndex, CopySettings, Fingerprint, find_citations
from disclosed.stories.grouping import group_into_stories, is_headline
from disclosed.stories.profile import PROFILE_VERSION, StoryProfile, figures_signature, story_profile

# Documents read per transaction while fingerprinting; fingerprints read per query while reloading.
BATCH = 200
FINGERPRINT_PAGE = 2000
# Grouping needs a document's text only to title a story whose origin has no title: its first lines.
TITLE_TEXT_CHARS = 1000
# Fingerprints written by an update that has not finished yet carry this suffix; an update that finds
# any (the last one was killed) recomputes everything, as their copy pairs may be missing.
PENDING = ":pending"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class FingerprintRow(Base):
    __tablename__ = "document_fingerprints"
    __table_args__ = (Index("ix_document_fingerprints_settings_version", "settings_version"),)

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    settings_version: Mapped[str] = mapped_column(String(64), nullable=False)
    shingles: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    signature: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class CopyRow(Base):
    __tablename__ = "document_copies"
    __table_args__ = (Index("ix_document_copies_document_b", "document_b"),)

    document_a: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    document_b: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    similarity: Mapped[float] = mapped_column(Float, nullable=False)


class CitationRow(Base):
    __tablename__ = "document_citations"
    __table_args__ = (Index("ix_document_citations_document_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    outlet: Mapped[str | None] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(16), nullable=False)
    evidence: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    first_date: Mapped[date | None] = mapped_column(Date)
    last_date: Mapped[date | None] = mapped_column(Date)
    origin_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    organisations: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    requesters: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    # copies, links and sources name documents as the story did when it was grouped (regrouped on
    # every update, so never stale)
    copies: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    links: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    sources: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)


class StoryDocumentRow(Base):
    __tablename__ = "story_documents"
    __table_args__ = (Index("ix_story_documents_document_id", "document_id", unique=True),)

    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


@dataclass
class StoriesReport:
    """What an update or rebuild did."""

    documents: int = 0  # documents in the store
    fingerprinted: int = 0  # documents fingerprinted (and searched for citations) by this run
    new_copies: int = 0
    copies: int = 0
    citations: int = 0
    stories: int = 0
    rebuilt: bool = False


ProgressCallback = Callable[[str], None]


# -- keeping stories up to date ------------------------------------------------------------------


def update_stories(store: Store, *, settings: CopySettings = DEFAULT_COPY_SETTINGS,
                   on_document_done: ProgressCallback | None = None) -> StoriesReport:
    """Bring stories up to date with the stored documents and figures: fingerprint every document not
    fingerprinted yet (the ones just ingested), store their copy pairs and citations, regroup every
    story and replace the stored ones. Fast when few documents are new: the copy index is rebuilt
    from stored fingerprints, not from texts. Falls back to `rebuild_stories` when stored
    fingerprints were made with other settings or by an update that did not finish."""
    with store.session() as s:
        stale = s.scalar(select(func.count()).select_from(FingerprintRow)
                         .where(FingerprintRow.settings_version != settings.fingerprint_version))
    if stale:
        return rebuild_stories(store, settings=settings, on_document_done=on_document_done)
    return _update(store, settings, on_document_done)


def rebuild_stories(store: Store, *, settings: CopySettings = DEFAULT_COPY_SETTINGS,
                    on_document_done: ProgressCallback | None = None) -> StoriesReport:
    """Recompute fingerprints, copies, citations and stories from the stored documents and figures.
    Gives exactly the stories that the incremental updates gave. The stored stories stay readable
    until the new ones replace them; if a rebuild is killed, the next update or rebuild redoes it."""
    with store.session() as s:
        for table in (CopyRow, CitationRow, FingerprintRow):
            s.execute(delete(table))
    report = _update(store, settings, on_document_done)
    report.rebuilt = True
    return report


def _update(store: Store, settings: CopySettings, on_document_done: ProgressCallback | None) -> StoriesReport:
    version = settings.fingerprint_version
    report = StoriesReport()
    index = CopyIndex(settings)
    with store.session() as s:
        keys = _document_keys(s)
        missing = s.scalars(
            select(DocumentRow.id).outerjoin(FingerprintRow, FingerprintRow.document_id == DocumentRow.id)
            .where(FingerprintRow.document_id.is_(None)).order_by(DocumentRow.id)
        ).all()
    report.documents = len(keys)
    _load_fingerprints(store, index)
    start = len(index)
    for i in range(0, len(missing), BATCH):
        chunk = missing[i : i + BATCH]
        with store.session() as s:
            rows = s.execute(select(DocumentRow.id, DocumentRow.source, DocumentRow.format, DocumentRow.text)
                             .where(DocumentRow.id.in_(chunk)).order_by(DocumentRow.id)).all()
            texts = [r.text for r in rows]
            fps = index.fingerprints(texts)
            s.execute(insert(FingerprintRow), [
                {"document_id": r.id, "settings_version": version + PENDING,
                 "shingles": fp.shingles_bytes(), "signature": fp.signature_bytes()}
                for r, fp in zip(rows, fps, strict=True)
            ])
            cites = []
            for r in rows:
                doc = Document(text=r.text, source=r.source, format=r.format, sha256="-")
                cites.extend({"document_id": r.id, **c.model_dump(exclude={"document"})}
                             for c in find_citations(doc))
            if cites:
                s.execute(insert(CitationRow), cites)
        index.extend([(str(r.id), fp) for r, fp in zip(rows, fps, strict=True)])
        report.fingerprinted += len(rows)
        del texts, rows, fps
        if on_document_done:
            for doc_id in chunk:
                on_document_done(keys.get(doc_id, str(doc_id)))
    new_pairs = index.copies(since=start) if len(index) > start else []
    del index  # the index is the biggest thing held; grouping should not have to share memory with it
    report.new_copies = len(new_pairs)
    new_copy_rows = [
        {"document_a": min(ids), "document_b": max(ids), "similarity": p.similarity}
        for p in new_pairs
        for ids in [(int(p.a), int(p.b))]
    ]
    stories, keys = _group(store, new_copy_rows)
    ids_by_key = {k: i for i, k in keys.items()}
    with store.session() as s:
        if new_copy_rows:
            s.execute(insert(CopyRow), new_copy_rows)
        s.execute(update(FingerprintRow).where(FingerprintRow.settings_version == version + PENDING)
                  .values(settings_version=version))
        previous = {keys[doc_id]: story_id for story_id, doc_id in s.execute(
            select(StoryDocumentRow.story_id, StoryDocumentRow.document_id)) if doc_id in keys}
        stories = story_tables.keep_ids(s, stories, previous)
        _replace_stories(s, stories, ids_by_key)
        story_tables.write_dataset(s, reconcile(_figures(s, keys), stories, topic=None))
        report.copies = s.scalar(select(func.count()).select_from(CopyRow)) or 0
        report.citations = s.scalar(select(func.count()).select_from(CitationRow)) or 0
    report.stories = len(stories)
    return report


def _load_fingerprints(store: Store, index: CopyIndex) -> None:
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
        index.extend([(str(r.document_id), Fingerprint.from_bytes(r.shingles, r.signature)) for r in rows])
        last = rows[-1].document_id


def _group(store: Store, new_copy_rows: Sequence[dict]) -> tuple[list[Story], dict[int, str]]:
    """Every stored story regrouped, with the document names used. Names are read again here, in one
    transaction with everything grouped, as an ingest running meanwhile may have added documents."""
    with store.session() as s:
        keys = _document_keys(s)
        citations_by_doc: dict[str, list[Citation]] = {}
        for c in _citations(s, keys):
            citations_by_doc.setdefault(c.document, []).append(c)
        docs = _grouping_documents(s, keys, citations_by_doc)
        figures = _figures(s, keys)
        copies = _copies(s, keys) + [
            CopyPair.of(keys[r["document_a"]], keys[r["document_b"]], r["similarity"]) for r in new_copy_rows]
    figures_by_doc: dict[str, list[Figure]] = {}
    for f in figures:
        figures_by_doc.setdefault(f.document or "", []).append(f)
    profiles = _profiles(store, keys, figures_by_doc)
    return group_into_stories(docs, figures_by_doc, copies, citations_by_doc, profiles=profiles), keys


# -- story profiles (stories' addition: what grouping compares beyond figures, read from each text) --


def _profiles(store: Store, keys: dict[int, str], figures_by_doc: dict[str, list[Figure]]
              ) -> dict[str, StoryProfile]:
    """Each document's story profile: the stored one when it is current, else computed from its
    text (read a page at a time) and stored."""
    profiles: dict[str, StoryProfile] = {}
    stale: list[int] = []
    last = 0
    while True:
        with store.session() as s:
            rows = s.execute(
                select(DocumentRow.id, story_tables.StoryProfileRow.version,
                       story_tables.StoryProfileRow.figures_signature, story_tables.StoryProfileRow.profile)
                .outerjoin(story_tables.StoryProfileRow,
                           story_tables.StoryProfileRow.document_id == DocumentRow.id)
                .where(DocumentRow.id > last).order_by(DocumentRow.id).limit(FINGERPRINT_PAGE)).all()
        if not rows:
            break
        for r in rows:
            key = keys.get(r.id)
            if key is None:
                continue
            if r.version == PROFILE_VERSION and r.figures_signature == figures_signature(
                    figures_by_doc.get(key, ())):
                profiles[key] = StoryProfile.model_validate(r.profile)
            else:
                stale.append(r.id)
        last = rows[-1].id
    for i in range(0, len(stale), BATCH):
        with store.session() as s:
            rows = s.execute(select(DocumentRow.id, DocumentRow.source, DocumentRow.format,
                                    DocumentRow.outlet, DocumentRow.text)
                             .where(DocumentRow.id.in_(stale[i : i + BATCH]))).all()
            fresh = []
            for r in rows:
                key = keys[r.id]
                figures = figures_by_doc.get(key, ())
                doc = Document(text=r.text, source=r.source, format=r.format, outlet=r.outlet, sha256="-")
                profiles[key] = story_profile(doc, figures)
                fresh.append({"document_id": r.id, "version": PROFILE_VERSION,
                              "figures_signature": figures_signature(figures),
                              "profile": profiles[key].model_dump(mode="json")})
            s.execute(delete(story_tables.StoryProfileRow)
                      .where(story_tables.StoryProfileRow.document_id.in_([f["document_id"] for f in fresh])))
            if fresh:
                s.execute(insert(story_tables.StoryProfileRow), fresh)
    return profiles


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


# -- reading -------------------------------------------------------------------------------------


def _document_keys(s: Session) -> dict[int, str]:
    """Document id -> the name stories and figures call it by (see the module docstring)."""
    keys: dict[int, str] = {}
    seen: set[str] = set()
    for doc_id, name in s.execute(select(DocumentRow.id, DocumentRow.name).order_by(DocumentRow.id)):
        keys[doc_id] = name if name not in seen else f"{name}#{doc_id}"
        seen.add(name)
    return keys


def _grouping_documents(s: Session, keys: dict[int, str], citations_by_doc: dict[str, list[Citation]]
                        ) -> list[Document]:
    """Documents as grouping needs them: metadata, plus the first lines of the text of those whose
    title cannot name a story (none, or page furniture), so a rebuild does not hold every text."""
    rows = s.execute(select(DocumentRow.id, DocumentRow.name, DocumentRow.source, DocumentRow.format,
                            DocumentRow.title, DocumentRow.published, DocumentRow.outlet, DocumentRow.sha256)
                     .order_by(DocumentRow.id)).all()
    untitled = [r.id for r in rows
                if not r.title or not is_headline(r.title, citations_by_doc.get(keys[r.id], ()))]
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
    return [_figure_from_row(row, keys[row.document_id]) for row in rows]


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


def dataset(store: Store, topic: str | None = "social_media", *, organisation: str | None = None) -> Dataset:
    """The reconciled dataset of the stored figures and stories (computed on demand: it is cheap).
    `topic` None keeps every topic; `organisation` keeps rows and checks whose organisation contains it
    (case aside), after reconciling everything, so conflicts with other rows are still found."""
    result = reconcile(named_figures(store), stories(store), topic=topic)
    if organisation:
        wanted = organisation.casefold()
        result = Dataset(rows=[r for r in result.rows if wanted in r.organisation.casefold()],
                         checks=[c for c in result.checks if wanted in c.organisation.casefold()])
    return result


def checks(store: Store, topic: str | None = None) -> list[Check]:
    """The consistency checks that fail on the stored figures (every topic unless one is given)."""
    return dataset(store, topic).checks

