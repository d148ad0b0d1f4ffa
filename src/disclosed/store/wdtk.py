"""SQL for what the FOI tracker imports from WhatDoTheyKnow: bodies from its authorities list
(beside the packaged register) and which requests, events and attachments were imported, so a
second import adds nothing. Plain rows in and out; the meaning lives in disclosed.foi."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import select

from disclosed.model import WdtkBody
from disclosed.store.database import Store
from disclosed.store.schema import FoiBodyRow, FoiImportRow


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


_FIELDS = ("name", "name_key", "short_name", "short_name_is_alias", "tags", "home_page", "nation", "source")


def save_bodies(store: Store, bodies: Sequence[WdtkBody]) -> tuple[int, int]:
    """Add new bodies and update changed ones (by `url_name`) in one transaction; returns
    (added, updated). A body stored already with the same fields is left alone."""
    added = updated = 0
    with store.session() as s:
        existing = {r.url_name: r for r in s.scalars(select(FoiBodyRow))}
        for body in bodies:
            row = existing.get(body.url_name)
            if row is None:
                row = FoiBodyRow(
                    url_name=body.url_name, imported_at=_now(), **{k: getattr(body, k) for k in _FIELDS}
                )
                s.add(row)
                existing[body.url_name] = row
                added += 1
            elif any(getattr(row, k) != getattr(body, k) for k in _FIELDS):
                for k in _FIELDS:
                    setattr(row, k, getattr(body, k))
                row.imported_at = _now()
                updated += 1
    return added, updated


def stored_bodies(store: Store) -> list[WdtkBody]:
    """Every imported body, by name."""
    with store.session() as s:
        return [
            WdtkBody(url_name=r.url_name, **{k: getattr(r, k) for k in _FIELDS})
            for r in s.scalars(select(FoiBodyRow).order_by(FoiBodyRow.name, FoiBodyRow.id))
        ]


def imported_request(store: Store, source_key: str) -> str | None:
    """The tracked request an imported item (a request, event or attachment) went into, if any."""
    with store.session() as s:
        return s.scalar(select(FoiImportRow.request_id).where(FoiImportRow.source_key == source_key))


def imported_keys(store: Store, request_id: str) -> set[str]:
    """The keys of everything imported into one tracked request."""
    with store.session() as s:
        return set(s.scalars(select(FoiImportRow.source_key).where(FoiImportRow.request_id == request_id)))


def record_imports(store: Store, request_id: str, source_keys: Iterable[str]) -> int:
    """Remember that these items went into `request_id`; keys already recorded are skipped."""
    keys = list(dict.fromkeys(source_keys))
    if not keys:
        return 0
    with store.session() as s:
        known = set(s.scalars(select(FoiImportRow.source_key).where(FoiImportRow.source_key.in_(keys))))
        new = [k for k in keys if k not in known]
        s.add_all(FoiImportRow(source_key=k, request_id=request_id, imported_at=_now()) for k in new)
    return len(new)
