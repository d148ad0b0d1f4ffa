"""Saying why a listing is empty, on stderr: nothing stored yet, or which filter matched nothing and
what close values are stored ("no figures match --org 'Nowhere'; did you mean 'Norfolk County Council'?")."""

from __future__ import annotations

from disclosed.cli.options import did_you_mean
from disclosed.cli.output import note
from disclosed.store import Store
from disclosed.store.document_refs import distinct_values

# Filter option -> (the value given, the "table.column" it searches, or None when not suggestible)
Filters = dict[str, tuple[str | None, str | None]]


def explain_empty(store: Store, what: str, filters: Filters) -> None:
    """One line on stderr saying why no `what` were listed."""
    given = {option: (value, column) for option, (value, column) in filters.items() if value}
    if not given:
        if store.count_documents() == 0:
            note(f"no {what}: no documents stored (disclosed ingest PATH... adds some)")
        else:
            note(f"no {what} in the {store.count_documents()} stored documents")
        return
    hints = []
    for option, (value, column) in given.items():
        if column is None:
            continue
        stored = distinct_values(store, column)
        if value and not any(value.lower() in s.lower() for s in stored):
            hints.append(f"{option} {value!r} matches none stored{did_you_mean(value, stored)}")
    shown = ", ".join(f"{option} {value!r}" for option, (value, _column) in given.items())
    if hints:
        note(f"no {what} match {shown}: " + "; ".join(hints))
    else:
        note(f"no {what} match {shown} together (each matches some on its own)")
