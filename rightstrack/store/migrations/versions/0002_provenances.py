"""Provenances (every source's word on a recommendation) and document codings (themes, SDGs).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provenances",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "recommendation_id",
            sa.Integer,
            sa.ForeignKey("recommendations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("locator", sa.String(40), nullable=False),
        sa.Column("document_symbol", sa.String(60), nullable=True),
        sa.Column("position", sa.String(40), nullable=True),
        sa.Column("response", sa.String(20), nullable=True),
        sa.Column("position_source", sa.String(120), nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.UniqueConstraint("recommendation_id", "source_id", "locator"),
    )
    op.create_index("ix_provenances_source", "provenances", ["source_id", "locator"])
    op.create_index("ix_provenances_symbol", "provenances", ["document_symbol"])
    op.create_table(
        "recommendation_tags",
        sa.Column(
            "recommendation_id",
            sa.Integer,
            sa.ForeignKey("recommendations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("vocabulary", sa.String(30), primary_key=True),
        sa.Column("tag", sa.String(200), primary_key=True),
        sa.Column("coding", sa.String(20), nullable=False),
    )
    op.create_index("ix_recommendation_tags_tag", "recommendation_tags", ["vocabulary", "tag"])
    # Stores filled before this revision: each export row's record gets its provenance.
    op.execute(
        "INSERT INTO provenances (recommendation_id, source_id, locator, position, response) "
        "SELECT r.recommendation_id, r.source_id, 'line ' || CAST(MIN(r.line) AS VARCHAR(12)), "
        "MIN(rec.response), MIN(rec.response) "
        "FROM recommenders r JOIN recommendations rec ON rec.id = r.recommendation_id "
        "GROUP BY r.recommendation_id, r.source_id"
    )


def downgrade() -> None:
    op.drop_table("recommendation_tags")
    op.drop_table("provenances")
