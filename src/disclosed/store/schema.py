"""The tables: documents and the figures extracted from them (SQLAlchemy 2 declarative models).

Other parts of disclosed declare their tables on the same `Base` in their own modules
(store/stories.py, store/foi.py, ...), each with its own Alembic migration.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


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


# -- FOI: bodies and requests imported from WhatDoTheyKnow (foi branch; migration 0005_foi) -------

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
