"""Stories v2 tables: every story id ever given (merged ones pointing at the story they joined), and
the reconciled dataset and its failed checks stored as tables, with SQL views over stories, their
documents and links, so any SQL client (or Datasette) reads them without the library.

Kept apart from store/stories.py, which calls `keep_ids` before it replaces the stories and
`write_dataset` after.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, delete, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from disclosed.model import Dataset, Story
from disclosed.store.schema import Base
from disclosed.stories.ids import assign_story_ids, resolve

# Views over these tables (created by migration 0005): story_membership (each story's documents by
# name, in order), story_redirects (merged ids and the story they joined), citations (by document
# name, with its story).
VIEWS = ("story_membership", "story_redirects", "citations")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class StoryIdRow(Base):
    """Every story id ever given. `merged_into` is set when the story merged into another."""

    __tablename__ = "story_ids"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    merged_into: Mapped[str | None] = mapped_column(String(64))


class StoryProfileRow(Base):
    """Each document's story profile (stories.profile), kept so a regrouping does not read every text
    again; recomputed when its version or the document's figures changed."""

    __tablename__ = "document_story_profiles"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    figures_signature: Mapped[int] = mapped_column(Integer, nullable=False)
    profile: Mapped[dict] = mapped_column(JSON, nullable=False)


class DatasetRowRow(Base):
    __tablename__ = "dataset_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation: Mapped[str] = mapped_column(Text, nullable=False)
    staff_group: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(64), nullable=False)
    period_start: Mapped[str | None] = mapped_column(String(16))
    period_end: Mapped[str | None] = mapped_column(String(16))
    period: Mapped[str | None] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int] = mapped_column(Integer, nullable=False)
    qualifier: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    documents: Mapped[list] = mapped_column(JSON, nullable=False)
    sources: Mapped[int] = mapped_column(Integer, nullable=False)
    stories: Mapped[list] = mapped_column(JSON, nullable=False)
    competing: Mapped[list] = mapped_column(JSON, nullable=False)


class DatasetCheckRow(Base):
    __tablename__ = "dataset_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    organisation: Mapped[str] = mapped_column(Text, nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False)
    documents: Mapped[list] = mapped_column(JSON, nullable=False)
    story_id: Mapped[str | None] = mapped_column(ForeignKey("story_ids.id", ondelete="SET NULL"))
    expected: Mapped[int | None] = mapped_column(Integer)
    found: Mapped[int | None] = mapped_column(Integer)


def keep_ids(s: Session, stories: Sequence[Story], previous: dict[str, str]) -> list[Story]:
    """The stories with stable ids: `previous` maps each document key to the story id it was in
    before this regrouping. Records new ids and redirects; returns the stories renamed."""
    known = {r.id: r for r in s.scalars(select(StoryIdRow).order_by(StoryIdRow.created_at, StoryIdRow.id))}
    age = {story_id: i for i, story_id in enumerate(known)}
    proposed = {frozenset(st.documents): st.id for st in stories}
    out = assign_story_ids([st.documents for st in stories], previous, age,
                           lambda group: proposed[frozenset(group)], taken=set(known))
    now = _now()
    for story_id in out.created:
        s.add(StoryIdRow(id=story_id, created_at=now))
    for old, new in out.redirects.items():
        known[old].merged_into = new
    for story_id in out.ids:  # an id that had merged away and is back (a merge undone) stands again
        if story_id in known and known[story_id].merged_into is not None:
            known[story_id].merged_into = None
    s.flush()
    return [st.model_copy(update={"id": story_id}) for st, story_id in zip(stories, out.ids, strict=True)]


def current_id(s: Session, story_id: str) -> str:
    """The id a story has now: a merged story's id leads to the story it joined."""
    redirects = {old: new for old, new in s.execute(select(StoryIdRow.id, StoryIdRow.merged_into)
                                                    .where(StoryIdRow.merged_into.is_not(None)))}
    return resolve(story_id, redirects)


def write_dataset(s: Session, dataset: Dataset) -> None:
    """Replace the stored dataset rows and checks with `dataset`."""
    s.execute(delete(DatasetRowRow))
    s.execute(delete(DatasetCheckRow))
    known = set(s.scalars(select(StoryIdRow.id)))
    if dataset.rows:
        s.execute(insert(DatasetRowRow), [
            {**r.model_dump(mode="json", exclude={"values"}),
             "competing": [v.model_dump(mode="json") for v in r.values] if r.status == "conflicting" else []}
            for r in dataset.rows
        ])
    if dataset.checks:
        s.execute(insert(DatasetCheckRow), [
            {**c.model_dump(mode="json", exclude={"story"}),
             "story_id": c.story if c.story in known else None}
            for c in dataset.checks
        ])
