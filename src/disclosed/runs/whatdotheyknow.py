"""Importing from WhatDoTheyKnow: its authorities list as bodies kept beside the packaged register,
and a request's JSON as a tracked request with its history and responses. Both are idempotent: a
second import of the same file adds nothing (disclosed.foi.whatdotheyknow reads the files).

An import of a request is a sequence of transactions (the request, each new status change, each
attached reply), each recorded under its source key once it is stored, so a re-run adds only what
is still missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from disclosed.foi.bodies import KnownBody
from disclosed.foi.records import FoiRequest
from disclosed.foi.statuses import transitions
from disclosed.foi.whatdotheyknow import read_authorities_csv, read_request
from disclosed.runs.foi import attach_response_file, read_response, record_status
from disclosed.store import Store, wdtk
from disclosed.store import foi as tracker


def import_authorities(store: Store, path: Path) -> tuple[int, int]:
    """Add the bodies of an authorities CSV to the store; returns (added, updated)."""
    return wdtk.save_bodies(store, read_authorities_csv(path))


def known_bodies(store: Store) -> list[KnownBody]:
    """The imported bodies, as the FOI tracker matches names against them."""
    return [
        KnownBody(
            name=b.name,
            short_name=b.short_name,
            nation=b.nation,
            source="whatdotheyknow",
            match_short_name=b.short_name_is_alias,
        )
        for b in wdtk.stored_bodies(store)
    ]


@dataclass(frozen=True)
class ImportedRequest:
    request: FoiRequest
    created: bool  # False when the request was imported before
    new_events: int
    attached: list[str]  # names of response files attached by this import


def import_request(
    store: Store,
    path: Path,
    *,
    attachments: Sequence[Path] = (),
    by: str | None = None,
) -> ImportedRequest:
    """Track a WhatDoTheyKnow request from its JSON (see foi.whatdotheyknow.read_request), then
    attach each response file given (letters and attachments downloaded from the request page)
    with its figures, facts and statements. Importing the same JSON again adds only events and
    files not seen before."""
    parsed = read_request(path)
    history = parsed.request.history
    existing = wdtk.imported_request(store, parsed.key)
    created = existing is None
    if existing is None:
        tracker.save_request(store, parsed.request, by=by)
        wdtk.record_imports(store, parsed.request.id, [parsed.key])
        request_id = parsed.request.id
    else:
        request_id = existing
    seen = wdtk.imported_keys(store, request_id)
    new_events = [k for k in parsed.event_keys if k not in seen]
    if not created and new_events:
        current = tracker.get_request(store, request_id)
        for change in history:
            if (
                change.on >= current.history[-1].on
                and change.status != current.status
                and change.status in transitions()[current.status]
            ):
                current = record_status(store, request_id, change.status, change.on, note=change.note, by=by)
    wdtk.record_imports(store, request_id, new_events)
    attached: list[str] = []
    last_day = history[-1].on
    for file in attachments:
        document, _ = read_response(file)
        key = f"attachment:{document.sha256}"
        if key in seen:
            continue
        attach_response_file(store, request_id, file, last_day, by=by)
        wdtk.record_imports(store, request_id, [key])
        attached.append(file.name)
    return ImportedRequest(
        request=tracker.get_request(store, request_id),
        created=created,
        new_events=len(new_events) if not created else len(parsed.event_keys),
        attached=attached,
    )
