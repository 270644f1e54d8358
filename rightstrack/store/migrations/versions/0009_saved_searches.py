"""Saved searches, with their Atom feed's token and the mark of their e-mail digest.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("query", sa.String(4000), nullable=False),
        sa.Column("locale", sa.String(5), nullable=False),
        sa.Column("feed_token", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("digested_through", sa.Integer(), nullable=False),
        sa.Column("digested_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_saved_searches_user", "saved_searches", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_saved_searches_user", "saved_searches")
    op.drop_table("saved_searches")
