"""Use cases above the store: an ingest run, a rebuild, removing documents, attaching a response.

Each use case is one transaction, or a documented sequence of them that a re-run completes. The
store below speaks only SQL; the CLI and the web app above call these.
"""
