"""The store: migrations, WAL, idempotent documents, figures round trip, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from disclosed.errors import StoreError
from disclosed.model import Document, Figure
from disclosed.store import open_store, resolve_db_url


def _figure(count: int = 3, outcome: str = "dismissed") -> Figure:
    sentence = f"The Home Office dismissed {count} staff."
    return Figure(organisation="Home Office", outcome=outcome, count=count, platforms=["Facebook"],
                  period_start="2009-01", evidence=sentence, evidence_start=0, evidence_end=len(sentence),
                  count_text=str(count), id="f1")


def test_sqlite_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    store = open_store(str(tmp_path / "wal.db"))
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_same_content_is_stored_once(store):
    doc = Document(text="Three  staff were dismissed.", source="a.txt", format="text")
    same_content = Document(text="Three staff were dismissed.\n", source="b.txt", format="text")
    first = store.add_document(doc, [_figure()])
    second = store.add_document(same_content, [_figure()])
    assert first.created and not second.created
    assert second.document_id == first.document_id
    assert store.count_documents() == 1
    assert len(store.figures()) == 1


def test_figures_round_trip_with_every_field(store):
    doc = Document(text="The Home Office dismissed 3 staff.", source="/x/home.txt", format="text")
    fig = _figure()
    store.add_document(doc, [fig])
    (back,) = store.figures()
    assert back.document == "home.txt"
    assert back.model_dump(exclude={"document"}) == fig.model_dump(exclude={"document"})


def test_figures_filter_by_organisation_part_and_outcome(store):
    store.add_document(Document(text="one", source="1.txt", format="text"),
                       [_figure(3, "dismissed"), _figure(5, "written_warning")])
    assert [f.count for f in store.figures(organisation="home off")] == [3, 5]
    assert [f.count for f in store.figures(outcome="written_warning")] == [5]
    assert store.figures(organisation="Ministry") == []


def test_replace_extraction_swaps_them_in_one_go(store):
    result = store.add_document(Document(text="one", source="1.txt", format="text"), [_figure(3)])
    store.replace_extraction(result.document_id, [_figure(4), _figure(6, "suspended")])
    assert sorted(f.count for f in store.figures()) == [4, 6]


def test_documents_survive_reopening_and_keep_tables(tmp_path):
    from disclosed.model import Table

    path = tmp_path / "x.db"
    s = open_store(str(path))
    table = Table(rows=[["Year", "Dismissed"], ["2012", "4"]], caption="Outcomes")
    s.add_document(Document(text="t", source="t.html", format="html", tables=[table]))
    s.close()
    again = open_store(str(path))
    ((_, doc),) = list(again.iter_documents())
    assert doc.tables == [table]


def test_db_url_comes_from_argument_then_environment_then_default(monkeypatch, tmp_path):
    monkeypatch.delenv("DISCLOSED_DB", raising=False)
    assert resolve_db_url(None) == "sqlite:///disclosed.db"
    monkeypatch.setenv("DISCLOSED_DB", "postgresql+psycopg://u@localhost/d")
    assert resolve_db_url(None) == "postgresql+psycopg://u@localhost/d"
    assert resolve_db_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"


def test_a_store_in_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nope" / "x.db"))


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="junk.db|not a database"):
        open_store(str(junk))
