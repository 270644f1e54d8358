"""Initial schema: states, sources, recommendations and pledges, full-text index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "states",
        sa.Column("code", sa.String(3), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("regional_group", sa.String(20), nullable=True),
        sa.Column("un_status", sa.String(10), nullable=False),
    )
    op.create_table(
        "state_organisations",
        sa.Column("state_code", sa.String(3), sa.ForeignKey("states.code"), primary_key=True),
        sa.Column("organisation", sa.String(40), primary_key=True),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("encoding", sa.String(20), nullable=False),
        sa.Column("rows_read", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("natural_key", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sur_code", sa.String(3), sa.ForeignKey("states.code"), nullable=False),
        sa.Column("session", sa.Integer, nullable=False),
        sa.Column("cycle", sa.Integer, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("response", sa.String(20), nullable=True),
        sa.Column("response_comment", sa.Text, nullable=True),
        sa.Column("action_category", sa.Integer, nullable=True),
        sa.Column("document_symbol", sa.String(60), nullable=True),
        sa.Column("paragraph", sa.String(30), nullable=True),
    )
    op.create_index("ix_recommendations_sur_session", "recommendations", ["sur_code", "session"])
    op.create_index("ix_recommendations_session", "recommendations", ["session"])
    op.create_table(
        "recommendation_issues",
        sa.Column(
            "recommendation_id",
            sa.Integer,
            sa.ForeignKey("recommendations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("issue", sa.String(80), primary_key=True),
        sa.Column("coding", sa.String(20), nullable=False),
    )
    op.create_index("ix_recommendation_issues_issue", "recommendation_issues", ["issue"])
    op.create_table(
        "recommenders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "recommendation_id",
            sa.Integer,
            sa.ForeignKey("recommendations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("state_code", sa.String(3), sa.ForeignKey("states.code"), nullable=True),
        sa.Column("state_key", sa.String(3), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("occurrence", sa.Integer, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.UniqueConstraint("recommendation_id", "state_key", "source_id", "occurrence"),
    )
    op.create_index("ix_recommenders_state", "recommenders", ["state_code"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_fulltext()
    else:
        _postgresql_fulltext()


def _sqlite_fulltext() -> None:
    # External-content FTS5 table kept in step by triggers, so no write path can forget it.
    op.execute(
        "CREATE VIRTUAL TABLE recommendation_fts USING fts5("
        "search_text, content='recommendations', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER recommendations_fts_insert AFTER INSERT ON recommendations BEGIN "
        "INSERT INTO recommendation_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER recommendations_fts_delete AFTER DELETE ON recommendations BEGIN "
        "INSERT INTO recommendation_fts(recommendation_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER recommendations_fts_update AFTER UPDATE OF search_text ON recommendations "
        "BEGIN INSERT INTO recommendation_fts(recommendation_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO recommendation_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )


def _postgresql_fulltext() -> None:
    op.execute(
        "ALTER TABLE recommendations ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED"
    )
    op.execute("CREATE INDEX ix_recommendations_search_vector ON recommendations USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE recommendation_fts")
    for table in (
        "meta",
        "recommenders",
        "recommendation_issues",
        "recommendations",
        "sources",
        "state_organisations",
        "states",
    ):
        op.drop_table(table)
