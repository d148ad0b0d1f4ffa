"""The stories tables: round trip, incremental updates after ingest equal to a rebuild, recovery."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from disclosed.cli.documents import example_paths
from disclosed.model import Document, Figure
from disclosed.runs import stories as runs_stories
from disclosed.runs.ingest import ingest_paths
from disclosed.runs.stories import rebuild_stories, update_stories
from disclosed.store import open_store
from disclosed.store import stories as story_store
from disclosed.store.schema import CopyRow, DocumentRow, FingerprintRow
from disclosed.stories import CopyIndex, CopySettings, find_citations, group_into_stories

FIXTURES = Path(__file__).parent.parent / "fixtures" / "stories"


def _figure(doc: str, outcome: str, count: int, organisation: str = "Cornwall Council") -> Figure:
    return Figure(document=doc, organisation=organisation, outcome=outcome, count=count, staff_group="staff",
                  period_start="2020", period_end="2020", evidence="-", evidence_start=0, evidence_end=1,
                  count_text=str(count))


def _doc(name: str, text: str | None = None) -> Document:
    path = FIXTURES / name
    return Document(text=text if text is not None else path.read_text(encoding="utf-8"), source=str(path),
                    format="text")


def _courier(gazette: Document) -> Document:
    """A wire copy: the gazette's text under another masthead line."""
    return Document(text="The Cornish Courier\n\n" + gazette.text, source="/elsewhere/courier.txt",
                    format="text")


def _snapshot(store) -> tuple:
    # ids are left out: a stored story keeps the id it was first given, so ids depend on the order
    # documents arrived in (tests/stories/test_ids.py and test_story_ids.py cover them)
    stories = sorted((s.model_dump(exclude={"id"}) for s in story_store.stories(store)),
                     key=lambda d: d["documents"])
    return (stories, story_store.copy_pairs(store), story_store.citations(store))


def test_stored_stories_are_what_the_library_groups(store):
    """Round trip: what update_stories stores and reads back equals grouping the same inputs directly."""
    gazette, newsletter = _doc("cornwall_gazette.txt"), _doc("cornwall_newsletter.txt")
    copy = _courier(gazette)
    guardian = _doc("cites_the_guardian.txt")
    figures = {d.name: [_figure(d.name, "dismissed", 6), _figure(d.name, "written_warning", 15)]
               for d in (gazette, copy, newsletter)}
    figures[guardian.name] = [_figure(guardian.name, "dismissed", 4, "Kestrel Borough Council")]
    docs = [gazette, copy, newsletter, guardian]
    for d in docs:
        store.add_document(d, figures[d.name])
    report = update_stories(store)
    assert report.fingerprinted == 4 and report.stories == 2 and not report.rebuilt

    index = CopyIndex()
    expected_copies = index.add_many((d.name, d.text) for d in docs)
    expected = group_into_stories(docs, figures, expected_copies, {d.name: find_citations(d) for d in docs})
    assert story_store.stories(store) == expected
    assert story_store.copy_pairs(store) == sorted(expected_copies, key=lambda p: (p.a, p.b))
    assert [(p.a, p.b) for p in story_store.copy_pairs(store)] == [("cornwall_gazette.txt", "courier.txt")]

    cornwall = next(s for s in story_store.stories(store) if "Cornwall Council" in s.organisations)
    assert sorted(cornwall.documents) == ["cornwall_gazette.txt", "cornwall_newsletter.txt", "courier.txt"]
    assert [c.outlet for c in story_store.citations(store)] == ["Guardian"]

    with store.session() as s:
        rows = {r.document_id: r for r in s.scalars(select(FingerprintRow))}
        gazette_id = s.scalar(select(DocumentRow.id).where(DocumentRow.name == "cornwall_gazette.txt"))
    assert all(r.settings_version == CopySettings().fingerprint_version for r in rows.values())
    fresh = CopyIndex().fingerprint(gazette.text)
    assert rows[gazette_id].shingles == fresh.shingles_bytes()
    assert rows[gazette_id].signature == fresh.signature_bytes()


def test_dataset_counts_a_copy_once_and_a_rewrite_as_a_second_source(store):
    gazette, newsletter = _doc("cornwall_gazette.txt"), _doc("cornwall_newsletter.txt")
    copy = _courier(gazette)
    for d in (gazette, copy, newsletter):
        store.add_document(d, [_figure(d.name, "dismissed", 6)])
    update_stories(store)
    (row,) = runs_stories.dataset(store).rows
    assert row.count == 6 and row.documents == sorted(d.name for d in (gazette, copy, newsletter))
    assert row.sources == 2 and row.status == "agreed"
    assert runs_stories.dataset(store, organisation="kestrel").rows == []


def test_checks_list_a_breakdown_that_does_not_add_up(store):
    doc = _doc("breakdown_not_adding_up.txt")
    total = _figure(doc.name, "disciplined", 20).model_copy(update={"id": "f1"})
    parts = [_figure(doc.name, o, n).model_copy(update={"part_of": "f1"})
             for o, n in (("dismissed", 9), ("final_written_warning", 8), ("written_warning", 7))]
    store.add_document(doc, [total, *parts])
    update_stories(store)
    (check,) = runs_stories.checks(store)
    assert check.kind == "breakdown" and check.expected == 20 and check.found == 24
    assert check.documents == ["breakdown_not_adding_up.txt"]


def test_documents_with_the_same_file_name_stay_apart(store):
    a = Document(text="Cornwall Council dismissed 6 staff in 2020.", source="/one/article.txt", format="text")
    b = Document(text="Kestrel Borough Council dismissed 4 staff in 2022.", source="/two/article.txt",
                 format="text")
    second_id = None
    for d, org, n in ((a, "Cornwall Council", 6), (b, "Kestrel Borough Council", 4)):
        second_id = store.add_document(d, [_figure(d.name, "dismissed", n, org)]).document_id
    update_stories(store)
    assert sorted(d for s in story_store.stories(store) for d in s.documents) == [
        "article.txt", f"article.txt#{second_id}"]
    names = {f.document for f in story_store.named_figures(store)}
    assert names == {"article.txt", f"article.txt#{second_id}"}


@pytest.fixture(scope="module")
def examples_in_batches(tmp_path_factory) -> tuple[Path, list[Path]]:
    """The bundled examples ingested in three interleaved batches, so the copies of one story arrive in
    different batches (and out of order), stories updated after each."""
    folder = tmp_path_factory.mktemp("batches")
    paths = example_paths()
    batches = [paths[2::3], paths[0::3], paths[1::3]]
    db = folder / "batches.db"
    store = open_store(str(db))
    for batch in batches:
        report = ingest_paths(store, batch)
        assert report.ok, report.failed
    store.close()
    return db, paths


def test_incremental_updates_give_what_a_rebuild_gives(examples_in_batches, tmp_path):
    db, paths = examples_in_batches
    batched = open_store(str(db))
    incremental = _snapshot(batched)

    at_once = open_store(str(tmp_path / "once.db"))
    ingest_paths(at_once, paths)
    report = rebuild_stories(at_once)
    assert report.rebuilt and report.fingerprinted == report.documents
    assert _snapshot(at_once) == incremental

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    again = open_store(str(copy))
    rebuild_stories(again)
    assert _snapshot(again) == incremental

    stories = story_store.stories(batched)
    hmrc = next(s for s in stories if "hmrc_wire_courier.html" in s.documents)
    wire = ["hmrc_wire_bulletin.txt", "hmrc_wire_courier.html", "hmrc_wire_herald.html"]
    assert sorted(hmrc.documents) == wire
    # one link per later copy (to its most similar earlier document), joining all three
    assert len(hmrc.copies) == 2
    assert {d for c in hmrc.copies for d in (c.a, c.b)} == set(wire)
    gmp = next(s for s in stories if "gmp_social_media_2019.html" in s.documents)
    assert "gmp_rewrite_policetech.txt" in gmp.documents
    dvla = [s for s in stories if any(d.startswith("dvla_") for d in s.documents)]
    assert len(dvla) == 2


def test_an_unfinished_update_or_new_settings_trigger_a_rebuild(examples_in_batches, tmp_path):
    db, _ = examples_in_batches
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    store = open_store(str(copy))
    before = _snapshot(store)
    version = CopySettings().fingerprint_version
    with store.session() as s:
        # as if killed after fingerprinting one document, before storing its copies
        doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.name == "hmrc_wire_herald.html"))
        s.execute(delete(CopyRow).where((CopyRow.document_a == doc_id) | (CopyRow.document_b == doc_id)))
        s.execute(update(FingerprintRow).where(FingerprintRow.document_id == doc_id)
                  .values(settings_version=version + ":pending"))
    report = update_stories(store)
    assert report.rebuilt
    assert _snapshot(store) == before

    other = CopySettings(shingle_size=4)
    report = update_stories(store, settings=other)
    assert report.rebuilt
    with store.session() as s:
        assert set(s.scalars(select(FingerprintRow.settings_version))) == {other.fingerprint_version}


def test_a_failing_story_update_is_one_error_and_loses_no_document(store, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(FIXTURES / "cornwall_gazette.txt", folder)

    def broken(_store, **_options):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(runs_stories, "update_stories", broken)
    report = ingest_paths(store, [folder])
    assert report.new == 1 and store.count_documents() == 1
    (failure,) = report.failed
    assert failure.source == "stories" and "disk on fire" in str(failure) and "rebuild" in str(failure)
    monkeypatch.undo()
    assert update_stories(store).stories == 1
