"""Keeping stories up to date with the stored documents (update, rebuild), and the reconciled dataset.

An update is a documented sequence of transactions that a re-run completes: fingerprints and
citations of the new documents are stored (pending) a batch at a time; the last transaction stores
the new copy pairs, makes the fingerprints final, replaces every story and records the owed update
as done. One update runs at a time (a lock across processes), and a process that waited for the lock
finds nothing owed and does nothing, so concurrent ingests end as one clean run would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from disclosed.errors import ReadError
from disclosed.model import Check, Citation, CopyPair, Dataset, Document, Figure
from disclosed.store import Store
from disclosed.store import stories as story_store

# Documents read per transaction while fingerprinting.
BATCH = 200
LOCK = "stories"

ProgressCallback = Callable[[str], None]


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
    skipped: bool = False  # nothing was owed (another process had just done it)


def update_stories(store: Store, *, settings=None, on_document_done: ProgressCallback | None = None,
                   only_if_owed: bool = False) -> StoriesReport:
    """Bring stories up to date with the stored documents and figures: fingerprint every document not
    fingerprinted yet (the ones just ingested), store their copy pairs and citations, regroup every
    story and replace the stored ones. Fast when few documents are new: the copy index is rebuilt
    from stored fingerprints, not from texts. Falls back to a rebuild when stored fingerprints were
    made with other settings or by an update that did not finish.

    With `only_if_owed`, does nothing unless a change since the last update is recorded."""
    from disclosed.stories import DEFAULT_COPY_SETTINGS

    settings = settings or DEFAULT_COPY_SETTINGS
    with store.lock(LOCK):
        generation = store.owed()
        if only_if_owed and generation is None:
            return StoriesReport(skipped=True)
        if story_store.stale_fingerprints(store, settings.fingerprint_version):
            story_store.clear_derived(store)
            report = _update(store, settings, on_document_done, generation)
            report.rebuilt = True
            return report
        return _update(store, settings, on_document_done, generation)


def rebuild_stories(store: Store, *, settings=None,
                    on_document_done: ProgressCallback | None = None) -> StoriesReport:
    """Recompute fingerprints, copies, citations and stories from the stored documents and figures.
    Gives exactly the stories that the incremental updates gave. The stored stories stay readable
    until the new ones replace them; if a rebuild is killed, the next update or rebuild redoes it."""
    from disclosed.stories import DEFAULT_COPY_SETTINGS

    settings = settings or DEFAULT_COPY_SETTINGS
    with store.lock(LOCK):
        generation = store.owed()
        story_store.clear_derived(store)
        report = _update(store, settings, on_document_done, generation)
    report.rebuilt = True
    return report


def finish_owed_work(store: Store) -> list[ReadError]:
    """Do the work an earlier run owes (stories not updated after its documents); a failure is one
    error, the documents stay. Every command that opens a store through disclosed.runs calls this."""
    if store.owed() is None:
        return []
    return refresh_stories(store)


def refresh_stories(store: Store) -> list[ReadError]:
    """Update stories after documents or figures changed; a failure is one error, the documents stay."""
    try:
        update_stories(store, only_if_owed=True)
    except Exception as err:  # noqa: BLE001 - the documents are stored; the next run redoes this
        return [ReadError("stories", f"not updated ({type(err).__name__}: {err}); run again or "
                          "`disclosed rebuild`")]
    return []


def _needs_text(title: str | None, citations: Sequence[Citation]) -> bool:
    from disclosed.stories.grouping import is_headline

    return not title or not is_headline(title, citations)


def _update(store: Store, settings, on_document_done: ProgressCallback | None,
            generation: int | None) -> StoriesReport:
    from disclosed.stories import CopyIndex, Fingerprint, find_citations
    from disclosed.stories.grouping import group_into_stories

    version = settings.fingerprint_version
    report = StoriesReport()
    index = CopyIndex(settings)
    keys = story_store.document_keys(store)
    missing = story_store.unfingerprinted(store)
    report.documents = len(keys)
    for page in story_store.iter_fingerprints(store):
        index.extend([(str(doc_id), Fingerprint.from_bytes(sh, sig)) for doc_id, sh, sig in page])
    start = len(index)
    for i in range(0, len(missing), BATCH):
        rows = story_store.document_texts(store, missing[i : i + BATCH])
        fps = index.fingerprints([r.text for r in rows])
        cites: list[tuple[int, Citation]] = []
        for r in rows:
            doc = Document(text=r.text, source=r.source, format=r.format, sha256="-")
            cites.extend((r.id, c) for c in find_citations(doc))
        story_store.add_fingerprints(store, version, [(r.id, fp.shingles_bytes(), fp.signature_bytes())
                                                      for r, fp in zip(rows, fps, strict=True)], cites)
        index.extend([(str(r.id), fp) for r, fp in zip(rows, fps, strict=True)])
        report.fingerprinted += len(rows)
        if on_document_done:
            for r in rows:
                on_document_done(keys.get(r.id, str(r.id)))
        del rows, fps
    new_pairs = index.copies(since=start) if len(index) > start else []
    del index  # the index is the biggest thing held; grouping should not have to share memory with it
    report.new_copies = len(new_pairs)
    new_copies = [(int(p.a), int(p.b), p.similarity) for p in new_pairs]
    keys, docs, figures, copies, citations_by_doc = story_store.grouping_inputs(store, _needs_text)
    copies = copies + [CopyPair.of(keys[a], keys[b], sim) for a, b, sim in new_copies]
    figures_by_doc: dict[str, list[Figure]] = {}
    for f in figures:
        figures_by_doc.setdefault(f.document or "", []).append(f)
    profiles = _profiles(store, keys, figures_by_doc)
    stories = group_into_stories(docs, figures_by_doc, copies, citations_by_doc, profiles=profiles)
    stories, ids = _stable_ids(store, stories)
    ids_by_key = {k: i for i, k in keys.items()}
    from disclosed.reconcile import reconcile

    report.copies, report.citations = story_store.save_stories(
        store, version, new_copies, stories, ids_by_key, generation, ids=ids,
        dataset=reconcile(figures, stories, topic=None))
    report.stories = len(stories)
    return report


def _stable_ids(store: Store, stories: list) -> tuple[list, story_store.StoryIdChanges]:
    """The stories renamed so each keeps the id it had (stories.ids): merges keep the oldest id."""
    from disclosed.stories.ids import assign_story_ids

    history, redirects, previous = story_store.story_id_history(store)
    age = {story_id: i for i, story_id in enumerate(history)}
    proposed = {frozenset(st.documents): st.id for st in stories}
    out = assign_story_ids([st.documents for st in stories], previous, age,
                           lambda group: proposed[frozenset(group)], taken=set(history))
    renamed = [st.model_copy(update={"id": i}) for st, i in zip(stories, out.ids, strict=True)]
    in_use = [i for i in out.ids if i in redirects]
    return renamed, story_store.StoryIdChanges(created=out.created, redirects=out.redirects, in_use=in_use)


def _profiles(store: Store, keys: dict[int, str], figures_by_doc: dict[str, list[Figure]]) -> dict:
    """Each document's story profile: the stored one when current, else computed from its text a
    batch at a time and stored."""
    from disclosed.stories.profile import PROFILE_VERSION, StoryProfile, figures_signature, story_profile

    stored = story_store.stored_profiles(store)
    profiles: dict[str, StoryProfile] = {}
    stale: list[int] = []
    for doc_id, key in keys.items():
        found = stored.get(doc_id)
        signature = figures_signature(figures_by_doc.get(key, ()))
        if found and found[0] == PROFILE_VERSION and found[1] == signature:
            profiles[key] = StoryProfile.model_validate(found[2])
        else:
            stale.append(doc_id)
    del stored
    for i in range(0, len(stale), BATCH):
        fresh = []
        for r in story_store.document_texts_with_outlet(store, stale[i : i + BATCH]):
            key = keys[r.id]
            figures = figures_by_doc.get(key, ())
            doc = Document(text=r.text, source=r.source, format=r.format, outlet=r.outlet, sha256="-")
            profiles[key] = story_profile(doc, figures)
            fresh.append({"document_id": r.id, "version": PROFILE_VERSION,
                          "figures_signature": figures_signature(figures),
                          "profile": profiles[key].model_dump(mode="json")})
        story_store.save_profiles(store, fresh)
    return profiles


def story(store: Store, story_id: str):
    """One stored story by its id, or by an id it had before merging into another; None if unknown."""
    from disclosed.stories.ids import resolve

    _, redirects, _ = story_store.story_id_history(store)
    wanted = resolve(story_id, redirects)
    return next((st for st in story_store.stories(store) if st.id == wanted), None)


# -- the dataset ----------------------------------------------------------------------------------


def dataset(store: Store, topic: str | None = "social_media", *, organisation: str | None = None) -> Dataset:
    """The reconciled dataset of the stored figures and stories (computed on demand: it is cheap).
    `topic` None keeps every topic; `organisation` keeps rows and checks whose organisation contains it
    (case aside), after reconciling everything, so conflicts with other rows are still found."""
    from disclosed.reconcile import reconcile

    result = reconcile(story_store.named_figures(store), story_store.stories(store), topic=topic)
    if organisation:
        wanted = organisation.casefold()
        result = Dataset(rows=[r for r in result.rows if wanted in r.organisation.casefold()],
                         checks=[c for c in result.checks if wanted in c.organisation.casefold()])
    return result


def checks(store: Store, topic: str | None = None) -> list[Check]:
    """The consistency checks that fail on the stored figures (every topic unless one is given)."""
    return dataset(store, topic).checks
