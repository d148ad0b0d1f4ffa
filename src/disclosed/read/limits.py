"""The size limit on what is read into memory, and how sizes are written in messages."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def size_text(size: int) -> str:
    """A byte count for a message: "210.0 MB", or "2.9 KB" below a megabyte."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
