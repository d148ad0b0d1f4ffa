"""Stories: document fingerprints, copy pairs, citations, stories and their documents.

Revision ID: 0003_stories
Revises: 0002_facts
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_stories"
down_revision = "0002_facts"
branch_labels = None
depends_on = None


def _document_fk(**kw) -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete=kw.get("ondelete", "CASCADE"))


def upgrade() -> None:
    op.create_table(
        "document_fingerprints",
        sa.Column("document_id", sa.Integer(), _document_fk(), primary_key=True),
        sa.Column("settings_version", sa.String(64), nullable=False),
        sa.Column("shingles", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_document_fingerprints_settings_version", "document_fingerprints",
                    ["settings_version"])
    op.create_table(
        "document_copies",
        sa.Column("document_a", sa.Integer(), _document_fk(), primary_key=True),
        sa.Column("document_b", sa.Integer(), _document_fk(), primary_key=True),
        sa.Column("similarity", sa.Float(), nullable=False),
    )
    op.create_index("ix_document_copies_document_b", "document_copies", ["document_b"])
    op.create_table(
        "document_citations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), _document_fk(), nullable=False),
        sa.Column("outlet", sa.Text()),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_document_citations_document_id", "document_citations", ["document_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_date", sa.Date()),
        sa.Column("last_date", sa.Date()),
        sa.Column("origin_document_id", sa.Integer(), _document_fk(ondelete="SET NULL")),
        sa.Column("organisations", sa.JSON(), nullable=False),
        sa.Column("requesters", sa.JSON(), nullable=False),
        sa.Column("copies", sa.JSON(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "story_documents",
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("document_id", sa.Integer(), _document_fk(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_story_documents_document_id", "story_documents", ["document_id"], unique=True)


def downgrade() -> None:
    op.drop_table("story_documents")
    op.drop_table("stories")
    op.drop_table("document_citations")
    op.drop_table("document_copies")
    op.drop_table("document_fingerprints")
