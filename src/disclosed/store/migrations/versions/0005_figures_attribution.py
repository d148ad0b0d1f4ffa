"""Figures: how each figure's organisation was chosen (`attribution`).

Revision ID: 0005_figures
Revises: 0004_foi
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_figures"
down_revision = "0004_foi"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("attribution", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("attribution")
