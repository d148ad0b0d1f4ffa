"""Documents and their figures.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("container", sa.Text()),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("outlet", sa.Text()),
        sa.Column("retrieved", sa.DateTime()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tables", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.func.now()),
        sa.Column("extracted_at", sa.DateTime()),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("figure_key", sa.String(64)),
        sa.Column("part_of", sa.String(64)),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("organisation_mention", sa.Text()),
        sa.Column("staff_group", sa.String(32)),
        sa.Column("outcome", sa.String(48), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("suppressed", sa.Boolean(), nullable=False),
        sa.Column("platforms", sa.JSON(), nullable=False),
        sa.Column("period_start", sa.String(7)),
        sa.Column("period_end", sa.String(7)),
        sa.Column("period", sa.Text()),
        sa.Column("conduct", sa.Text()),
        sa.Column("requester", sa.Text()),
        sa.Column("topic", sa.String(32), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("count_text", sa.Text(), nullable=False),
    )
    op.create_index("ix_figures_organisation", "figures", ["organisation"])
    op.create_index("ix_figures_outcome", "figures", ["outcome"])
    op.create_index("ix_figures_document_id", "figures", ["document_id"])


def downgrade() -> None:
    op.drop_table("figures")
    op.drop_table("documents")
