"""The work a run owes (stories to update after documents changed), so the next run finishes it.

Revision ID: 0005_store
Revises: 0004_foi
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_store"
down_revision = "0005_figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    owed = op.create_table(
        "owed_work",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
    )
    # A store that already holds documents may hold stale stories (a run killed before its update):
    # one update is owed, and cheap when nothing is missing.
    has_documents = op.get_bind().execute(sa.text("SELECT EXISTS (SELECT 1 FROM documents)")).scalar()
    op.bulk_insert(owed, [{"kind": "stories", "generation": 1 if has_documents else 0, "done": 0}])


def downgrade() -> None:
    op.drop_table("owed_work")
