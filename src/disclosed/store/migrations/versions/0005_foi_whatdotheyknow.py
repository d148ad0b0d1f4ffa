"""Bodies from WhatDoTheyKnow's authorities list, and which WhatDoTheyKnow requests (and their
events and attachments) were imported as tracked FOI requests.

Revision ID: 0005_foi
Revises: 0005_stories
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_foi"
down_revision = "0005_stories"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "foi_bodies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url_name", sa.String(255), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("short_name", sa.Text()),
        sa.Column("short_name_is_alias", sa.Boolean(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("home_page", sa.Text()),
        sa.Column("nation", sa.String(32)),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_foi_bodies_name_key", "foi_bodies", ["name_key"])
    op.create_table(
        "foi_imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_key", sa.String(255), nullable=False, unique=True),
        sa.Column("request_id", sa.String(64), sa.ForeignKey("foi_requests.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_foi_imports_request_id", "foi_imports", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_foi_imports_request_id", table_name="foi_imports")
    op.drop_table("foi_imports")
    op.drop_index("ix_foi_bodies_name_key", table_name="foi_bodies")
    op.drop_table("foi_bodies")
