"""Policy facts and statements.

Revision ID: 0002_facts
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_facts"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("stance", sa.String(32), nullable=False),
        sa.Column("platforms", sa.JSON(), nullable=False),
        sa.Column("detail", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_policies_organisation", "policies", ["organisation"])
    op.create_index("ix_policies_document_id", "policies", ["document_id"])
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("speaker", sa.Text()),
        sa.Column("role", sa.Text()),
        sa.Column("speaker_organisation", sa.Text()),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.Column("published", sa.Date()),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_statements_speaker_organisation", "statements", ["speaker_organisation"])
    op.create_index("ix_statements_document_id", "statements", ["document_id"])


def downgrade() -> None:
    op.drop_table("statements")
    op.drop_table("policies")
