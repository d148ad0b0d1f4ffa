"""The one exception hierarchy: every error a user can act on, with a one-line message."""

from __future__ import annotations


class DisclosedError(Exception):
    """Base of every error disclosed raises on purpose. `str(err)` is a one-line message."""


class ReadError(DisclosedError):
    """A file or record could not be read into a Document; names the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):  # picklable, so worker processes can hand errors back to the parent
        return (type(self), (self.source, self.reason))


class StoreError(DisclosedError):
    """The store could not be opened, migrated or written."""


class NotFoundError(DisclosedError):
    """A record asked for by id or name does not exist."""


class InvalidInputError(DisclosedError):
    """A value given by the user (a date, a status, a field) is not acceptable; names the field."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason

    def __reduce__(self):
        return (type(self), (self.field, self.reason))
