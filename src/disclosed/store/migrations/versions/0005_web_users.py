"""Users of the web app (name, role, Argon2 password hash) and its settings (the calendar secret).

Revision ID: 0005_web
Revises: 0005_figures
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_web"
down_revision = "0005_store"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "web_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("web_settings")
    op.drop_table("web_users")
