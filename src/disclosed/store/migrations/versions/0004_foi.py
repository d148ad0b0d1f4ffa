"""FOI requests, their status history, the responses attached to them and the stories linked to them.

Revision ID: 0004_foi
Revises: 0003_stories
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_foi"
down_revision = "0003_stories"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "foi_requests",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("batch", sa.String(64)),
        sa.Column("authority", sa.Text(), nullable=False),
        sa.Column("nation", sa.String(32)),
        sa.Column("law", sa.String(8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("requester", sa.Text()),
        sa.Column("received", sa.Date()),
        sa.Column("reference", sa.Text()),
        sa.Column("our_reference", sa.Text()),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Text()),
    )
    op.create_index("ix_foi_requests_batch", "foi_requests", ["batch"])
    op.create_index("ix_foi_requests_authority", "foi_requests", ["authority"])
    op.create_index("ix_foi_requests_status", "foi_requests", ["status"])
    op.create_table(
        "foi_status_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.String(64), sa.ForeignKey("foi_requests.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("exemptions", sa.JSON(), nullable=False),
        sa.Column("appeal_to", sa.String(8)),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Text()),
    )
    op.create_index("ix_foi_status_changes_request_id", "foi_status_changes", ["request_id"])
    op.create_table(
        "foi_responses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.String(64), sa.ForeignKey("foi_requests.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("attached_at", sa.DateTime(), nullable=False),
        sa.Column("proposal", sa.JSON(), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("request_id", "document_id", name="uq_foi_responses_request_document"),
    )
    op.create_table(
        "foi_request_stories",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.String(64), sa.ForeignKey("foi_requests.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("request_id", "story_id", name="uq_foi_request_stories_request_story"),
    )


def downgrade() -> None:
    op.drop_table("foi_request_stories")
    op.drop_table("foi_responses")
    op.drop_index("ix_foi_status_changes_request_id", table_name="foi_status_changes")
    op.drop_table("foi_status_changes")
    op.drop_index("ix_foi_requests_status", table_name="foi_requests")
    op.drop_index("ix_foi_requests_authority", table_name="foi_requests")
    op.drop_index("ix_foi_requests_batch", table_name="foi_requests")
    op.drop_table("foi_requests")
