"""The store: the only place that speaks SQL. SQLite by default, PostgreSQL with the same code.

It imports nothing of disclosed but `model` and `errors`: the use cases that read, extract, group and
reconcile are in disclosed.runs, above it."""

from disclosed.store.database import AddResult, Store, open_store, resolve_db_url

__all__ = ["AddResult", "Store", "open_store", "resolve_db_url"]
