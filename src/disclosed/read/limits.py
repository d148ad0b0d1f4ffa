"""The size limit on what is read into memory, and how sizes are written in messages."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# A PDF with more pages than this is refused before its pages are parsed (a hostile 99,000-page file
# otherwise runs for many minutes). Module state so an ingest run can set it for its worker processes.
MAX_PDF_PAGES = 5000


def size_text(size: int) -> str:
    """A byte count for a message: "210.0 MB", or "2.9 KB" below a megabyte."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
