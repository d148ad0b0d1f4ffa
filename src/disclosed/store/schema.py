"""Every table of the store (SQLAlchemy 2 declarative models), in step with the Alembic migrations:
documents and what was extracted from them; fingerprints, copies, citations and stories; the FOI
tracker; the work a run still owes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    source: Mapped[str] = mapped_column(Text, nullable=False)
    container: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16), nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    published_from: Mapped[str | None] = mapped_column(Text)  # where the date was read (Document)
    outlet: Mapped[str | None] = mapped_column(Text)
    retrieved: Mapped[datetime | None] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    tables: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, server_default=func.now())
    extracted_at: Mapped[datetime | None] = mapped_column(DateTime)

    figures: Mapped[list[FigureRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    policies: Mapped[list[PolicyRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    statements: Mapped[list[StatementRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class FigureRow(Base):
    __tablename__ = "figures"
    __table_args__ = (
        Index("ix_figures_organisation", "organisation"),
        Index("ix_figures_outcome", "outcome"),
        Index("ix_figures_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    figure_key: Mapped[str | None] = mapped_column(String(64))  # Figure.id: unique within its document
    part_of: Mapped[str | None] = mapped_column(String(64))
    organisation: Mapped[str] = mapped_column(Text, nullable=False)
    organisation_mention: Mapped[str | None] = mapped_column(Text)
    staff_group: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(48), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False)
    qualifier: Mapped[str] = mapped_column(String(16), nullable=False, default="exact")
    suppressed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    platforms: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    period_start: Mapped[str | None] = mapped_column(String(7))
    period_end: Mapped[str | None] = mapped_column(String(7))
    period: Mapped[str | None] = mapped_column(Text)
    conduct: Mapped[str | None] = mapped_column(Text)
    requester: Mapped[str | None] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(32), nullable=False, default="social_media")
    evidence: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False)
    count_text: Mapped[str] = mapped_column(Text, nullable=False)
    attribution: Mapped[str | None] = mapped_column(Text)  # how the organisation was chosen

    document: Mapped[DocumentRow] = relationship(back_populates="figures")


class PolicyRow(Base):
    __tablename__ = "policies"
    __table_args__ = (
        Index("ix_policies_organisation", "organisation"),
        Index("ix_policies_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    organisation: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    stance: Mapped[str] = mapped_column(String(32), nullable=False)
    platforms: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    detail: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False)


class StatementRow(Base):
    __tablename__ = "statements"
    __table_args__ = (
        Index("ix_statements_speaker_organisation", "speaker_organisation"),
        Index("ix_statements_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    speaker: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    speaker_organisation: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text, nullable=False)
    reported: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    published: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False)


# -- stories ---------------------------------------------------------------------------------------

class FingerprintRow(Base):
    __tablename__ = "document_fingerprints"
    __table_args__ = (Index("ix_document_fingerprints_settings_version", "settings_version"),)

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    settings_version: Mapped[str] = mapped_column(String(64), nullable=False)
    shingles: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    signature: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class CopyRow(Base):
    __tablename__ = "document_copies"
    __table_args__ = (Index("ix_document_copies_document_b", "document_b"),)

    document_a: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    document_b: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    similarity: Mapped[float] = mapped_column(Float, nullable=False)


class CitationRow(Base):
    __tablename__ = "document_citations"
    __table_args__ = (Index("ix_document_citations_document_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    outlet: Mapped[str | None] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(16), nullable=False)
    evidence: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    first_date: Mapped[date | None] = mapped_column(Date)
    last_date: Mapped[date | None] = mapped_column(Date)
    origin_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    organisations: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    requesters: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    # copies, links and sources name documents as the story did when it was grouped (regrouped on
    # every update, so never stale)
    copies: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    links: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    sources: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)


class StoryDocumentRow(Base):
    __tablename__ = "story_documents"
    __table_args__ = (Index("ix_story_documents_document_id", "document_id", unique=True),)

    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


# -- the FOI tracker -------------------------------------------------------------------------------

class FoiRequestRow(Base):
    __tablename__ = "foi_requests"
    __table_args__ = (
        Index("ix_foi_requests_batch", "batch"),
        Index("ix_foi_requests_authority", "authority"),
        Index("ix_foi_requests_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    batch: Mapped[str | None] = mapped_column(String(64))
    authority: Mapped[str] = mapped_column(Text, nullable=False)
    nation: Mapped[str | None] = mapped_column(String(32))
    law: Mapped[str] = mapped_column(String(8), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    requester: Mapped[str | None] = mapped_column(Text)
    received: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(Text)
    our_reference: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    updated_by: Mapped[str | None] = mapped_column(Text)

    changes: Mapped[list[FoiStatusChangeRow]] = relationship(
        order_by="FoiStatusChangeRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class FoiStatusChangeRow(Base):
    __tablename__ = "foi_status_changes"
    __table_args__ = (Index("ix_foi_status_changes_request_id", "request_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("foi_requests.id", ondelete="CASCADE"), nullable=False)
    status: Mapped[str] = mapped_column(String(32), nullable=False)
    on: Mapped[date] = mapped_column("on_date", Date, nullable=False)  # "on" is an SQL keyword
    exemptions: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    appeal_to: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    created_by: Mapped[str | None] = mapped_column(Text)


class FoiResponseRow(Base):
    __tablename__ = "foi_responses"
    __table_args__ = (
        UniqueConstraint("request_id", "document_id", name="uq_foi_responses_request_document"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("foi_requests.id", ondelete="CASCADE"), nullable=False)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    received: Mapped[date] = mapped_column(Date, nullable=False)
    attached_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    proposal: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    applied: Mapped[bool] = mapped_column(nullable=False, default=False)


class FoiRequestStoryRow(Base):
    __tablename__ = "foi_request_stories"
    __table_args__ = (
        UniqueConstraint("request_id", "story_id", name="uq_foi_request_stories_request_story"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("foi_requests.id", ondelete="CASCADE"), nullable=False)
    # Stories live in another module's table; a plain id keeps this one independent of it.
    story_id: Mapped[str] = mapped_column(String(64), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)


# -- FOI: bodies and requests imported from WhatDoTheyKnow (migration 0005_foi) -------

class FoiBodyRow(Base):
    """A public body from WhatDoTheyKnow's all-authorities.csv, kept beside the packaged register."""

    __tablename__ = "foi_bodies"
    __table_args__ = (Index("ix_foi_bodies_name_key", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url_name: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    name_key: Mapped[str] = mapped_column(Text, nullable=False)
    short_name: Mapped[str | None] = mapped_column(Text)
    short_name_is_alias: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    tags: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    home_page: Mapped[str | None] = mapped_column(Text)
    nation: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(32), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class FoiImportRow(Base):
    """A WhatDoTheyKnow request imported as a tracked FOI request, and each of its events once."""

    __tablename__ = "foi_imports"
    __table_args__ = (Index("ix_foi_imports_request_id", "request_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "request:<url_title>" for the request itself, "event:<id>" and "attachment:<sha256>" for its parts.
    source_key: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("foi_requests.id", ondelete="CASCADE"), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


# -- work owed -------------------------------------------------------------------------------------

class OwedWorkRow(Base):
    """Work a run owes after changing documents, kept so the next run of any command finishes it.

    One row per kind ("stories"): every change that makes it due bumps `generation` in the same
    transaction; the run that does the work records the generation it covered in `done`. Due while
    generation > done, so a kill anywhere between the two leaves it due."""

    __tablename__ = "owed_work"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    done: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

# -- web users (migration 0005_web_users) --------------------------------------------------------


class UserRow(Base):
    """A person who may log in to the web app: `role` is viewer, reviewer or admin; the password is
    kept only as an Argon2 hash."""

    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True, nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, server_default=func.now())


class WebSettingRow(Base):
    """Settings of the web app kept with the data: the secret the calendar feed's URL is derived from."""

    __tablename__ = "web_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


# -- stories v2: every story id ever given, each document's story profile, the stored dataset --------
# (views over them, created by migration 0005_stories: story_membership, story_redirects, citations)


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

# -- reviews (migration 0006_reviews) -------------------------------------------------------------
# A person's value for a record, kept apart from the extraction: `reviews` holds one row per
# reviewed record (where it was found, so it re-attaches after a re-extraction, and the values the
# person set); `review_changes` every change to it, with who, when, before, after and a note.
# No foreign key to documents or figures: those are replaced by every extraction, and a review
# whose record no longer appears is kept, marked orphaned.


class ReviewRow(Base):
    """One reviewed record. The anchor (document source, evidence span, and the figure's key as
    extracted: organisation, staff group, outcome, count) finds it again after a re-extraction;
    `fields` are the person's values laid over the extracted ones; `version` counts the changes,
    for optimistic concurrency."""

    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_document_source", "document_source"),
        UniqueConstraint("figure_id", name="uq_reviews_figure_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="figure")
    document_source: Mapped[str] = mapped_column(Text, nullable=False)
    document_name: Mapped[str] = mapped_column(Text, nullable=False)
    document_id: Mapped[int | None] = mapped_column(Integer)  # where it is attached now
    figure_id: Mapped[int | None] = mapped_column(Integer)  # the figure row it is attached to now
    evidence: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False)
    organisation: Mapped[str] = mapped_column(Text, nullable=False)
    staff_group: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(48), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False)
    extracted: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)  # {} for an added figure
    fields: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    # confirmed, corrected, rejected, added, or stamped (only the FOI requester: not reviewed)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    reviewed_by: Mapped[str | None] = mapped_column(Text)  # the last person to review it (not a stamp)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    orphaned: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)

    changes: Mapped[list[ReviewChangeRow]] = relationship(
        order_by="ReviewChangeRow.version", cascade="all, delete-orphan", passive_deletes=True
    )


class ReviewChangeRow(Base):
    __tablename__ = "review_changes"
    __table_args__ = (
        UniqueConstraint("review_id", "version", name="uq_review_changes_review_version"),
        Index("ix_review_changes_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)  # confirm correct reject add stamp
    by: Mapped[str] = mapped_column(Text, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=_now)
    before: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    after: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
