"""The store: the only place that speaks SQL. SQLite by default, PostgreSQL with the same code."""

from disclosed.store import foi as foi  # registers the FOI tables on Base.metadata
from disclosed.store import stories as stories  # registers the stories tables on Base.metadata
from disclosed.store import story_tables as story_tables  # story ids, dataset and checks tables
from disclosed.store.database import AddResult, Store, open_store, resolve_db_url

__all__ = ["AddResult", "Store", "open_store", "resolve_db_url"]
