"""Migrations: one line of revisions that builds exactly the schema the models declare."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from disclosed.store import open_store
from disclosed.store.database import _alembic_config
from disclosed.store.schema import Base


def test_revisions_form_a_single_line():
    script = ScriptDirectory.from_config(_alembic_config())
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1


def test_migrated_schema_matches_the_models(tmp_path):
    store = open_store(str(tmp_path / "m.db"))
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_downgrade_to_base_removes_every_table_and_upgrade_restores_them(tmp_path):
    store = open_store(str(tmp_path / "m.db"))
    tables = set(inspect(store.engine).get_table_names())
    cfg = _alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    reopened = open_store(str(tmp_path / "m.db"))
    assert set(inspect(reopened.engine).get_table_names()) == tables
