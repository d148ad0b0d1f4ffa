"""Stories v2: persisted story ids with redirects, each document's story profile, the dataset and
its checks as tables, views over stories, their documents and citations for any SQL client, and
where each publication date came from.

Revision ID: 0005_stories
Revises: 0005_web
"""

import sqlalchemy as sa
from alembic import op

VIEWS = {
    "story_membership": """
        SELECT sd.story_id AS story_id, st.title AS story_title, sd.position AS position,
               d.id AS document_id, d.name AS document, d.title AS document_title,
               d.published AS published, d.outlet AS outlet
        FROM story_documents sd
        JOIN stories st ON st.id = sd.story_id
        JOIN documents d ON d.id = sd.document_id
    """,
    "story_redirects": """
        SELECT id AS old_id, merged_into AS story_id, created_at FROM story_ids WHERE merged_into IS NOT NULL
    """,
    "citations": """
        SELECT c.id AS id, d.name AS document, c.outlet AS outlet, c.relation AS relation,
               c.evidence AS evidence, sd.story_id AS story_id
        FROM document_citations c
        JOIN documents d ON d.id = c.document_id
        LEFT JOIN story_documents sd ON sd.document_id = c.document_id
    """,
}
revision = "0005_stories"
down_revision = "0005_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("published_from", sa.Text()))
    op.create_table(
        "story_ids",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("merged_into", sa.String(64)),
    )
    # stories grouped before this revision keep their ids
    op.execute("INSERT INTO story_ids (id, created_at) SELECT id, updated_at FROM stories")
    op.create_table(
        "document_story_profiles",
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("figures_signature", sa.Integer(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
    )
    op.create_table(
        "dataset_rows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("staff_group", sa.String(32)),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("period_start", sa.String(16)),
        sa.Column("period_end", sa.String(16)),
        sa.Column("period", sa.Text()),
        sa.Column("topic", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text()),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("stories", sa.JSON(), nullable=False),
        sa.Column("competing", sa.JSON(), nullable=False),
    )
    op.create_table(
        "dataset_checks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("story_id", sa.String(64), sa.ForeignKey("story_ids.id", ondelete="SET NULL")),
        sa.Column("expected", sa.Integer()),
        sa.Column("found", sa.Integer()),
    )
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("dataset_checks")
    op.drop_table("dataset_rows")
    op.drop_table("document_story_profiles")
    op.drop_table("story_ids")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("published_from")
