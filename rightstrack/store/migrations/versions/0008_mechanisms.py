"""Every mechanism: treaty bodies, special procedures and election observation beside the UPR.

A record now says which mechanism and body made it, when its document was published and, where
it came from OHCHR's Universal Human Rights Index, its annotation id (the key a newer export is
merged by). Session and cycle are the UPR's own: other mechanisms' records have neither. Election
observation missions' recommendations carry their mission's details in a table of their own.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recommendations") as table:
        table.alter_column("session", existing_type=sa.Integer(), nullable=True)
        table.alter_column("cycle", existing_type=sa.Integer(), nullable=True)
        table.add_column(sa.Column("mechanism", sa.String(30), nullable=False, server_default="UPR"))
        table.add_column(sa.Column("body", sa.String(120), nullable=False, server_default="UPR"))
        table.add_column(sa.Column("published", sa.Date(), nullable=True))
        table.add_column(sa.Column("uhri_id", sa.String(36), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_fulltext_triggers()
    op.create_index("ix_recommendations_mechanism_body", "recommendations", ["mechanism", "body"])
    op.create_index("ux_recommendations_uhri_id", "recommendations", ["uhri_id"], unique=True)
    op.create_table(
        "eom_recommendations",
        sa.Column(
            "recommendation_id",
            sa.Integer(),
            sa.ForeignKey("recommendations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("mission", sa.String(300), nullable=False),
        sa.Column("organisation", sa.String(120), nullable=False),
        sa.Column("election", sa.String(200), nullable=False),
        sa.Column("election_date", sa.Date(), nullable=True),
        sa.Column("report_title", sa.String(400), nullable=True),
        sa.Column("report_url", sa.String(500), nullable=True),
        sa.Column("number", sa.String(20), nullable=True),
        sa.Column("priority", sa.String(40), nullable=True),
        sa.Column("institution", sa.String(300), nullable=True),
        sa.Column("follow_up", sa.String(60), nullable=True),
    )


def _sqlite_fulltext_triggers() -> None:
    """SQLite rebuilt the table to change its columns, and its triggers went with the old one: the
    full-text index (same ids, same text) is kept in step by the same triggers as revision 0001's."""
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS recommendations_fts_insert AFTER INSERT ON recommendations BEGIN "
        "INSERT INTO recommendation_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS recommendations_fts_delete AFTER DELETE ON recommendations BEGIN "
        "INSERT INTO recommendation_fts(recommendation_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS recommendations_fts_update AFTER UPDATE OF search_text "
        "ON recommendations BEGIN INSERT INTO recommendation_fts(recommendation_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO recommendation_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )


def downgrade() -> None:
    op.drop_table("eom_recommendations")
    op.drop_index("ux_recommendations_uhri_id", "recommendations")
    op.drop_index("ix_recommendations_mechanism_body", "recommendations")
    with op.batch_alter_table("recommendations") as table:
        for column in ("uhri_id", "published", "body", "mechanism"):
            table.drop_column(column)
