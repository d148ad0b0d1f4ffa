"""Reviews: a person's value for a record, kept apart from the extraction, and every change to it.

Revision ID: 0006_reviews
Revises: 0005_foi
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_reviews"
down_revision = "0005_foi"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("document_source", sa.Text(), nullable=False),
        sa.Column("document_name", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer()),
        sa.Column("figure_id", sa.Integer()),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("staff_group", sa.String(32)),
        sa.Column("outcome", sa.String(48), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("extracted", sa.JSON(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewed_by", sa.Text()),
        sa.Column("reviewed_at", sa.DateTime()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("orphaned", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("figure_id", name="uq_reviews_figure_id"),
    )
    op.create_index("ix_reviews_document_source", "reviews", ["document_source"])
    op.create_table(
        "review_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("review_id", sa.Integer(), sa.ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.UniqueConstraint("review_id", "version", name="uq_review_changes_review_version"),
    )
    op.create_index("ix_review_changes_at", "review_changes", ["at"])


def downgrade() -> None:
    op.drop_index("ix_review_changes_at", "review_changes")
    op.drop_table("review_changes")
    op.drop_index("ix_reviews_document_source", "reviews")
    op.drop_table("reviews")
